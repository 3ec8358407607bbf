import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';

export interface DomainEvent {
  type: string;
  aggregateType: string;
  aggregateId: string;
  payload?: Record<string, unknown>;
}

/** Records events inside the use case's transaction; the worker's relay publishes them after commit. */
@Injectable()
export class Outbox {
  async record(em: EntityManager, event: DomainEvent): Promise<string> {
    const id = randomUUID();
    await em.query(
      `INSERT INTO outbox_events (id, event_type, aggregate_type, aggregate_id, payload, occurred_at)
       VALUES ($1, $2, $3, $4, $5, now())`,
      [id, event.type, event.aggregateType, event.aggregateId, JSON.stringify(event.payload ?? {})],
    );
    return id;
  }
}
