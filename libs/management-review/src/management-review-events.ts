import { JobIntent, JobOf } from '@ambidex/platform';
import { packJobId } from './domain/management-review-rules';
import { MANAGEMENT_REVIEW_QUEUE } from './management-review-job-types';

/** Outbox event types of the management review context. */
export const ManagementReviewEvents = {
  /** Scheduled or asked to reassemble: carries the pack job of the round. */
  PackRequested: 'management-review.pack-requested',
} as const;

export interface PackRequestedPayload {
  reviewId: string;
  round: number;
}

declare module '@ambidex/platform' {
  interface DomainEventMap {
    [ManagementReviewEvents.PackRequested]: PackRequestedPayload;
  }
}

/** The pack job of one round: its id makes a retried relay or a second request of the same round a no-op. */
export function packJobIntent(reviewId: string, round: number): JobIntent<JobOf<'assemble-management-review-pack'>> {
  return {
    queue: MANAGEMENT_REVIEW_QUEUE,
    name: 'assemble-management-review-pack',
    data: { reviewId, round },
    jobId: packJobId(reviewId, round),
  };
}
