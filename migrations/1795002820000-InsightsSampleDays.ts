import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * insights_sample_days: per portfolio × sample metric × ambition × horizon and day, the histogram of that day's
 * samples, sparse (the buckets holding samples and their counts); also per metric and day over every cell ('*').
 * A period's days outside its whole months are then read as a few rows per day instead of counting every sample.
 * Filled here from the stored samples, the way the refresh builds it, so the read model stays whole.
 */
export class InsightsSampleDays1795002820000 implements MigrationInterface {
  name = 'InsightsSampleDays1795002820000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE insights_sample_days (
        portfolio_id uuid NOT NULL,
        metric text NOT NULL,
        ambition text NOT NULL,
        horizon text NOT NULL,
        day date NOT NULL,
        buckets smallint array NOT NULL,
        counts integer array NOT NULL,
        CONSTRAINT pk_insights_sample_days PRIMARY KEY (portfolio_id, metric, ambition, horizon, day)
      )`);
    await q.query(
      `ALTER TABLE insights_sample_days SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.02)`,
    );
    await q.query(`
      INSERT INTO insights_sample_days (portfolio_id, metric, ambition, horizon, day, buckets, counts)
      SELECT portfolio_id, metric, ambition, horizon, day, array_agg(bucket ORDER BY bucket), array_agg(n ORDER BY bucket)
        FROM (SELECT portfolio_id, metric, ambition, horizon, day, bucket, count(*)::int AS n
                FROM (SELECT portfolio_id, metric, ambition, horizon, day, bucket FROM insights_samples
                      UNION ALL
                      SELECT portfolio_id, metric, '*', '*', day, bucket FROM insights_samples) s
               GROUP BY 1, 2, 3, 4, 5, 6) b
       GROUP BY 1, 2, 3, 4, 5`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE insights_sample_days`);
  }
}
