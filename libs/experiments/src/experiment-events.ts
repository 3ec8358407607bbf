/** Outbox event types of the experiments context and their payloads. */
export const ASSUMPTION_INVALIDATED_EVENT = 'experiments.assumption-invalidated';
/** A bulk upload committed; carries its ingest job. */
export const BATCH_RECEIVED_EVENT = 'experiments.batch-received';
/** Recorded once per portfolio whose initiatives' roll-ups were recomputed (the dashboards read them), naming them. */
export const LEARNING_ROLLUPS_CHANGED_EVENT = 'experiments.learning-rollups-changed';

export interface AssumptionInvalidatedPayload {
  assumptionId: string;
  initiativeId: string;
  portfolioId: string;
  experimentId: string;
}

export interface BatchReceivedPayload {
  batchId: string;
}

export interface LearningRollupsChangedPayload {
  portfolioId: string;
  /** Its initiatives whose roll-ups were recomputed; absent on events recorded before they were named. */
  initiativeIds?: string[];
}

declare module '@ambidex/platform' {
  interface DomainEventMap {
    [ASSUMPTION_INVALIDATED_EVENT]: AssumptionInvalidatedPayload;
    [BATCH_RECEIVED_EVENT]: BatchReceivedPayload;
    [LEARNING_ROLLUPS_CHANGED_EVENT]: LearningRollupsChangedPayload;
  }
}
