import { Module } from '@nestjs/common';
import { InsightsApply } from './insights-apply';
import { InsightsDriftMetric } from './insights-drift-metric';
import { InsightsEventHandlers } from './insights-event-handlers';
import { InsightsJobs } from './insights-jobs';
import { InsightsExports } from './insights-exports';
import { InsightsQueries } from './insights-queries';
import { InsightsRefreshScheduler } from './insights-refresh-scheduler';
import { InsightsRefresh } from './insights-refresh';

const SERVICES = [
  InsightsApply,
  InsightsDriftMetric,
  InsightsEventHandlers,
  InsightsExports,
  InsightsJobs,
  InsightsQueries,
  InsightsRefresh,
  InsightsRefreshScheduler,
];

/** Portfolio dashboards: the read model, its refresh jobs, and the queries behind the insights API. Expects PlatformModule. */
@Module({ providers: SERVICES, exports: SERVICES })
export class InsightsModule {}
