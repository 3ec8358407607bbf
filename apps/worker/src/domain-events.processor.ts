import { APP_CONFIG, AppConfig, DomainEventDelivery, Metrics, QueueName, REDIS_URL } from '@ambidex/platform';
import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { RunningWorker, startQueueWorker, stopQueueWorker } from './queue-worker';

/** Delivers each relayed outbox event to the handlers that contexts registered. */
@Injectable()
export class DomainEventsProcessor implements OnApplicationBootstrap, OnApplicationShutdown {
  private worker: RunningWorker | undefined;

  constructor(
    private readonly delivery: DomainEventDelivery,
    private readonly metrics: Metrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(REDIS_URL) private readonly redisUrl: string,
  ) {}

  onApplicationBootstrap(): void {
    this.worker = startQueueWorker({
      queue: QueueName.DomainEvents,
      redisUrl: this.redisUrl,
      config: this.config,
      metrics: this.metrics,
      concurrency: 4,
      handle: (job) => this.delivery.deliver(job.data.eventId),
    });
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.worker !== undefined) await stopQueueWorker(this.worker);
  }
}
