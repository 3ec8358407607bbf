import { Module } from '@nestjs/common';
import { InsightsEventHandlers } from './insights-event-handlers';
import { InsightsExports } from './insights-exports.service';
import { InsightsQueries } from './insights-queries.service';
import { InsightsRefreshScheduler } from './refresh-scheduler';
import { InsightsRefresh } from './refresh.service';

const SERVICES = [InsightsEventHandlers, InsightsExports, InsightsQueries, InsightsRefresh, InsightsRefreshScheduler];

/** Portfolio dashboards: the read model, its refresh jobs, and the queries behind the insights API. Expects PlatformModule. */
@Module({ providers: SERVICES, exports: SERVICES })
export class InsightsModule {}
