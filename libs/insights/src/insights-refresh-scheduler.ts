import { APP_CONFIG, AppConfig, QueueProducer } from '@ambidex/platform';
import { Inject, Injectable } from '@nestjs/common';
import { INSIGHTS_APPLY_QUEUE, INSIGHTS_QUEUE } from './insights-job-types';
import { InsightsRefresh } from './insights-refresh';

/**
 * How the read model is kept current (AppConfig.insights):
 *   - refreshDebounceMs: a refresh starts this long after the first event of a burst; the events of the burst join it.
 *   - safetyRefreshEveryMs: how often the safety job looks for stale portfolios (a missed event, a Redis that lost its jobs,
 *     review deadlines and learning velocities that change with time alone).
 *   - staleAfterMs: a portfolio not recomputed in full for this long is recomputed by the safety job, which measures the
 *     drift of the incremental applies first (nightly by default).
 */

/** The BullMQ deduplication id of a portfolio's refresh ("insights-<portfolioId>"; ids may not contain ':'). */
export const refreshDeduplicationId = (portfolioId: string): string => `insights-${portfolioId}`;

/** The safety check's own deduplication id: a pending plain refresh must not swallow it (it would not measure drift). */
export const driftCheckDeduplicationId = (portfolioId: string): string => `insights-check-${portfolioId}`;

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

  async request(portfolioId: string, checkDrift = false): Promise<void> {
    await this.producer.add(
      {
        queue: INSIGHTS_QUEUE,
        name: 'refresh-portfolio',
        data: checkDrift ? { portfolioId, checkDrift } : { portfolioId },
      },
      {
        delay: this.config.insights.refreshDebounceMs,
        deduplication: {
          id: checkDrift ? driftCheckDeduplicationId(portfolioId) : refreshDeduplicationId(portfolioId),
          keepLastIfActive: true,
        },
        removeOnComplete: { age: 24 * 3600, count: 1000 },
      },
    );
  }

  /**
   * An apply of the portfolio's pending initiatives, at once. Deduplicated like refreshes: while one waits, further
   * requests are dropped (it will take their initiatives); while one runs, one follow-up is kept.
   */
  async requestApply(portfolioId: string): Promise<void> {
    await this.producer.add(
      { queue: INSIGHTS_APPLY_QUEUE, name: 'apply-initiatives', data: { portfolioId } },
      {
        deduplication: { id: `insights-apply-${portfolioId}`, keepLastIfActive: true },
        removeOnComplete: { age: 3600, count: 1000 },
      },
    );
  }

  /**
   * The safety net: a full recompute, with the drift check, of every portfolio never refreshed or not recomputed for
   * staleAfterMs (a missed event, a Redis that lost its jobs, a bug in an apply: the check reports it and repairs it).
   */
  async requestStale(): Promise<{ requested: number }> {
    const stale = await this.refresh.stalePortfolios(this.config.insights.staleAfterMs);
    for (const portfolioId of stale) await this.request(portfolioId, true);
    return { requested: stale.length };
  }

  /** Every portfolio (each request folds into its pending one). */
  async requestAll(): Promise<{ requested: number }> {
    const all = await this.refresh.stalePortfolios(0);
    for (const portfolioId of all) await this.request(portfolioId);
    return { requested: all.length };
  }
}
