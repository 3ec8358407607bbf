import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The read model follows each event (docs/metrics.md, "Incremental apply"): refreshed_at becomes the version of the
 * read model (the last apply or refresh), and the state row keeps apart what the repair path needs:
 *   - recomputed_at: the last full recompute (the safety job recomputes portfolios whose one is older than
 *     INSIGHTS_STALE_AFTER_MS);
 *   - applies: how many incremental applies changed it (operators and tests see the event path at work);
 *   - drift_rows / drift_checked_at: rows the last safety recompute found different from what the applies had kept,
 *     exposed as the metric ambidex_insights_read_model_drift_rows.
 */
export class InsightsIncrementalApply1795002710000 implements MigrationInterface {
  name = 'InsightsIncrementalApply1795002710000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE insights_portfolio_state
         ADD COLUMN recomputed_at timestamptz,
         ADD COLUMN applies integer NOT NULL DEFAULT 0,
         ADD COLUMN drift_rows integer,
         ADD COLUMN drift_checked_at timestamptz`,
    );
    await q.query(`UPDATE insights_portfolio_state SET recomputed_at = refreshed_at`);
    await q.query(`ALTER TABLE insights_portfolio_state ALTER COLUMN recomputed_at SET NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE insights_portfolio_state DROP COLUMN recomputed_at, DROP COLUMN applies, DROP COLUMN drift_rows, DROP COLUMN drift_checked_at`,
    );
  }
}
