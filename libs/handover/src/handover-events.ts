/** Outbox event types of the handover context and their payloads. */
export const HANDOVER_ACCEPTED_EVENT = 'handover.package-accepted';

export interface HandoverAcceptedPayload {
  packageId: string;
  initiativeId: string;
  portfolioId: string;
}

declare module '@ambidex/platform' {
  interface DomainEventMap {
    [HANDOVER_ACCEPTED_EVENT]: HandoverAcceptedPayload;
  }
}
