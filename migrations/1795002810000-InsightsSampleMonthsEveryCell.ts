import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * insights_sample_months gains, per portfolio × metric and month, the running histogram summed over every ambition ×
 * horizon cell (ambition and horizon '*'): an overview without those filters reads one histogram per metric instead of
 * nine. Filled here from the stored samples, the way the refresh builds it, so the read model stays whole.
 */
export class InsightsSampleMonthsEveryCell1795002810000 implements MigrationInterface {
  name = 'InsightsSampleMonthsEveryCell1795002810000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      INSERT INTO insights_sample_months (portfolio_id, metric, ambition, horizon, month, cum)
      SELECT portfolio_id, metric, '*', '*', month, array_agg(cum ORDER BY bucket)
        FROM (SELECT c.portfolio_id, c.metric, c.month, b.bucket,
                     sum(coalesce(h.n, 0)) OVER (PARTITION BY c.portfolio_id, c.metric, b.bucket ORDER BY c.month)::int AS cum
                FROM (SELECT DISTINCT portfolio_id, metric, date_trunc('month', day)::date AS month FROM insights_samples) c
                CROSS JOIN generate_series(0, 255) AS b(bucket)
                LEFT JOIN (SELECT portfolio_id, metric, date_trunc('month', day)::date AS month, bucket, count(*) AS n
                             FROM insights_samples GROUP BY 1, 2, 3, 4) h
                  ON h.portfolio_id = c.portfolio_id AND h.metric = c.metric AND h.month = c.month AND h.bucket = b.bucket) x
       GROUP BY portfolio_id, metric, month`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM insights_sample_months WHERE ambition = '*' AND horizon = '*'`);
  }
}
