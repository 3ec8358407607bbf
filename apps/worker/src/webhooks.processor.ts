import { APP_CONFIG, AppConfig, Metrics, QueueName, REDIS_URL } from '@ambidex/platform';
import { WebhookDeliveryService } from '@ambidex/portfolio';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { RunningWorker, startQueueWorker, stopQueueWorker } from './queue-worker';

/**
 * Sends webhook deliveries. A failed attempt throws, so BullMQ retries it with the backoff the job was queued with;
 * when BullMQ gives up (attempts exhausted or an unrecoverable error) the delivery row is marked failed.
 */
@Injectable()
export class WebhooksProcessor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WebhooksProcessor.name);
  private worker: RunningWorker | undefined;

  constructor(
    private readonly webhooks: WebhookDeliveryService,
    private readonly metrics: Metrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(REDIS_URL) private readonly redisUrl: string,
  ) {}

  onApplicationBootstrap(): void {
    this.worker = startQueueWorker({
      queue: QueueName.Webhooks,
      redisUrl: this.redisUrl,
      config: this.config,
      metrics: this.metrics,
      // Waiting on other servers' answers, not on our CPU or database.
      concurrency: 8,
      handle: (job) => this.webhooks.deliver(job.data.deliveryId),
    });
    this.worker.worker.on('failed', (job, error) => {
      if (job === undefined) return;
      const exhausted = job.attemptsMade >= (job.opts.attempts ?? 1) || error.name === 'UnrecoverableError';
      if (!exhausted) return;
      const deliveryId = (job.data as { deliveryId: string }).deliveryId;
      this.webhooks
        .markFailed(deliveryId, error.message)
        .catch((e: unknown) => this.logger.warn(`could not mark ${deliveryId} failed: ${(e as Error).message}`));
    });
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.worker !== undefined) await stopQueueWorker(this.worker);
  }
}
