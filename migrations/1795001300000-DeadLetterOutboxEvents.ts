import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Caps how often an outbox event's delivery may fail: the failures are counted on the row, and one that keeps failing
 * is marked dead (kept, never swept again) until an admin retries it.
 */
export class DeadLetterOutboxEvents1795001300000 implements MigrationInterface {
  name = 'DeadLetterOutboxEvents1795001300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE outbox_events
        ADD COLUMN failed_attempts integer NOT NULL DEFAULT 0,
        ADD COLUMN last_error text,
        ADD COLUMN last_failed_at timestamptz,
        ADD COLUMN dead_at timestamptz`);
    await q.query(`CREATE INDEX ix_outbox_events_dead ON outbox_events (dead_at) WHERE dead_at IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_outbox_events_dead`);
    await q.query(
      `ALTER TABLE outbox_events DROP COLUMN dead_at, DROP COLUMN last_failed_at, DROP COLUMN last_error, DROP COLUMN failed_attempts`,
    );
  }
}
