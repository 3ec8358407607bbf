import { APP_CONFIG, AppConfig, JobHandlers } from '@ambidex/platform';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { InsightsApply } from './insights-apply';
import { INSIGHTS_APPLY_QUEUE, INSIGHTS_QUEUE } from './insights-job-types';
import { InsightsRefresh } from './insights-refresh';
import { InsightsRefreshScheduler, SAFETY_REFRESH_SCHEDULER_ID } from './insights-refresh-scheduler';

/**
 * Keeps the insights read model current where the incremental applies (InsightsEventHandlers) do not: one refresh per
 * portfolio at a time (deduplicated by the scheduler), and the repeatable safety job that recomputes portfolios not
 * recomputed for staleAfterMs (nightly by default), measuring the drift of the applies before repairing it. Concurrency 1: a refresh is set-based SQL over a
 * whole portfolio and would only compete with itself for the database's cores.
 */
@Injectable()
export class InsightsJobs implements OnModuleInit {
  constructor(
    private readonly jobs: JobHandlers,
    private readonly refresh: InsightsRefresh,
    private readonly scheduler: InsightsRefreshScheduler,
    private readonly incremental: InsightsApply,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    const every = this.config.insights.safetyRefreshEveryMs;
    // Two at a time: portfolios in parallel; one portfolio's applies are serialized by its lock and the deduplication.
    this.jobs.register({
      queue: INSIGHTS_APPLY_QUEUE,
      concurrency: 2,
      handlers: {
        'apply-initiatives': async ({ portfolioId }) => {
          const result = await this.incremental.applyPending(portfolioId);
          // No read model yet: the first one is made whole (it reads the pending initiatives' history too).
          if (!result.applied) await this.scheduler.request(portfolioId);
          else if (result.more) await this.scheduler.requestApply(portfolioId);
          return result;
        },
      },
    });
    this.jobs.register({
      queue: INSIGHTS_QUEUE,
      concurrency: 1,
      handlers: {
        'refresh-portfolio': async ({ portfolioId, checkDrift }) => {
          const result = await this.refresh.refresh(portfolioId, { checkDrift: checkDrift === true });
          return {
            ms: result.ms,
            initiatives: result.initiatives,
            events: result.events,
            drift: result.drift?.rows ?? null,
          };
        },
        'refresh-stale': () => this.scheduler.requestStale(),
      },
      schedules: {
        every,
        jobs: [
          {
            id: SAFETY_REFRESH_SCHEDULER_ID,
            job: 'refresh-stale',
            repeat: { every },
            opts: { removeOnComplete: { count: 100 }, removeOnFail: 100 },
          },
        ],
      },
    });
  }
}
