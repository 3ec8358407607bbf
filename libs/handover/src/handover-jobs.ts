import { APP_CONFIG, AppConfig, JobHandlers, QueueName, SCHEDULED_JOB_OPTIONS } from '@ambidex/platform';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { AssembleHandoverPackage } from './assemble-handover-package';
import { HANDOVER_QUEUE } from './handover-job-types';
import { HandoverSweeper } from './handover-sweeper';

/** Package assembly after a G3 Go, and the sweep that redoes handover work whose job was lost. */
@Injectable()
export class HandoverJobs implements OnModuleInit {
  constructor(
    private readonly jobs: JobHandlers,
    private readonly assemble: AssembleHandoverPackage,
    private readonly sweeper: HandoverSweeper,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.jobs.register({
      queue: HANDOVER_QUEUE,
      concurrency: 2,
      handlers: {
        'assemble-package': ({ initiativeId, reviewId }) => this.assemble.run(initiativeId, reviewId),
      },
    });
    const every = this.config.queues.sweepIntervalMs;
    this.jobs.register({
      queue: QueueName.Maintenance,
      handlers: { 'sweep-handover': () => this.sweeper.sweep() },
      schedules: {
        every,
        jobs: [{ id: 'sweep-handover', job: 'sweep-handover', repeat: { every }, opts: SCHEDULED_JOB_OPTIONS }],
      },
    });
  }
}
