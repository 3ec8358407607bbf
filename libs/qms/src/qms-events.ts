/** Outbox event types of the qms context and their payloads. */
export const REVISION_EFFECTIVE_EVENT = 'qms.revision-effective';
export const TRAINING_ACKNOWLEDGED_EVENT = 'qms.training-acknowledged';

/** portfolioId is null for a document that came from no initiative (as are initiativeId and packageId). */
export interface RevisionEffectivePayload {
  documentId: string;
  revisionId: string;
  initiativeId: string | null;
  packageId: string | null;
  portfolioId: string | null;
}

export interface TrainingAcknowledgedPayload {
  documentId: string;
  revisionId: string;
  portfolioId: string | null;
}

declare module '@ambidex/platform' {
  interface DomainEventMap {
    [REVISION_EFFECTIVE_EVENT]: RevisionEffectivePayload;
    [TRAINING_ACKNOWLEDGED_EVENT]: TrainingAcknowledgedPayload;
  }
}
