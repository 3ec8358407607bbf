import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Learning search ranks only the newest matches; with a decision filter the walk in created_at order would
 * otherwise read ten rows for every kill it keeps. Learnings are append-only, so the index costs one insert each.
 */
export class IndexLearningsByDecision1795002500000 implements MigrationInterface {
  name = 'IndexLearningsByDecision1795002500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "ix_learnings_decision_created" ON "learnings" ("decision", "created_at")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "ix_learnings_decision_created"`);
  }
}
