import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An outbox event may carry the job it causes (queue, name, data, job id), which the relay adds straight to its queue,
 * and may skip the domain-events handlers when no other context consumes it.
 */
export class OutboxJobIntents1795001400000 implements MigrationInterface {
  name = 'OutboxJobIntents1795001400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE outbox_events ADD COLUMN job jsonb, ADD COLUMN to_handlers boolean NOT NULL DEFAULT true`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outbox_events DROP COLUMN to_handlers, DROP COLUMN job`);
  }
}
