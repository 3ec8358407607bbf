export * from './domain/stage-machine';
export * from './domain/process-model';
// The entities' value types are part of the views; of the entity classes only InitiativeEntity is public, because
// other contexts' entities declare their foreign keys to initiatives with it. Code reads initiatives through the
// readers (initiative-readers.ts) and locks them with lockInitiatives.
export type { AmbitionTargets, HorizonTargets } from './portfolio.entity';
export type { ProcessModelStatus } from './process-model.entity';
export { AMBITIONS, HORIZONS, INNOVATION_TYPES, InitiativeEntity, ORIGIN_TYPES } from './initiative.entity';
export type { Ambition, Horizon, InnovationType, OriginType } from './initiative.entity';
export type { DeliverableStatus } from './initiative-deliverable.entity';
export type { StageEventKind } from './stage-event.entity';
export type { WebhookDeliveryStatus } from './webhook.entities';
export type { DuplicateCheckSource } from './duplicate-check.entity';

import { InitiativeDeliverableEntity } from './initiative-deliverable.entity';
import { InitiativeEntity } from './initiative.entity';
import { PortfolioEntity } from './portfolio.entity';
import { ProcessModelEntity } from './process-model.entity';
import { StageEventEntity } from './stage-event.entity';
import { WebhookDeliveryEntity, WebhookSubscriptionEntity } from './webhook.entities';
import { InitiativeDuplicateCheckEntity } from './duplicate-check.entity';
import { InitiativeDuplicateTextEntity } from './duplicate-text.entity';

export const PORTFOLIO_ENTITIES = [
  PortfolioEntity,
  ProcessModelEntity,
  InitiativeEntity,
  InitiativeDeliverableEntity,
  StageEventEntity,
  WebhookSubscriptionEntity,
  WebhookDeliveryEntity,
  InitiativeDuplicateCheckEntity,
  InitiativeDuplicateTextEntity,
];
export * from './domain/portfolio.errors';
export * from './domain/ecv';
export * from './domain/listing-cursor';
export * from './domain/portfolio-targets';
export * from './domain/process-model-input';
export * from './portfolio-events';
export * from './initiative-portfolio';
export * from './stage-transitions';
export { lockInitiative, LockedInitiative, lockInitiatives } from './initiative-access';
export * from './domain/initiative-ownership';
export * from './initiative-readers';
export * from './portfolio-readers';
export * from './origin-readers';
export { processModelDefinition } from './process-model-rows';
export * from './portfolio-job-types';
export * from './portfolio-config';
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
export { DuplicateIndex, rebuildThreshold } from './duplicates/duplicate-index';
export { sharedCount, TrigramDictionary, trigramSimilarity } from './duplicates/trigrams';
