import type { Decision, Gate, StageEvent, StageState } from './domain/stage-machine';

/** Outbox event types of the portfolio context and their payloads (stage changes also go to webhook subscribers). */
export const PORTFOLIO_CREATED_EVENT = 'portfolio.portfolio-created';
export const INITIATIVE_CREATED_EVENT = 'portfolio.initiative-created';
export const INITIATIVE_UPDATED_EVENT = 'portfolio.initiative-updated';
export const STAGE_CHANGED_EVENT = 'portfolio.stage-changed';
export const PROCESS_MODEL_ACTIVATED_EVENT = 'portfolio.process-model-activated';

export interface PortfolioCreatedPayload {
  portfolioId: string;
}

export interface InitiativeCreatedPayload {
  initiativeId: string;
  portfolioId: string;
  ownerId: string;
  processModelId: string;
}

export interface InitiativeUpdatedPayload {
  initiativeId: string;
  portfolioId: string;
  version: number;
  fields: string[];
}

/** kind and decision tell a Go from a Conditional Go and a recycle from no change; a hold that runs out names its gate. */
export interface StageChangedPayload {
  initiativeId: string;
  portfolioId: string;
  kind: StageEvent['kind'];
  decision: Decision | null;
  from: StageState;
  to: StageState;
  gate: Gate | null;
  reviewId: string | null;
}

export interface ProcessModelActivatedPayload {
  processModelId: string;
  key: string;
  version: number;
  retiredId: string | null;
}

declare module '@ambidex/platform' {
  interface DomainEventMap {
    [PORTFOLIO_CREATED_EVENT]: PortfolioCreatedPayload;
    [INITIATIVE_CREATED_EVENT]: InitiativeCreatedPayload;
    [INITIATIVE_UPDATED_EVENT]: InitiativeUpdatedPayload;
    [STAGE_CHANGED_EVENT]: StageChangedPayload;
    [PROCESS_MODEL_ACTIVATED_EVENT]: ProcessModelActivatedPayload;
  }
}
