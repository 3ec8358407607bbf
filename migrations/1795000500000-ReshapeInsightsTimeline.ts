import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A faster read-model refresh and an unfiltered overview without cube probes (docs/metrics.md):
 *   - insights_portfolio_state keeps the all-time count of every series;
 *   - an initiative's timeline is stored per history event as aligned arrays (day, outflow, inflow, other measure)
 *     instead of one (measure, day) pair per mark, so one sort of the events builds it;
 *   - two ECV indexes by status and by stage go: every refresh paid for them and the ECV index serves their queries.
 *
 * The read model is derived data: it is emptied here and the worker's safety job refreshes every portfolio that has
 * no state row within its first run, so nothing is lost, only recomputed.
 */
export class ReshapeInsightsTimeline1795000500000 implements MigrationInterface {
  name = 'ReshapeInsightsTimeline1795000500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `TRUNCATE insights_portfolio_state, insights_initiatives, insights_daily, insights_samples, insights_zombie_candidates, insights_learning`,
    );
    await q.query(`ALTER TABLE insights_portfolio_state ADD COLUMN series_totals jsonb NOT NULL`);

    await q.query(`DROP INDEX ix_insights_initiatives_decisions`);
    await q.query(`DROP INDEX ix_insights_initiatives_status_ecv`);
    await q.query(`DROP INDEX ix_insights_initiatives_stage_ecv`);
    await q.query(`ALTER TABLE insights_initiatives DROP COLUMN decisions, DROP COLUMN mark_measures`);
    await q.query(
      `ALTER TABLE insights_initiatives
         ADD COLUMN mark_outflows text array NOT NULL,
         ADD COLUMN mark_inflows text array NOT NULL,
         ADD COLUMN mark_others text array NOT NULL`,
    );
    // GIN over the decisions and verdicts finds the initiatives behind a rate bar.
    await q.query(`CREATE INDEX ix_insights_initiatives_decisions ON insights_initiatives USING gin (mark_others)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `TRUNCATE insights_portfolio_state, insights_initiatives, insights_daily, insights_samples, insights_zombie_candidates, insights_learning`,
    );
    await q.query(`DROP INDEX ix_insights_initiatives_decisions`);
    await q.query(
      `ALTER TABLE insights_initiatives DROP COLUMN mark_outflows, DROP COLUMN mark_inflows, DROP COLUMN mark_others`,
    );
    await q.query(
      `ALTER TABLE insights_initiatives ADD COLUMN decisions text array NOT NULL, ADD COLUMN mark_measures text array NOT NULL`,
    );
    await q.query(`CREATE INDEX ix_insights_initiatives_decisions ON insights_initiatives USING gin (decisions)`);
    await q.query(
      `CREATE INDEX ix_insights_initiatives_status_ecv ON insights_initiatives (portfolio_id, status, ecv DESC NULLS LAST, initiative_id)`,
    );
    await q.query(
      `CREATE INDEX ix_insights_initiatives_stage_ecv ON insights_initiatives (portfolio_id, stage, ecv DESC NULLS LAST, initiative_id)`,
    );
    await q.query(`ALTER TABLE insights_portfolio_state DROP COLUMN series_totals`);
  }
}
