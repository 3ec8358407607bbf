import { APP_CONFIG, AppConfig, QueueProducer } from '@ambidex/platform';
import { Inject, Injectable } from '@nestjs/common';
import { INSIGHTS_QUEUE } from './insights-job-types';
import { InsightsRefresh } from './insights-refresh';

/**
 * How the read model is kept current (AppConfig.insights):
 *   - refreshDebounceMs: a refresh starts this long after the first event of a burst; the events of the burst join it.
 *   - safetyRefreshEveryMs: how often the safety job looks for stale portfolios (a missed event, a Redis that lost its jobs,
 *     review deadlines and learning velocities that change with time alone).
 *   - staleAfterMs: a portfolio not refreshed for this long is refreshed by the safety job.
 */

/** The BullMQ deduplication id of a portfolio's refresh ("insights-<portfolioId>"; ids may not contain ':'). */
export const refreshDeduplicationId = (portfolioId: string): string => `insights-${portfolioId}`;

/** The safety job's scheduler id in Redis (InsightsJobs upserts it). */
export const SAFETY_REFRESH_SCHEDULER_ID = 'insights-refresh-stale';

/**
 * Enqueues refreshes, one per portfolio at a time. BullMQ deduplication with keepLastIfActive: while a refresh of the
 * portfolio waits (its debounce delay), further requests are dropped, since the waiting job will read their data;
 * while one runs, the latest request is kept and becomes exactly one follow-up job when it finishes (the running
 * one may have read its snapshot before the event). So a burst of events costs one refresh, or two.
 */
@Injectable()
export class InsightsRefreshScheduler {
  constructor(
    private readonly producer: QueueProducer,
    private readonly refresh: InsightsRefresh,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async request(portfolioId: string): Promise<void> {
    await this.producer.add(
      { queue: INSIGHTS_QUEUE, name: 'refresh-portfolio', data: { portfolioId } },
      {
        delay: this.config.insights.refreshDebounceMs,
        deduplication: { id: refreshDeduplicationId(portfolioId), keepLastIfActive: true },
        removeOnComplete: { age: 24 * 3600, count: 1000 },
      },
    );
  }

  /** The safety net: a refresh for every portfolio that was never refreshed or is older than staleAfterMs. */
  async requestStale(): Promise<{ requested: number }> {
    const stale = await this.refresh.stalePortfolios(this.config.insights.staleAfterMs);
    for (const portfolioId of stale) await this.request(portfolioId);
    return { requested: stale.length };
  }

  /** Every portfolio (each request folds into its pending one). */
  async requestAll(): Promise<{ requested: number }> {
    const all = await this.refresh.stalePortfolios(0);
    for (const portfolioId of all) await this.request(portfolioId);
    return { requested: all.length };
  }
}
