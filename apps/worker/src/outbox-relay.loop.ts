import { APP_CONFIG, AppConfig, Metrics, OutboxRelay } from '@ambidex/platform';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';

/** Polls the outbox and publishes committed events; one pass at a time, never overlapping. */
@Injectable()
export class OutboxRelayLoop implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelayLoop.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly relay: OutboxRelay,
    private readonly metrics: Metrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.schedule(0);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.pass().finally(() => {
        this.running = undefined;
      });
    }, delayMs);
  }

  private async pass(): Promise<void> {
    let published = 0;
    try {
      published = await this.relay.publishPending();
      this.metrics.outboxPublished.inc(published);
    } catch (error) {
      this.logger.warn(`outbox relay pass failed, will retry: ${(error as Error).message}`);
    }
    // A full batch means more may be waiting: go again at once.
    this.schedule(published > 0 ? 0 : this.config.queues.relayIntervalMs);
  }
}
