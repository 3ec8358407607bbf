import { APP_CONFIG, AppConfig, Metrics, QueueName, REDIS_URL } from '@ambidex/platform';
import { DuplicateChecks } from '@ambidex/portfolio';
import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { RunningWorker, startQueueWorker, stopQueueWorker } from './queue-worker';

/**
 * Background duplicate checks of new initiatives. Concurrency 1: at a million initiatives one check is seconds of
 * database CPU, and new initiatives arrive a few a day, not a few a second.
 */
@Injectable()
export class PortfolioProcessor implements OnApplicationBootstrap, OnApplicationShutdown {
  private worker: RunningWorker | undefined;

  constructor(
    private readonly duplicateChecks: DuplicateChecks,
    private readonly metrics: Metrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(REDIS_URL) private readonly redisUrl: string,
  ) {}

  onApplicationBootstrap(): void {
    this.worker = startQueueWorker({
      queue: QueueName.Portfolio,
      redisUrl: this.redisUrl,
      config: this.config,
      metrics: this.metrics,
      concurrency: 1,
      handle: (job) => this.duplicateChecks.runInBackground(job.data.initiativeId),
    });
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.worker !== undefined) await stopQueueWorker(this.worker);
  }
}
