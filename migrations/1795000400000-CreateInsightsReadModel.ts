import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The insights read model (docs/metrics.md): derived tables that the refresh job rebuilds per portfolio, in one
 * transaction, from the initiatives' stage history, gate reviews, handover packages and learning roll-ups. The
 * dashboard reads only these tables, so its endpoints answer in milliseconds whatever the size of the history.
 *
 * Derived data has no foreign keys: a refresh deletes and rewrites a portfolio's rows wholesale, and the source
 * tables stay the truth. Rows churn on every refresh, so autovacuum is asked to come sooner than its default 20 %.
 */
export class CreateInsightsReadModel1795000400000 implements MigrationInterface {
  name = 'CreateInsightsReadModel1795000400000';

  async up(q: QueryRunner): Promise<void> {
    // One row per portfolio: when it was refreshed (the read model is "as of" this instant), how long it took, and
    // the all-time cycle-time percentiles for every ambition × horizon filter (they cannot be summed from parts).
    await q.query(`
      CREATE TABLE insights_portfolio_state (
        portfolio_id uuid NOT NULL,
        refreshed_at timestamptz NOT NULL,
        refresh_ms integer NOT NULL,
        refreshes integer NOT NULL,
        initiatives integer NOT NULL,
        events bigint NOT NULL,
        cycle_all_time jsonb NOT NULL,
        CONSTRAINT pk_insights_portfolio_state PRIMARY KEY (portfolio_id)
      )`);

    // One row per initiative: its filter dimensions, current state, ECV inputs, learning figures, and its own
    // timeline (measure + UTC day per movement, cycle-time samples), which serves the owner filter.
    await q.query(`
      CREATE TABLE insights_initiatives (
        initiative_id uuid NOT NULL,
        portfolio_id uuid NOT NULL,
        owner_id uuid NOT NULL,
        title text NOT NULL,
        ambition text NOT NULL,
        horizon text NOT NULL,
        stage text NOT NULL,
        status text NOT NULL,
        ecv numeric(20,2),
        probability numeric(7,6),
        remaining_cost numeric(16,2),
        learning_velocity numeric(10,2),
        cost_per_learning numeric(14,2),
        decisions text array NOT NULL,
        mark_measures text array NOT NULL,
        mark_days date array NOT NULL,
        sample_metrics text array NOT NULL,
        sample_days date array NOT NULL,
        sample_seconds double precision array NOT NULL,
        CONSTRAINT pk_insights_initiatives PRIMARY KEY (initiative_id)
      )`);
    await q.query(`CREATE INDEX ix_insights_initiatives_owner ON insights_initiatives (portfolio_id, owner_id)`);
    await q.query(
      `CREATE INDEX ix_insights_initiatives_status_ecv ON insights_initiatives (portfolio_id, status, ecv DESC NULLS LAST, initiative_id)`,
    );
    await q.query(
      `CREATE INDEX ix_insights_initiatives_stage_ecv ON insights_initiatives (portfolio_id, stage, ecv DESC NULLS LAST, initiative_id)`,
    );
    await q.query(
      `CREATE INDEX ix_insights_initiatives_ecv ON insights_initiatives (portfolio_id, ecv DESC NULLS LAST, initiative_id)`,
    );
    await q.query(
      `CREATE INDEX ix_insights_initiatives_bets ON insights_initiatives (portfolio_id, remaining_cost DESC, initiative_id) WHERE status = 'active' AND ecv IS NOT NULL`,
    );
    await q.query(`CREATE INDEX ix_insights_initiatives_decisions ON insights_initiatives USING gin (decisions)`);

    // The cube: per portfolio × ambition × horizon × measure × UTC day, the count and its running total. A period
    // [from, to) is cum(last day < to) − cum(last day < from): two index probes per series, however long the period.
    await q.query(`
      CREATE TABLE insights_daily (
        portfolio_id uuid NOT NULL,
        ambition text NOT NULL,
        horizon text NOT NULL,
        measure text NOT NULL,
        day date NOT NULL,
        n integer NOT NULL,
        cum bigint NOT NULL,
        CONSTRAINT pk_insights_daily PRIMARY KEY (portfolio_id, ambition, horizon, measure, day)
      )`);

    // Duration samples (stage passages and time-to-controlled), by the UTC day they ended: percentiles of a period.
    await q.query(`
      CREATE TABLE insights_samples (
        id bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
        portfolio_id uuid NOT NULL,
        metric text NOT NULL,
        day date NOT NULL,
        ambition text NOT NULL,
        horizon text NOT NULL,
        seconds double precision NOT NULL,
        CONSTRAINT pk_insights_samples PRIMARY KEY (id)
      )`);
    await q.query(
      `CREATE INDEX ix_insights_samples_period ON insights_samples (portfolio_id, metric, day) INCLUDE (ambition, horizon, seconds)`,
    );

    // Open gate reviews that have a deadline; a zombie is one whose deadline has passed at read time.
    await q.query(`
      CREATE TABLE insights_zombie_candidates (
        review_id uuid NOT NULL,
        portfolio_id uuid NOT NULL,
        initiative_id uuid NOT NULL,
        title text NOT NULL,
        gate text NOT NULL,
        deadline_at timestamptz NOT NULL,
        owner_id uuid NOT NULL,
        ambition text NOT NULL,
        horizon text NOT NULL,
        CONSTRAINT pk_insights_zombie_candidates PRIMARY KEY (review_id)
      )`);
    await q.query(
      `CREATE INDEX ix_insights_zombie_candidates_portfolio ON insights_zombie_candidates (portfolio_id, deadline_at)`,
    );

    // Learning roll-ups summed per portfolio × ambition × horizon, so means over any of those filters are exact.
    await q.query(`
      CREATE TABLE insights_learning (
        portfolio_id uuid NOT NULL,
        ambition text NOT NULL,
        horizon text NOT NULL,
        velocity_sum numeric NOT NULL,
        velocity_n integer NOT NULL,
        cost_sum numeric NOT NULL,
        cost_n integer NOT NULL,
        CONSTRAINT pk_insights_learning PRIMARY KEY (portfolio_id, ambition, horizon)
      )`);

    for (const table of [
      'insights_initiatives',
      'insights_daily',
      'insights_samples',
      'insights_zombie_candidates',
      'insights_learning',
    ]) {
      await q.query(
        `ALTER TABLE ${table} SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.02)`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'insights_learning',
      'insights_zombie_candidates',
      'insights_samples',
      'insights_daily',
      'insights_initiatives',
      'insights_portfolio_state',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
