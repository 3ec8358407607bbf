import { APP_CONFIG, AppConfig, JobHandlers, QueueName, SCHEDULED_JOB_OPTIONS } from '@ambidex/platform';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { MARKET_QUEUE } from './market-job-types';
import { MarketSweeper } from './market-sweeper';
import { PostLaunchReviews } from './post-launch-reviews';

/** The delayed post-launch reviews, and the sweep that notifies any whose job was lost. */
@Injectable()
export class MarketJobs implements OnModuleInit {
  constructor(
    private readonly jobs: JobHandlers,
    private readonly reviews: PostLaunchReviews,
    private readonly sweeper: MarketSweeper,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.jobs.register({
      queue: MARKET_QUEUE,
      concurrency: 2,
      handlers: {
        // The return value says whether this job was the one that notified (the sweep may have been first).
        'market-review-due': ({ reviewId }) => this.reviews.notifyDue(reviewId),
      },
    });
    const every = this.config.queues.sweepIntervalMs;
    this.jobs.register({
      queue: QueueName.Maintenance,
      handlers: { 'sweep-market': () => this.sweeper.sweep() },
      schedules: {
        every,
        jobs: [{ id: 'sweep-market', job: 'sweep-market', repeat: { every }, opts: SCHEDULED_JOB_OPTIONS }],
      },
    });
  }
}
