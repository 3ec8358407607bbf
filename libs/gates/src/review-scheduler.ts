import { QueueProducer } from '@ambidex/platform';
import { Injectable, Logger } from '@nestjs/common';
import { gateJobIds, gateJobIntents } from './gate-events';
import { GATES_QUEUE } from './gate-job-types';

const DAY_MS = 24 * 3600 * 1000;

/**
 * Delayed jobs of a review: a reminder a day before the deadline (or at half time for short reviews), the
 * escalation at the deadline, the hold expiry. Scheduling happens after commit and is best effort: each handler
 * re-checks the review in PostgreSQL, and the gates sweeper catches anything a lost job missed.
 */
@Injectable()
export class ReviewScheduler {
  private readonly logger = new Logger(ReviewScheduler.name);

  constructor(private readonly producer: QueueProducer) {}

  async scheduleDeadline(reviewId: string, openedAt: Date, deadlineAt: Date): Promise<void> {
    const now = Date.now();
    const span = deadlineAt.getTime() - openedAt.getTime();
    const remindAt = deadlineAt.getTime() - Math.min(DAY_MS, span / 2);
    await this.safely(async () => {
      await this.producer.add(
        { queue: GATES_QUEUE, name: 'review-reminder', data: { reviewId } },
        { jobId: gateJobIds.reminder(reviewId), delay: Math.max(0, remindAt - now) },
      );
      await this.producer.add(
        { queue: GATES_QUEUE, name: 'review-escalation', data: { reviewId } },
        { jobId: gateJobIds.escalation(reviewId), delay: Math.max(0, deadlineAt.getTime() - now) },
      );
    });
  }

  /** No longer due once every scorecard is in. */
  async cancelDeadline(reviewId: string): Promise<void> {
    const queue = this.producer.queue(GATES_QUEUE);
    await this.safely(async () => {
      await queue.remove(gateJobIds.reminder(reviewId));
      await queue.remove(gateJobIds.escalation(reviewId));
    });
  }

  async scheduleHoldExpiry(reviewId: string, holdUntil: Date): Promise<void> {
    await this.safely(() =>
      this.producer.add(
        { queue: GATES_QUEUE, name: 'hold-expired', data: { reviewId } },
        { jobId: gateJobIds.holdExpiry(reviewId), delay: Math.max(0, holdUntil.getTime() - Date.now()) },
      ),
    );
  }

  /** The sweeper's catch-up of a requested review (the request itself records the job with its event). */
  async enqueuePrepare(reviewId: string): Promise<void> {
    const intent = gateJobIntents.prepare(reviewId);
    await this.producer.ensure(intent, intent.jobId);
  }

  private async safely(work: () => Promise<unknown>): Promise<void> {
    try {
      await work();
    } catch (error) {
      this.logger.warn(`scheduling failed, the gates sweeper will catch up: ${(error as Error).message}`);
    }
  }
}
