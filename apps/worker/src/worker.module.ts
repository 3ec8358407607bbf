import { AuditsModule } from '@ambidex/audits';
import { MarketModule } from '@ambidex/market';
import { ExperimentsModule } from '@ambidex/experiments';
import { GatesModule } from '@ambidex/gates';
import { HandoverModule } from '@ambidex/handover';
import { LeanModule } from '@ambidex/lean';
import { NonconformityModule } from '@ambidex/nonconformity';
import { IdentityModule } from '@ambidex/identity';
import { InsightsModule } from '@ambidex/insights';
import { ManagementReviewModule } from '@ambidex/management-review';
import { PortfolioModule } from '@ambidex/portfolio';
import { QmsModule } from '@ambidex/qms';
import { Module } from '@nestjs/common';
import { OutboxRelayLoop } from './outbox-relay.loop';
import { QueueWorkerHost } from './queue-worker-host';

/**
 * The background side: the outbox relay, and one host that runs every queue the context modules registered their
 * job handlers for (JobHandlers). Expects PlatformModule from the root.
 */
@Module({
  imports: [
    ExperimentsModule,
    GatesModule,
    HandoverModule,
    IdentityModule,
    NonconformityModule,
    AuditsModule,
    LeanModule,
    MarketModule,
    InsightsModule,
    ManagementReviewModule,
    PortfolioModule,
    QmsModule,
  ],
  providers: [OutboxRelayLoop, QueueWorkerHost],
})
export class WorkerModule {}
