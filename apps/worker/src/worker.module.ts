import { ExperimentsModule } from '@ambidex/experiments';
import { GatesModule } from '@ambidex/gates';
import { HandoverModule } from '@ambidex/handover';
import { IdentityModule } from '@ambidex/identity';
import { InsightsModule } from '@ambidex/insights';
import { PortfolioModule } from '@ambidex/portfolio';
import { QmsModule } from '@ambidex/qms';
import { Module } from '@nestjs/common';
import { DomainEventsProcessor } from './domain-events.processor';
import { GatesProcessor } from './gates.processor';
import { HandoverProcessor } from './handover.processor';
import { IngestBatchProcessor } from './ingest-batch.processor';
import { InsightsProcessor } from './insights.processor';
import { MailProcessor } from './mail.processor';
import { MaintenanceProcessor } from './maintenance.processor';
import { OutboxRelayLoop } from './outbox-relay.loop';
import { PortfolioProcessor } from './portfolio.processor';
import { WebhooksProcessor } from './webhooks.processor';

/** The background side: queue processors and the outbox relay. Expects PlatformModule from the root. */
@Module({
  imports: [ExperimentsModule, GatesModule, HandoverModule, IdentityModule, InsightsModule, PortfolioModule, QmsModule],
  providers: [
    OutboxRelayLoop,
    DomainEventsProcessor,
    GatesProcessor,
    HandoverProcessor,
    IngestBatchProcessor,
    InsightsProcessor,
    MailProcessor,
    MaintenanceProcessor,
    PortfolioProcessor,
    WebhooksProcessor,
  ],
})
export class WorkerModule {}
