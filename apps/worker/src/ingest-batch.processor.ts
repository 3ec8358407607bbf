import { IngestProcessor } from '@ambidex/experiments';
import { APP_CONFIG, AppConfig, Metrics, QueueName, REDIS_URL } from '@ambidex/platform';
import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { RunningWorker, startQueueWorker, stopQueueWorker } from './queue-worker';

/** Bulk results and learnings, one batch per job; the batch's progress lives in PostgreSQL. */
@Injectable()
export class IngestBatchProcessor implements OnApplicationBootstrap, OnApplicationShutdown {
  private worker: RunningWorker | undefined;

  constructor(
    private readonly processor: IngestProcessor,
    private readonly metrics: Metrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(REDIS_URL) private readonly redisUrl: string,
  ) {}

  onApplicationBootstrap(): void {
    this.worker = startQueueWorker({
      queue: QueueName.Ingest,
      redisUrl: this.redisUrl,
      config: this.config,
      metrics: this.metrics,
      concurrency: 2,
      handle: (job) => this.processor.process(job.data.batchId),
    });
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.worker !== undefined) await stopQueueWorker(this.worker);
  }
}
