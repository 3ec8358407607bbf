import { IdentityModule } from '@ambidex/identity';
import { Module } from '@nestjs/common';
import { DuplicateChecks } from './duplicate-checks';
import { DuplicateIndex } from './duplicates/duplicate-index';
import { DuplicateIndexMetric } from './duplicates/duplicate-index-metric';
import { DeliverablesService } from './deliverables.service';
import { InitiativeEditing } from './initiative-editing';
import { InitiativeIntake } from './initiative-intake';
import { InitiativeQueries } from './initiative-queries';
import { PortfoliosService } from './portfolios.service';
import { ProcessModelActivation } from './process-model-activation';
import { ProcessModelsService } from './process-models.service';
import { StageTransitions } from './stage-transitions';
import { WebhookDeliveryService } from './webhooks/webhook-delivery.service';
import { WebhookFanout } from './webhooks/webhook-fanout';
import { WebhookSubscriptionsService } from './webhooks/webhook-subscriptions.service';
import { PortfolioJobs } from './portfolio-jobs';

const SERVICES = [
  StageTransitions,
  PortfoliosService,
  ProcessModelsService,
  ProcessModelActivation,
  DuplicateIndex,
  DuplicateIndexMetric,
  InitiativeQueries,
  InitiativeIntake,
  InitiativeEditing,
  DeliverablesService,
  DuplicateChecks,
  WebhookSubscriptionsService,
  WebhookFanout,
  WebhookDeliveryService,
  PortfolioJobs,
];

@Module({ imports: [IdentityModule], providers: SERVICES, exports: SERVICES })
export class PortfolioModule {}
