import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Initiatives whose events the read model has not applied yet, per portfolio. An event handler records its initiative
 * here and asks for an apply job; the job takes every initiative pending for the portfolio in one transaction, so a
 * steady stream of events costs one apply per job rather than one per event. A duplicate event finds its initiative
 * already pending; the row goes in the transaction that applies it, so a crash leaves it pending.
 */
export class InsightsPendingApplies1795002720000 implements MigrationInterface {
  name = 'InsightsPendingApplies1795002720000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE insights_pending_applies (
        portfolio_id uuid NOT NULL,
        initiative_id uuid NOT NULL,
        requested_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_insights_pending_applies PRIMARY KEY (portfolio_id, initiative_id)
      )`);
    await q.query(
      `ALTER TABLE insights_pending_applies SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.02)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE insights_pending_applies`);
  }
}
