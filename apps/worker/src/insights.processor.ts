import { InsightsRefresh, InsightsRefreshScheduler } from '@ambidex/insights';
import { APP_CONFIG, AppConfig, Metrics, QueueName, REDIS_URL } from '@ambidex/platform';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { RunningWorker, startQueueWorker, stopQueueWorker } from './queue-worker';

/**
 * Keeps the insights read model current: one refresh per portfolio at a time (deduplicated by the scheduler), and
 * the repeatable safety job that refreshes portfolios gone stale. Concurrency 1: a refresh is set-based SQL over a
 * whole portfolio and would only compete with itself for the database's cores.
 */
@Injectable()
export class InsightsProcessor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(InsightsProcessor.name);
  private worker: RunningWorker | undefined;
  private scheduleTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly refresh: InsightsRefresh,
    private readonly scheduler: InsightsRefreshScheduler,
    private readonly metrics: Metrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(REDIS_URL) private readonly redisUrl: string,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.scheduler.ensureSafetySchedule();
    // A Redis that restarts empty forgets schedules; re-asserting it (idempotent) brings the safety refresh back.
    this.scheduleTimer = setInterval(
      () =>
        void this.scheduler
          .ensureSafetySchedule()
          .catch((e: unknown) => this.logger.warn(`safety schedule: ${(e as Error).message}`)),
      this.config.insights.safetyRefreshEveryMs,
    );
    this.scheduleTimer.unref();
    this.worker = startQueueWorker({
      queue: QueueName.Insights,
      redisUrl: this.redisUrl,
      config: this.config,
      metrics: this.metrics,
      concurrency: 1,
      handle: async (job) => {
        switch (job.name) {
          case 'refresh-portfolio': {
            const result = await this.refresh.refresh(job.data.portfolioId);
            return { ms: result.ms, initiatives: result.initiatives, events: result.events };
          }
          case 'refresh-stale':
            return this.scheduler.requestStale();
        }
      },
    });
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.scheduleTimer);
    if (this.worker !== undefined) await stopQueueWorker(this.worker);
  }
}
