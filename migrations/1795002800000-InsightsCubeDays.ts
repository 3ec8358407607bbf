import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * insights_cube_days: per portfolio × ambition × horizon and day with marks, every measure's running total at the end of
 * that day, as one JSON object ({measure: count}, zero counts left out). A period's counts then take two probes per
 * ambition × horizon cell instead of two per cell and measure in insights_daily (29 measures). Derived from
 * insights_daily, so the migration fills it from there: the read model stays whole, and no refresh is needed.
 *
 * insights_add_counts(a, b) adds two such objects key by key, leaving zeros out (the incremental apply's delta).
 */
export class InsightsCubeDays1795002800000 implements MigrationInterface {
  name = 'InsightsCubeDays1795002800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE insights_cube_days (
        portfolio_id uuid NOT NULL,
        ambition text NOT NULL,
        horizon text NOT NULL,
        day date NOT NULL,
        cum jsonb NOT NULL,
        CONSTRAINT pk_insights_cube_days PRIMARY KEY (portfolio_id, ambition, horizon, day)
      )`);
    await q.query(
      `ALTER TABLE insights_cube_days SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.02)`,
    );
    await q.query(`
      CREATE FUNCTION insights_add_counts(a jsonb, b jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT coalesce(jsonb_object_agg(k, n), '{}'::jsonb)
          FROM (SELECT k, sum(v::bigint) AS n
                  FROM (SELECT * FROM jsonb_each_text(a) UNION ALL SELECT * FROM jsonb_each_text(b)) e(k, v)
                 GROUP BY k HAVING sum(v::bigint) <> 0) s
      $$`);
    await q.query(`
      INSERT INTO insights_cube_days (portfolio_id, ambition, horizon, day, cum)
      SELECT portfolio_id, ambition, horizon, day, coalesce(jsonb_object_agg(measure, cum) FILTER (WHERE cum > 0), '{}'::jsonb)
        FROM (SELECT g.portfolio_id, g.ambition, g.horizon, g.day, m.measure,
                     sum(coalesce(d.n, 0)) OVER (PARTITION BY g.portfolio_id, g.ambition, g.horizon, m.measure ORDER BY g.day) AS cum
                FROM (SELECT DISTINCT portfolio_id, ambition, horizon, day FROM insights_daily) g
                JOIN (SELECT DISTINCT portfolio_id, ambition, horizon, measure FROM insights_daily) m
                  ON m.portfolio_id = g.portfolio_id AND m.ambition = g.ambition AND m.horizon = g.horizon
                LEFT JOIN insights_daily d
                  ON d.portfolio_id = g.portfolio_id AND d.ambition = g.ambition AND d.horizon = g.horizon
                 AND d.measure = m.measure AND d.day = g.day) x
       GROUP BY portfolio_id, ambition, horizon, day`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE insights_cube_days`);
    await q.query(`DROP FUNCTION insights_add_counts(jsonb, jsonb)`);
  }
}
