import { APP_CONFIG, AppConfig, JobHandlers, QueueName, SCHEDULED_JOB_OPTIONS } from '@ambidex/platform';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { MANAGEMENT_REVIEW_QUEUE } from './management-review-job-types';
import { ManagementReviewSweeper } from './management-review-sweeper';
import { PackAssembly } from './pack-assembly';

/** The pack jobs, and the sweep that escalates overdue review actions. */
@Injectable()
export class ManagementReviewJobs implements OnModuleInit {
  constructor(
    private readonly jobs: JobHandlers,
    private readonly packs: PackAssembly,
    private readonly sweeper: ManagementReviewSweeper,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.jobs.register({
      queue: MANAGEMENT_REVIEW_QUEUE,
      // A pack reads a whole period's figures: one at a time keeps the database free for everyone else.
      concurrency: 1,
      handlers: {
        // The return value says whether this job stored the pack (a newer round or a signature may have come first).
        'assemble-management-review-pack': ({ reviewId, round }) => this.packs.assemble(reviewId, round),
      },
    });
    const every = this.config.queues.sweepIntervalMs;
    this.jobs.register({
      queue: QueueName.Maintenance,
      handlers: { 'sweep-management-review-actions': () => this.sweeper.escalateOverdue() },
      schedules: {
        every,
        jobs: [
          {
            id: 'sweep-management-review-actions',
            job: 'sweep-management-review-actions',
            repeat: { every },
            opts: SCHEDULED_JOB_OPTIONS,
          },
        ],
      },
    });
  }
}
