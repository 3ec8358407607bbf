import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Learning search ranks only the newest matches. With a decision filter, the walk in created_at order would read ten
 * rows for every kill it keeps: an index on (decision, created_at) walks the kills alone. Every search that leaves out
 * superseded learnings reads the set of corrected ids: the unique index on supersedes_id held a million NULLs for ten
 * thousand corrections (6,000 pages read per search); partial, it holds the corrections only, and stays unique.
 * Learnings are append-only, so both cost one insert each.
 */
export class IndexLearningSearchFilters1795002500000 implements MigrationInterface {
  name = 'IndexLearningSearchFilters1795002500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "ix_learnings_decision_created" ON "learnings" ("decision", "created_at")`);
    await q.query(`DROP INDEX "uq_learnings_supersedes"`);
    await q.query(
      `CREATE UNIQUE INDEX "uq_learnings_supersedes" ON "learnings" ("supersedes_id") WHERE supersedes_id IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "uq_learnings_supersedes"`);
    await q.query(`CREATE UNIQUE INDEX "uq_learnings_supersedes" ON "learnings" ("supersedes_id")`);
    await q.query(`DROP INDEX "ix_learnings_decision_created"`);
  }
}
