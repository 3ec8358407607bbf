import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Idempotency keys were unique across everyone: another writer's key could shadow a card, and a key could be replayed
 * to read what the caller may not write. A key now belongs to its writer and the resource it writes to, and the
 * fingerprint of what was sent is kept, so a replay with different content can be told apart and refused.
 */
export class ScopeIdempotencyKeys1795001000000 implements MigrationInterface {
  name = 'ScopeIdempotencyKeys1795001000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE learnings ADD COLUMN request_hash text`);
    await q.query(`DROP INDEX uq_learnings_idempotency_key`);
    await q.query(
      `CREATE UNIQUE INDEX uq_learnings_idempotency_key ON learnings (initiative_id, recorded_by, idempotency_key)`,
    );
    await q.query(`ALTER TABLE experiment_results ADD COLUMN request_hash text`);
    await q.query(`DROP INDEX uq_experiment_results_idempotency_key`);
    await q.query(
      `CREATE UNIQUE INDEX uq_experiment_results_idempotency_key ON experiment_results (experiment_id, recorded_by, idempotency_key)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX uq_experiment_results_idempotency_key`);
    await q.query(`CREATE UNIQUE INDEX uq_experiment_results_idempotency_key ON experiment_results (idempotency_key)`);
    await q.query(`ALTER TABLE experiment_results DROP COLUMN request_hash`);
    await q.query(`DROP INDEX uq_learnings_idempotency_key`);
    await q.query(`CREATE UNIQUE INDEX uq_learnings_idempotency_key ON learnings (idempotency_key)`);
    await q.query(`ALTER TABLE learnings DROP COLUMN request_hash`);
  }
}
