/** Insights read model: per-portfolio refreshes (deduplicated) and the repeatable safety refresh (name in Redis). */
export const INSIGHTS_QUEUE = 'insights';

declare module '@ambidex/platform' {
  interface JobTypes {
    'refresh-portfolio': { queue: 'insights'; data: { portfolioId: string } };
    'refresh-stale': { queue: 'insights'; data: Record<string, never> };
  }
}
