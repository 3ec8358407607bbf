import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An outbox event may carry the job it causes (queue, name, data, job id), which the relay adds straight to its queue,
 * and may skip the domain-events handlers when no other context consumes it.
 *
 * Events recorded before, not yet processed, lose the handlers that queued their jobs: they get the job intent those
 * handlers would have queued and go back to the relay (the job ids are the handlers', so a job already queued is not
 * queued twice). identity.mail-pending is left as it is: its options come from the configuration, and the mail sweep
 * queues every pending delivery whose job is missing.
 */
export class OutboxJobIntents1795001400000 implements MigrationInterface {
  name = 'OutboxJobIntents1795001400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE outbox_events ADD COLUMN job jsonb, ADD COLUMN to_handlers boolean NOT NULL DEFAULT true`,
    );
    await q.query(`
      UPDATE outbox_events e
         SET job = jsonb_build_object(
                     'queue', t.queue, 'name', t.name, 'data', jsonb_build_object(t.key, e.payload ->> t.key),
                     'jobId', t.id_prefix || (e.payload ->> t.key), 'options', '{}'::jsonb),
             to_handlers = t.to_handlers,
             published_at = NULL
        FROM (VALUES
               ('experiments.batch-received', 'ingest', 'ingest-batch', 'batchId', 'ingest-', false),
               ('gates.review-requested', 'gates', 'prepare-review', 'reviewId', 'prepare-', true),
               ('gates.scorecards-complete', 'gates', 'compute-outcome', 'reviewId', 'outcome-', false),
               ('portfolio.initiative-created', 'portfolio', 'check-duplicates', 'initiativeId', 'duplicates-', true)
             ) AS t(event_type, queue, name, key, id_prefix, to_handlers)
       WHERE e.event_type = t.event_type AND e.processed_at IS NULL AND e.payload ? t.key`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outbox_events DROP COLUMN to_handlers, DROP COLUMN job`);
  }
}
