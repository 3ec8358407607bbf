/** The post-launch reviews, delayed until 6 and 12 months after the handover. */
export const MARKET_QUEUE = 'market';

declare module '@ambidex/platform' {
  interface JobTypes {
    'market-review-due': { queue: 'market'; data: { reviewId: string; initiativeId: string; months: number } };
    'sweep-market': { queue: 'maintenance'; data: Record<string, never> };
  }
}
