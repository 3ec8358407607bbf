/** Insights read model: per-portfolio refreshes (deduplicated) and the repeatable safety refresh (name in Redis). */
export const INSIGHTS_QUEUE = 'insights';
/** Incremental applies, apart from the refreshes: a long refresh of one portfolio never holds back the others' applies. */
export const INSIGHTS_APPLY_QUEUE = 'insights-apply';

declare module '@ambidex/platform' {
  interface JobTypes {
    /** checkDrift: the safety check, which measures how far the incremental applies drifted before repairing. */
    'refresh-portfolio': { queue: 'insights'; data: { portfolioId: string; checkDrift?: boolean } };
    'refresh-stale': { queue: 'insights'; data: Record<string, never> };
    'apply-initiatives': { queue: 'insights-apply'; data: { portfolioId: string } };
  }
}
