export * from './domain/stage-machine';
export * from './domain/process-model';
export * from './portfolio.entity';
export * from './process-model.entity';
export * from './initiative.entity';
export * from './initiative-deliverable.entity';
export * from './stage-event.entity';
export * from './webhook.entities';
export * from './duplicate-check.entity';

import { InitiativeDeliverableEntity } from './initiative-deliverable.entity';
import { InitiativeEntity } from './initiative.entity';
import { PortfolioEntity } from './portfolio.entity';
import { ProcessModelEntity } from './process-model.entity';
import { StageEventEntity } from './stage-event.entity';
import { WebhookDeliveryEntity, WebhookSubscriptionEntity } from './webhook.entities';
import { InitiativeDuplicateCheckEntity } from './duplicate-check.entity';

export const PORTFOLIO_ENTITIES = [
  PortfolioEntity,
  ProcessModelEntity,
  InitiativeEntity,
  InitiativeDeliverableEntity,
  StageEventEntity,
  WebhookSubscriptionEntity,
  WebhookDeliveryEntity,
  InitiativeDuplicateCheckEntity,
];
export * from './domain/portfolio.errors';
export * from './domain/ecv';
export * from './domain/listing-cursor';
export * from './domain/portfolio-targets';
export * from './domain/process-model-input';
export * from './stage-transitions';
export { lockInitiatives } from './initiative-access';
export * from './portfolio-job-types';
export * from './portfolio-jobs';
export * from './portfolio.module';
export * from './portfolios.service';
export * from './process-model.views';
export * from './process-models.service';
export * from './process-model-activation';
export * from './initiative.views';
export * from './initiative-listing.query';
export * from './initiative-queries';
export * from './initiative-intake';
export * from './duplicate-checks';
export * from './initiative-editing';
export * from './deliverables.service';
export * from './webhooks/webhook-signature';
export * from './webhooks/webhook-subscriptions.service';
export * from './webhooks/webhook-fanout';
export * from './webhooks/webhook-delivery.service';
export * from './webhooks/webhook-payload';
