import { APP_CONFIG, AppConfig, JobHandlers, QueueName, SCHEDULED_JOB_OPTIONS } from '@ambidex/platform';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { INGEST_QUEUE } from './experiment-job-types';
import { IngestProcessor } from './ingest.processor';
import { IngestSweeper } from './ingest-sweeper';

/** Bulk results and learnings, one batch per job (the batch's progress lives in PostgreSQL), and the sweep of lost ones. */
@Injectable()
export class ExperimentJobs implements OnModuleInit {
  constructor(
    private readonly jobs: JobHandlers,
    private readonly ingest: IngestProcessor,
    private readonly sweeper: IngestSweeper,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.jobs.register({
      queue: INGEST_QUEUE,
      concurrency: 2,
      handlers: { 'ingest-batch': ({ batchId }) => this.ingest.process(batchId) },
    });
    const every = this.config.queues.sweepIntervalMs;
    this.jobs.register({
      queue: QueueName.Maintenance,
      handlers: { 'sweep-ingest': () => this.sweeper.sweep() },
      schedules: {
        every,
        jobs: [{ id: 'sweep-ingest', job: 'sweep-ingest', repeat: { every }, opts: SCHEDULED_JOB_OPTIONS }],
      },
    });
  }
}
