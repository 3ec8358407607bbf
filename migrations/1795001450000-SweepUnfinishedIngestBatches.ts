import { MigrationInterface, QueryRunner } from 'typeorm';

/** The ingest sweep looks for batches that are not completed: an index over just those keeps it cheap. */
export class SweepUnfinishedIngestBatches1795001450000 implements MigrationInterface {
  name = 'SweepUnfinishedIngestBatches1795001450000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX ix_ingest_batches_unfinished ON ingest_batches (created_at) WHERE status <> 'completed'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_ingest_batches_unfinished`);
  }
}
