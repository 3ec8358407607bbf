import { APP_CONFIG, AppConfig, JobHandlers, QueueName, SCHEDULED_JOB_OPTIONS } from '@ambidex/platform';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { PeriodicReviewSweep } from './periodic-review-sweep';
import { EFFECTIVITY_QUEUE } from './qms-job-types';
import { RevisionEffectivity } from './revision-effectivity';

/**
 * Scheduled effectivity: a revision approved for a future date becomes effective on that date. The periodic review
 * sweep reminds owners of reviews coming due and escalates overdue ones.
 */
@Injectable()
export class QmsJobs implements OnModuleInit {
  constructor(
    private readonly jobs: JobHandlers,
    private readonly effectivity: RevisionEffectivity,
    private readonly reviews: PeriodicReviewSweep,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.jobs.register({
      queue: EFFECTIVITY_QUEUE,
      handlers: { 'make-effective': ({ revisionId }) => this.effectivity.runScheduled(revisionId) },
    });
    const every = this.config.queues.sweepIntervalMs;
    this.jobs.register({
      queue: QueueName.Maintenance,
      handlers: { 'sweep-document-reviews': () => this.reviews.sweep() },
      schedules: {
        every,
        jobs: [
          {
            id: 'sweep-document-reviews',
            job: 'sweep-document-reviews',
            repeat: { every },
            opts: SCHEDULED_JOB_OPTIONS,
          },
        ],
      },
    });
  }
}
