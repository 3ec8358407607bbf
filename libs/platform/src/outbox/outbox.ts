import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { DomainEvent, DomainEventType } from './domain-events';
import { JobIntent, storedIntent } from './job-intent';

export interface RecordOptions {
  /** A job the event causes, added by the relay straight to its queue (see JobIntent). */
  job?: JobIntent;
  /**
   * Whether the registered handlers receive the event too (another context consumes it). Default: only when it
   * carries no job; an event with a job and no handler is done as soon as its job is queued.
   */
  toHandlers?: boolean;
}

/** Records events inside the use case's transaction; the worker's relay publishes them after commit. */
@Injectable()
export class Outbox {
  async record<T extends DomainEventType>(
    em: EntityManager,
    event: DomainEvent<T>,
    options: RecordOptions = {},
  ): Promise<string> {
    const id = randomUUID();
    const job = options.job === undefined ? null : storedIntent(options.job);
    const toHandlers = options.toHandlers ?? job === null;
    if (!toHandlers && job === null) throw new Error(`Event ${event.type} would reach neither a handler nor a queue`);
    await em.query(
      `INSERT INTO outbox_events (id, event_type, aggregate_type, aggregate_id, payload, occurred_at, job, to_handlers)
       VALUES ($1, $2, $3, $4, $5, now(), $6, $7)`,
      [
        id,
        event.type,
        event.aggregateType,
        event.aggregateId,
        JSON.stringify(event.payload ?? {}),
        job === null ? null : JSON.stringify(job),
        toHandlers,
      ],
    );
    return id;
  }
}
