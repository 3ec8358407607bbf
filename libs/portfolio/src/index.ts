export * from './domain/stage-machine';
export * from './domain/process-model';
export * from './portfolio.entity';
export * from './process-model.entity';
export * from './initiative.entity';
export * from './initiative-deliverable.entity';
export * from './stage-event.entity';
export * from './webhook.entities';

import { InitiativeDeliverableEntity } from './initiative-deliverable.entity';
import { InitiativeEntity } from './initiative.entity';
import { PortfolioEntity } from './portfolio.entity';
import { ProcessModelEntity } from './process-model.entity';
import { StageEventEntity } from './stage-event.entity';
import { WebhookDeliveryEntity, WebhookSubscriptionEntity } from './webhook.entities';

export const PORTFOLIO_ENTITIES = [
  PortfolioEntity,
  ProcessModelEntity,
  InitiativeEntity,
  InitiativeDeliverableEntity,
  StageEventEntity,
  WebhookSubscriptionEntity,
  WebhookDeliveryEntity,
];
export * from './domain/portfolio.errors';
export * from './stage-transitions.service';
export * from './portfolio.module';
