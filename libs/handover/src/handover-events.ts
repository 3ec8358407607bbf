/** Outbox event types of the handover context and their payloads. */
export const HANDOVER_ACCEPTED_EVENT = 'handover.package-accepted';
/** Every document of the package effective and every training acknowledged: the end of time-to-controlled. */
export const HANDOVER_CONTROLLED_EVENT = 'handover.package-controlled';

export interface HandoverAcceptedPayload {
  packageId: string;
  initiativeId: string;
  portfolioId: string;
}

export interface HandoverControlledPayload {
  packageId: string;
  initiativeId: string;
  portfolioId: string;
}

declare module '@ambidex/platform' {
  interface DomainEventMap {
    [HANDOVER_ACCEPTED_EVENT]: HandoverAcceptedPayload;
    [HANDOVER_CONTROLLED_EVENT]: HandoverControlledPayload;
  }
}
