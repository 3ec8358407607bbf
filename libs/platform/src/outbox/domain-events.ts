import { OutboxEventEntity } from './outbox-event.entity';

/**
 * Every outbox event type and its payload. Each context declares its own in one file (`libs/<ctx>/src/<ctx>-events.ts`)
 * by augmenting this interface, so an emitter with a wrong payload, or a handler reading a field that is not there,
 * fails to compile. Payloads are what webhook subscribers receive: fields may be added, never removed or renamed.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by the contexts' declaration merging
export interface DomainEventMap {}

export type DomainEventType = keyof DomainEventMap & string;

/** What a use case records: the payload may be left out only when its type has no required field. */
export type DomainEvent<T extends DomainEventType = DomainEventType> = {
  [K in T]: { type: K; aggregateType: string; aggregateId: string } & (Partial<
    DomainEventMap[K]
  > extends DomainEventMap[K]
    ? { payload?: DomainEventMap[K] }
    : { payload: DomainEventMap[K] });
}[T];

/** A stored event as a handler receives it: comparing `eventType` narrows `payload`. */
export type DeliveredEvent<T extends DomainEventType = DomainEventType> = {
  [K in T]: Omit<OutboxEventEntity, 'eventType' | 'payload'> & { eventType: K; payload: DomainEventMap[K] };
}[T];
