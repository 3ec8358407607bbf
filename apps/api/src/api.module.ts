import { AuditsModule } from '@ambidex/audits';
import { EvidenceModule } from '@ambidex/evidence';
import { ExperimentsModule } from '@ambidex/experiments';
import { GatesModule } from '@ambidex/gates';
import { HandoverModule } from '@ambidex/handover';
import { LeanModule } from '@ambidex/lean';
import { NonconformityModule } from '@ambidex/nonconformity';
import { QmsModule } from '@ambidex/qms';
import { IdentityModule } from '@ambidex/identity';
import { InsightsModule } from '@ambidex/insights';
import { MarketModule } from '@ambidex/market';
import { ManagementReviewModule } from '@ambidex/management-review';
import { PortfolioModule } from '@ambidex/portfolio';
import { Module } from '@nestjs/common';
import { APP_GUARD, DiscoveryModule } from '@nestjs/core';
import { AccessGuard } from './auth/access.guard';
import { RouteAccessAudit } from './auth/route-access-audit';
import { DuplicateIndexWarmUp } from './portfolio/duplicate-index-warm-up';
import { ExperimentsController } from './experiments/experiments.controller';
import { LearningsController } from './experiments/learnings.controller';
import { ReviewsController } from './gates/reviews.controller';
import { DocumentsController } from './handover/documents.controller';
import { NonconformitiesController } from './nonconformity/nonconformities.controller';
import { AuditsController } from './audits/audits.controller';
import { ImprovementsController } from './lean/improvements.controller';
import { ValueStreamsController } from './lean/value-streams.controller';
import { MarketController } from './market/market.controller';
import { ManagementReviewsController } from './management-review/management-reviews.controller';
import { EvidenceController } from './evidence/evidence.controller';
import { NumberingSchemesController } from './handover/numbering-schemes.controller';
import { PeriodicReviewsController } from './handover/periodic-reviews.controller';
import { HandoverController } from './handover/handover.controller';
import { ApiTokensController } from './identity/api-tokens.controller';
import { InboxController } from './identity/inbox.controller';
import { InsightsController } from './insights/insights.controller';
import { AuthController } from './identity/auth.controller';
import { UsersController } from './identity/users.controller';
import { UserDirectoryController } from './identity/user-directory.controller';
import { AuditController } from './platform/audit.controller';
import { DeadLettersController } from './platform/dead-letters.controller';
import { HealthController } from './platform/health.controller';
import { MetricsController } from './platform/metrics.controller';
import { DeliverablesController } from './portfolio/deliverables.controller';
import { InitiativesController } from './portfolio/initiatives.controller';
import { PortfoliosController } from './portfolio/portfolios.controller';
import { ProcessModelsController } from './portfolio/process-models.controller';
import { WebhooksController } from './portfolio/webhooks.controller';
import { ConsoleController } from './web/console.controller';

/** HTTP only: controllers, the access guard and request context. Expects PlatformModule from the root. */
@Module({
  imports: [
    DiscoveryModule,
    IdentityModule,
    PortfolioModule,
    ExperimentsModule,
    GatesModule,
    QmsModule,
    HandoverModule,
    NonconformityModule,
    AuditsModule,
    LeanModule,
    MarketModule,
    InsightsModule,
    ManagementReviewModule,
    EvidenceModule,
  ],
  controllers: [
    ConsoleController,
    HealthController,
    MetricsController,
    AuthController,
    ApiTokensController,
    UsersController,
    UserDirectoryController,
    AuditController,
    DeadLettersController,
    InboxController,
    ReviewsController,
    ExperimentsController,
    LearningsController,
    HandoverController,
    DocumentsController,
    NumberingSchemesController,
    PeriodicReviewsController,
    NonconformitiesController,
    AuditsController,
    ValueStreamsController,
    ImprovementsController,
    MarketController,
    EvidenceController,
    PortfoliosController,
    ProcessModelsController,
    InitiativesController,
    DeliverablesController,
    WebhooksController,
    InsightsController,
    ManagementReviewsController,
  ],
  providers: [{ provide: APP_GUARD, useClass: AccessGuard }, RouteAccessAudit, DuplicateIndexWarmUp],
})
export class ApiModule {}
