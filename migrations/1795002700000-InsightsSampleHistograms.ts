import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Dashboards at a million (docs/metrics.md, docs/query-plans.md): percentiles over a period without sorting the
 * period's samples.
 *   - insights_samples: each sample keeps its initiative (so an incremental apply can replace one initiative's
 *     samples) and its bucket, a logarithmic histogram class of its seconds (buckets are in the order of seconds);
 *   - insights_sample_months: per portfolio × metric × ambition × horizon and month, the running histogram of the
 *     samples that ended before the month's end. A period's histogram is two probes, plus the samples of the days at
 *     its ends that do not fill a month; the percentile's bucket is found from it, and its value among the period's
 *     samples of that one bucket;
 *   - the all-time percentiles are read the same way, so the state row no longer keeps them;
 *   - the cube gains the measures `created` and `created.operations` (no schema change), and first-decision times of
 *     initiatives raised by operations become samples (metric `ops.decided`, by creation day): the operations figures
 *     are probes too, no longer a count over the portfolio's initiatives.
 *
 * The read model is derived data: it is emptied here, and the first request or the safety job refreshes each portfolio.
 */
export class InsightsSampleHistograms1795002700000 implements MigrationInterface {
  name = 'InsightsSampleHistograms1795002700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `TRUNCATE insights_portfolio_state, insights_initiatives, insights_daily, insights_samples, insights_zombie_candidates, insights_learning`,
    );
    await q.query(`ALTER TABLE insights_portfolio_state DROP COLUMN cycle_all_time`);
    await q.query(`DROP INDEX ix_insights_samples_period`);
    await q.query(
      `ALTER TABLE insights_samples ADD COLUMN initiative_id uuid NOT NULL, ADD COLUMN bucket smallint NOT NULL`,
    );
    await q.query(
      `CREATE INDEX ix_insights_samples_period ON insights_samples (portfolio_id, metric, day) INCLUDE (ambition, horizon, bucket)`,
    );
    await q.query(
      `CREATE INDEX ix_insights_samples_bucket ON insights_samples (portfolio_id, metric, bucket, day) INCLUDE (ambition, horizon, seconds)`,
    );
    // All time: a bucket's samples in the order of seconds, so the k-th is found by walking k index entries.
    await q.query(
      `CREATE INDEX ix_insights_samples_rank ON insights_samples (portfolio_id, metric, bucket, seconds) INCLUDE (ambition, horizon)`,
    );
    await q.query(`CREATE INDEX ix_insights_samples_initiative ON insights_samples (initiative_id)`);
    await q.query(`
      CREATE TABLE insights_sample_months (
        portfolio_id uuid NOT NULL,
        metric text NOT NULL,
        ambition text NOT NULL,
        horizon text NOT NULL,
        month date NOT NULL,
        cum integer array NOT NULL,
        CONSTRAINT pk_insights_sample_months PRIMARY KEY (portfolio_id, metric, ambition, horizon, month)
      )`);
    await q.query(
      `ALTER TABLE insights_sample_months SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.02)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE insights_sample_months`);
    await q.query(
      `TRUNCATE insights_portfolio_state, insights_initiatives, insights_daily, insights_samples, insights_zombie_candidates, insights_learning`,
    );
    await q.query(`DROP INDEX ix_insights_samples_initiative`);
    await q.query(`DROP INDEX ix_insights_samples_rank`);
    await q.query(`DROP INDEX ix_insights_samples_bucket`);
    await q.query(`DROP INDEX ix_insights_samples_period`);
    await q.query(`ALTER TABLE insights_samples DROP COLUMN initiative_id, DROP COLUMN bucket`);
    await q.query(
      `CREATE INDEX ix_insights_samples_period ON insights_samples (portfolio_id, metric, day) INCLUDE (ambition, horizon, seconds)`,
    );
    await q.query(`ALTER TABLE insights_portfolio_state ADD COLUMN cycle_all_time jsonb NOT NULL`);
  }
}
