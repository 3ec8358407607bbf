import { queryRows } from '../database/query-rows';
import { SqlRunner } from '../database/sql-runner';

/** A recorded domain event as a subscriber receives it. */
export interface RecordedEvent {
  id: string;
  type: string;
  payload: Record<string, unknown>;
  occurredAt: Date;
}

interface RecordedEventRow {
  id: string;
  event_type: string;
  payload: Record<string, unknown>;
  occurred_at: Date;
}

/** One outbox event by id (webhook deliveries resend it); null when there is none. */
export async function recordedEvent(sql: SqlRunner, id: string): Promise<RecordedEvent | null> {
  const [row] = await queryRows<RecordedEventRow>(
    sql,
    `SELECT id, event_type, payload, occurred_at FROM outbox_events WHERE id = $1`,
    [id],
  );
  if (row === undefined) return null;
  return { id: row.id, type: row.event_type, payload: row.payload, occurredAt: row.occurred_at };
}
