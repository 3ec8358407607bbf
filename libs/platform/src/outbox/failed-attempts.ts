import { queryChanges } from '../database/query-rows';
import { SqlRunner } from '../database/sql-runner';
import { DomainError } from '../errors/domain-error';

/** Long enough to diagnose, short enough that a huge error never bloats the row. */
const MAX_ERROR_LENGTH = 2000;

export function failureMessage(error: unknown): string {
  return (
    error instanceof DomainError ? `${error.code}: ${error.message}` : String((error as Error)?.message ?? error)
  ).slice(0, MAX_ERROR_LENGTH);
}

interface FailedAttemptRow {
  failed_attempts: number;
  dead_at: Date | null;
}

/**
 * Counts a failed delivery (or relay) of an outbox event on its row and marks it dead at the cap. Runs on whatever
 * holds the row: the relay counts inside the transaction that locked it. A row still unpublished counts even when its
 * handlers are done: its job intent is what Redis refused, and it must not be refused for ever.
 */
export async function countFailedAttempt(
  db: SqlRunner,
  eventId: string,
  message: string,
  maxAttempts: number,
): Promise<{ failedAttempts: number; deadAt: Date | null } | undefined> {
  const { rows } = await queryChanges<FailedAttemptRow>(
    db,
    `UPDATE outbox_events
        SET failed_attempts = failed_attempts + 1, last_error = $2, last_failed_at = now(),
            dead_at = CASE WHEN failed_attempts + 1 >= $3 THEN now() END
      WHERE id = $1 AND (processed_at IS NULL OR published_at IS NULL) AND dead_at IS NULL
      RETURNING failed_attempts, dead_at`,
    [eventId, message, maxAttempts],
  );
  const row = rows[0];
  return row === undefined ? undefined : { failedAttempts: row.failed_attempts, deadAt: row.dead_at };
}
