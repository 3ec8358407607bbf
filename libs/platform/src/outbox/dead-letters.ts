import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Actor } from '../audit/actor';
import { AuditTrail } from '../audit/audit-trail';
import { queryRows } from '../database/query-rows';
import { TransactionRunner } from '../database/transaction-runner';
import { NotFoundError } from '../errors/domain-error';
import { QueueName } from '../queues/queue-names';
import { QueueProducer } from '../queues/queue-producer';

export interface DeadLetterView {
  id: string;
  eventType: string;
  aggregateType: string;
  aggregateId: string;
  failedAttempts: number;
  lastError: string | null;
  lastFailedAt: Date | null;
  deadAt: Date;
}

/** What a retry found: a dead letter brought back (requeued), or an event already pending or delivered (nothing done). */
export interface DeadLetterRetry {
  id: string;
  state: 'pending' | 'delivered';
  requeued: boolean;
}

interface DeadRow {
  id: string;
  event_type: string;
  aggregate_type: string;
  aggregate_id: string;
  failed_attempts: number;
  last_error: string | null;
  last_failed_at: Date | null;
  dead_at: Date | null;
  processed_at: Date | null;
  published_at: Date | null;
}

const COLUMNS = `id, event_type, aggregate_type, aggregate_id, failed_attempts, last_error, last_failed_at, dead_at, processed_at, published_at`;

/** Outbox events whose delivery failed too often: listed for admins, and put back in the queue when they retry one. */
@Injectable()
export class DeadLetters {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly audit: AuditTrail,
    private readonly producer: QueueProducer,
  ) {}

  async list(): Promise<DeadLetterView[]> {
    const rows = await queryRows<DeadRow>(
      this.dataSource,
      `SELECT ${COLUMNS} FROM outbox_events WHERE dead_at IS NOT NULL ORDER BY dead_at DESC, id LIMIT 500`,
    );
    return rows.map(viewOf);
  }

  async count(): Promise<number> {
    const [row] = await queryRows<{ n: number }>(
      this.dataSource,
      `SELECT count(*)::int AS n FROM outbox_events WHERE dead_at IS NOT NULL`,
    );
    return row?.n ?? 0;
  }

  /**
   * Idempotent: only a dead event is revived (its count reset, audited); one already pending or delivered is left as
   * it is. The job is requeued after the commit; if Redis fails then, the event is pending again and the sweep requeues it.
   * An event that died before it was published (Redis refused its job intent) is left to the relay, which publishes it
   * again.
   */
  async retry(actor: Actor, eventId: string): Promise<DeadLetterRetry> {
    const found = await this.tx.run(async (em) => {
      const [row] = await queryRows<DeadRow>(em, `SELECT ${COLUMNS} FROM outbox_events WHERE id = $1 FOR UPDATE`, [
        eventId,
      ]);
      if (row === undefined) throw new NotFoundError('PLATFORM.EVENT_NOT_FOUND', `Outbox event ${eventId}`);
      if (row.processed_at !== null) return { state: 'delivered' as const, revived: false, published: true };
      if (row.dead_at === null) return { state: 'pending' as const, revived: false, published: true };
      await em.query(`UPDATE outbox_events SET dead_at = NULL, failed_attempts = 0 WHERE id = $1`, [eventId]);
      await this.audit.append(em, {
        actor,
        action: 'platform.dead-letter.retried',
        entityType: 'outbox_event',
        entityId: eventId,
        before: {
          eventType: row.event_type,
          failedAttempts: row.failed_attempts,
          lastError: row.last_error,
          deadAt: row.dead_at,
        },
        after: { failedAttempts: 0, deadAt: null },
      });
      return { state: 'pending' as const, revived: true, published: row.published_at !== null };
    });
    if (found.revived && found.published) {
      await this.producer.ensure(
        { queue: QueueName.DomainEvents, name: 'deliver-event', data: { eventId } },
        eventId,
        {},
        { resetAttemptsMade: true },
      );
    }
    return { id: eventId, state: found.state, requeued: found.revived };
  }
}

function viewOf(row: DeadRow): DeadLetterView {
  return {
    id: row.id,
    eventType: row.event_type,
    aggregateType: row.aggregate_type,
    aggregateId: row.aggregate_id,
    failedAttempts: row.failed_attempts,
    lastError: row.last_error,
    lastFailedAt: row.last_failed_at,
    deadAt: row.dead_at as Date,
  };
}
