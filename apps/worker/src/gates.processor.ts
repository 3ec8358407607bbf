import { ComputeGateOutcome, HoldExpiry, PrepareGateReview, ReviewDeadlines } from '@ambidex/gates';
import { APP_CONFIG, AppConfig, Metrics, QueueName, REDIS_URL } from '@ambidex/platform';
import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { RunningWorker, startQueueWorker, stopQueueWorker } from './queue-worker';

/** Gate review jobs; each calls one idempotent service method. */
@Injectable()
export class GatesProcessor implements OnApplicationBootstrap, OnApplicationShutdown {
  private worker: RunningWorker | undefined;

  constructor(
    private readonly prepare: PrepareGateReview,
    private readonly outcome: ComputeGateOutcome,
    private readonly deadlines: ReviewDeadlines,
    private readonly holds: HoldExpiry,
    private readonly metrics: Metrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(REDIS_URL) private readonly redisUrl: string,
  ) {}

  onApplicationBootstrap(): void {
    this.worker = startQueueWorker({
      queue: QueueName.Gates,
      redisUrl: this.redisUrl,
      config: this.config,
      metrics: this.metrics,
      concurrency: 4,
      handle: async (job) => {
        switch (job.name) {
          case 'prepare-review':
            return this.prepare.run(job.data.reviewId);
          case 'compute-outcome':
            return (await this.outcome.run(job.data.reviewId))?.proposal ?? 'skipped';
          case 'review-reminder':
            return this.deadlines.remind(job.data.reviewId);
          case 'review-escalation':
            return this.deadlines.escalate(job.data.reviewId);
          case 'hold-expired':
            return this.holds.run(job.data.reviewId);
        }
      },
    });
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.worker !== undefined) await stopQueueWorker(this.worker);
  }
}
