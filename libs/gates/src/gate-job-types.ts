/** Gate review jobs: readiness and evidence, outcomes, reminders, escalations, hold expiry (the name is in Redis). */
export const GATES_QUEUE = 'gates';

declare module '@ambidex/platform' {
  interface JobTypes {
    'prepare-review': { queue: 'gates'; data: { reviewId: string } };
    'compute-outcome': { queue: 'gates'; data: { reviewId: string } };
    'review-reminder': { queue: 'gates'; data: { reviewId: string } };
    'review-escalation': { queue: 'gates'; data: { reviewId: string } };
    'hold-expired': { queue: 'gates'; data: { reviewId: string } };
    'sweep-gates': { queue: 'maintenance'; data: Record<string, never> };
  }
}
