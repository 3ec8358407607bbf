import { JobIntent, JobOf } from '@ambidex/platform';
import { postLaunchReviewJobId } from './domain/market-rules';
import { MARKET_QUEUE } from './market-job-types';

/** Outbox event types of the market context. */
export const MarketEvents = {
  /** A post-launch review was scheduled: carries its delayed job. */
  ReviewScheduled: 'market.post-launch-review-scheduled',
} as const;

export interface ReviewScheduledPayload {
  reviewId: string;
  initiativeId: string;
  months: number;
  dueAt: string;
}

declare module '@ambidex/platform' {
  interface DomainEventMap {
    [MarketEvents.ReviewScheduled]: ReviewScheduledPayload;
  }
}

/** The review's job, delayed until due; one per product and review whoever queues it. */
export function reviewJobIntent(
  review: { id: string; initiativeId: string; months: number },
  delayMs: number,
): JobIntent<JobOf<'market-review-due'>> {
  return {
    queue: MARKET_QUEUE,
    name: 'market-review-due',
    data: { reviewId: review.id, initiativeId: review.initiativeId, months: review.months },
    jobId: postLaunchReviewJobId(review.initiativeId, review.months),
    options: { delay: Math.max(0, delayMs) },
  };
}
