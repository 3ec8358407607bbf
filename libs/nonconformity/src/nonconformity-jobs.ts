import { APP_CONFIG, AppConfig, JobHandlers, QueueName, SCHEDULED_JOB_OPTIONS } from '@ambidex/platform';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { EffectivenessChecks } from './effectiveness-checks';
import { NONCONFORMITY_QUEUE } from './nonconformity-job-types';
import { NonconformitySweeper } from './nonconformity-sweeper';

/** The delayed effectiveness checks, and the sweep that escalates overdue actions and re-creates lost checks. */
@Injectable()
export class NonconformityJobs implements OnModuleInit {
  constructor(
    private readonly jobs: JobHandlers,
    private readonly checks: EffectivenessChecks,
    private readonly sweeper: NonconformitySweeper,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.jobs.register({
      queue: NONCONFORMITY_QUEUE,
      concurrency: 2,
      handlers: {
        // The job's return value says whether it was the one that notified (the sweep may have been first).
        'nc-effectiveness-due': ({ nonconformityId, round }) => this.checks.notifyDue(nonconformityId, round),
      },
    });
    const every = this.config.queues.sweepIntervalMs;
    this.jobs.register({
      queue: QueueName.Maintenance,
      handlers: { 'sweep-nonconformities': () => this.sweeper.sweep() },
      schedules: {
        every,
        jobs: [
          {
            id: 'sweep-nonconformities',
            job: 'sweep-nonconformities',
            repeat: { every },
            opts: SCHEDULED_JOB_OPTIONS,
          },
        ],
      },
    });
  }
}
