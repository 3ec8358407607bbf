/** Pack assembly, one job per (re)assembly round. */
export const MANAGEMENT_REVIEW_QUEUE = 'management-review';

declare module '@ambidex/platform' {
  interface JobTypes {
    'assemble-management-review-pack': { queue: 'management-review'; data: { reviewId: string; round: number } };
    'sweep-management-review-actions': { queue: 'maintenance'; data: Record<string, never> };
  }
}
