import { QueueName, QueueProducer } from '@ambidex/platform';
import { Injectable } from '@nestjs/common';
import { InsightsRefresh } from './refresh.service';

/**
 * How the read model is kept current. Not in AppConfig yet (see docs/metrics.md): the values are fixed here.
 *   - debounceMs: a refresh starts this long after the first event of a burst; the events of the burst join it.
 *   - safetyEveryMs: how often the safety job looks for stale portfolios (a missed event, a Redis that lost its jobs,
 *     learning roll-ups and review deadlines that change without a history event).
 *   - staleAfterMs: a portfolio not refreshed for this long is refreshed by the safety job.
 */
export const INSIGHTS_REFRESH_SETTINGS = {
  debounceMs: 1_000,
  safetyEveryMs: 15 * 60_000,
  staleAfterMs: 60 * 60_000,
} as const;

/** The BullMQ deduplication id of a portfolio's refresh ("insights-<portfolioId>"; ids may not contain ':'). */
export const refreshDeduplicationId = (portfolioId: string): string => `insights-${portfolioId}`;

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
  ) {}

  async request(portfolioId: string): Promise<void> {
    await this.producer.add(
      { queue: QueueName.Insights, name: 'refresh-portfolio', data: { portfolioId } },
      {
        delay: INSIGHTS_REFRESH_SETTINGS.debounceMs,
        deduplication: { id: refreshDeduplicationId(portfolioId), keepLastIfActive: true },
        removeOnComplete: { age: 24 * 3600, count: 1000 },
      },
    );
  }

  /** The safety net: a refresh for every portfolio that was never refreshed or is older than staleAfterMs. */
  async requestStale(): Promise<{ requested: number }> {
    const stale = await this.refresh.stalePortfolios(INSIGHTS_REFRESH_SETTINGS.staleAfterMs);
    for (const portfolioId of stale) await this.request(portfolioId);
    return { requested: stale.length };
  }

  /** The repeatable safety job; a scheduler id, so any number of workers upsert the same one. */
  async ensureSafetySchedule(): Promise<void> {
    await this.producer
      .queue(QueueName.Insights)
      .upsertJobScheduler(
        SAFETY_REFRESH_SCHEDULER_ID,
        { every: INSIGHTS_REFRESH_SETTINGS.safetyEveryMs },
        { name: 'refresh-stale', data: {}, opts: { removeOnComplete: { count: 100 }, removeOnFail: 100 } },
      );
  }
}
