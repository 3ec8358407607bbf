import { JobHandlers } from '@ambidex/platform';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { INGEST_QUEUE } from './experiment-job-types';
import { IngestProcessor } from './ingest.processor';

/** Bulk results and learnings, one batch per job; the batch's progress lives in PostgreSQL. */
@Injectable()
export class ExperimentJobs implements OnModuleInit {
  constructor(
    private readonly jobs: JobHandlers,
    private readonly ingest: IngestProcessor,
  ) {}

  onModuleInit(): void {
    this.jobs.register({
      queue: INGEST_QUEUE,
      concurrency: 2,
      handlers: { 'ingest-batch': ({ batchId }) => this.ingest.process(batchId) },
    });
  }
}
