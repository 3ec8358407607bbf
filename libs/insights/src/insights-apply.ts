import { queryRows } from '@ambidex/platform';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EVERY_CELL, SAMPLE_BUCKETS } from './domain/measures';
import type { SeriesTotals } from './insights-refresh';
import {
  buildContributions,
  buildInitiativeRows,
  buildZombieCandidates,
  MARKS_SQL,
  TxSql,
  writeInitiativeRows,
} from './read-model-sources';

export interface ApplyResult {
  /** False when the portfolio has no read model yet: only a full refresh can make one. */
  applied: boolean;
  initiatives: number;
  /** Cube rows and monthly histograms touched by the difference. */
  cubeDeltas: number;
  sampleDeltas: number;
}

interface TotalDeltaRow {
  ambition: string;
  horizon: string;
  measure: string;
  delta: number;
}

/** The series of a cube delta row t2/d, in SQL. */
const SAME_SERIES = `t.ambition = d.ambition AND t.horizon = d.horizon AND t.measure = d.measure`;
const SAME_CELL = `t.metric = d.metric AND t.ambition = d.ambition AND t.horizon = d.horizon`;

/**
 * The incremental read model: after an event, the initiatives it concerns are recomputed from their own history (the
 * statements the full refresh uses, scoped to them: read-model-sources.ts), and the difference between what they
 * contribute now and what the read model holds for them (their stored row and samples) is added to the cube, the
 * monthly histograms, the learning sums and the series totals, in one transaction, under the portfolio's lock.
 *
 * Recomputing from the history rather than adding the event makes it idempotent and independent of order: an event
 * delivered twice, late or out of order finds the read model already in line with the history and changes nothing,
 * or brings it in line. The full refresh (InsightsRefresh) stays the repair path, and the safety check compares both.
 */
@Injectable()
export class InsightsApply {
  constructor(private readonly dataSource: DataSource) {}

  /** Applies the given initiatives of a portfolio now (tests, and the job below). */
  async apply(portfolioId: string, initiativeIds: string[]): Promise<ApplyResult> {
    return this.inLock(portfolioId, async (q, totals) => this.applyIn(q, portfolioId, initiativeIds, totals));
  }

  /**
   * Applies every initiative pending for the portfolio (InsightsEventHandlers records them), at most `batch` of them;
   * they leave the pending table in the same transaction. `more`: some remain for another job.
   */
  async applyPending(portfolioId: string, batch = 5_000): Promise<ApplyResult & { more: boolean }> {
    return this.inLock(portfolioId, async (q, totals) => {
      const taken = await queryRows<{ initiative_id: string }>(
        q,
        // A DELETE's rows come back through a SELECT (the driver answers a bare DELETE with its row count).
        `WITH taken AS (
           DELETE FROM insights_pending_applies p
            WHERE p.portfolio_id = $1
              AND p.initiative_id IN (SELECT initiative_id FROM insights_pending_applies WHERE portfolio_id = $1 LIMIT $2)
            RETURNING p.initiative_id)
         SELECT initiative_id FROM taken`,
        [portfolioId, batch],
      );
      const result = await this.applyIn(
        q,
        portfolioId,
        taken.map((r) => r.initiative_id),
        totals,
      );
      return { ...result, more: taken.length === batch };
    }).then((r) => ({ more: false, ...r }));
  }

  /** Runs work under the portfolio's lock, in one transaction; nothing to do without a read model to apply to. */
  private async inLock<T extends ApplyResult>(
    portfolioId: string,
    work: (q: TxSql, totals: SeriesTotals) => Promise<T>,
  ): Promise<T | ApplyResult> {
    return this.dataSource.transaction(async (em) => {
      const q: TxSql = em;
      // The same key as the refresh's session lock: applies and refreshes of a portfolio never interleave. Taken first:
      // READ COMMITTED, so every statement after it sees what the previous holder committed.
      await q.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`insights:${portfolioId}`]);
      const [state] = await queryRows<{ series_totals: SeriesTotals }>(
        q,
        `SELECT series_totals FROM insights_portfolio_state WHERE portfolio_id = $1 FOR UPDATE`,
        [portfolioId],
      );
      if (state === undefined) return { applied: false, initiatives: 0, cubeDeltas: 0, sampleDeltas: 0 };
      return work(q, state.series_totals);
    });
  }

  private async applyIn(
    q: TxSql,
    portfolioId: string,
    initiativeIds: string[],
    totals: SeriesTotals,
  ): Promise<ApplyResult> {
    if (initiativeIds.length === 0) return { applied: true, initiatives: 0, cubeDeltas: 0, sampleDeltas: 0 };
    // Only the portfolio's own initiatives (an initiative never changes portfolio).
    await buildContributions(q, { portfolioId, initiativeIds });
    await buildInitiativeRows(q, portfolioId);
    await buildZombieCandidates(q, { portfolioId, initiativeIds });
    await q.query(
      `CREATE TEMP TABLE insights_tmp_old ON COMMIT DROP AS
       SELECT * FROM insights_initiatives WHERE initiative_id = ANY($1::uuid[]) AND portfolio_id = $2`,
      [initiativeIds, portfolioId],
    );

    const cubeDeltas = await this.applyCube(q, portfolioId, totals);
    const sampleDeltas = await this.applySamples(q, portfolioId, initiativeIds);
    await this.applyLearning(q, portfolioId);

    await q.query(
      `DELETE FROM insights_initiatives t
        WHERE t.initiative_id = ANY($1::uuid[]) AND t.portfolio_id = $2 AND NOT EXISTS (SELECT 1 FROM insights_tmp_rows r WHERE r.initiative_id = t.initiative_id)`,
      [initiativeIds, portfolioId],
    );
    await writeInitiativeRows(q);

    await q.query(`DELETE FROM insights_zombie_candidates WHERE initiative_id = ANY($1::uuid[])`, [initiativeIds]);
    await q.query(
      `INSERT INTO insights_zombie_candidates (review_id, portfolio_id, initiative_id, title, gate, deadline_at, owner_id, ambition, horizon)
       SELECT review_id, $1, initiative_id, title, gate, deadline_at, owner_id, ambition, horizon FROM insights_tmp_zombies`,
      [portfolioId],
    );

    // A new version of the read model: the overview cache is keyed by it.
    await q.query(
      `UPDATE insights_portfolio_state
          SET refreshed_at = greatest(clock_timestamp(), refreshed_at + interval '1 microsecond'), applies = applies + 1,
              initiatives = initiatives + (SELECT count(*) FROM insights_tmp_rows)::int - (SELECT count(*) FROM insights_tmp_old)::int
        WHERE portfolio_id = $1`,
      [portfolioId],
    );
    const [n] = await queryRows<{ n: number }>(q, `SELECT count(*)::int AS n FROM insights_tmp_rows`);
    return { applied: true, initiatives: n?.n ?? 0, cubeDeltas, sampleDeltas };
  }

  /** Marks now minus marks stored (the old rows' timelines and creations), onto the daily cube and the series totals. */
  private async applyCube(q: TxSql, portfolioId: string, totals: SeriesTotals): Promise<number> {
    await q.query(
      `CREATE TEMP TABLE insights_tmp_cube_delta ON COMMIT DROP AS
       SELECT ambition, horizon, measure, day, sum(d)::int AS delta FROM (
         SELECT ambition, horizon, measure, day, 1 AS d FROM (${MARKS_SQL}) marks
         UNION ALL
         SELECT o.ambition, o.horizon, x.measure, e.day, -1
           FROM insights_tmp_old o
           CROSS JOIN LATERAL unnest(o.mark_days, o.mark_outflows, o.mark_inflows, o.mark_others) AS e(day, out_m, in_m, other_m)
           CROSS JOIN LATERAL unnest(ARRAY[e.out_m, e.in_m, e.other_m]) AS x(measure)
          WHERE x.measure IS NOT NULL
         UNION ALL
         SELECT ambition, horizon, 'created', created_day, -1 FROM insights_tmp_old WHERE created_day IS NOT NULL
         UNION ALL
         SELECT ambition, horizon, 'created.operations', created_day, -1 FROM insights_tmp_old WHERE from_operations AND created_day IS NOT NULL
       ) u
       GROUP BY ambition, horizon, measure, day
       HAVING sum(d) <> 0`,
    );
    const deltas = await queryRows<TotalDeltaRow>(
      q,
      `SELECT ambition, horizon, measure, sum(delta)::int AS delta FROM insights_tmp_cube_delta GROUP BY ambition, horizon, measure`,
    );
    if (deltas.length === 0) return 0;
    // A day the series had no row for starts from the running total of the day before.
    await q.query(
      `INSERT INTO insights_daily (portfolio_id, ambition, horizon, measure, day, n, cum)
       SELECT $1, d.ambition, d.horizon, d.measure, d.day, 0,
              coalesce((SELECT t.cum FROM insights_daily t
                         WHERE t.portfolio_id = $1 AND ${SAME_SERIES} AND t.day < d.day ORDER BY t.day DESC LIMIT 1), 0)
         FROM insights_tmp_cube_delta d
       ON CONFLICT (portfolio_id, ambition, horizon, measure, day) DO NOTHING`,
      [portfolioId],
    );
    // Each row from the earliest changed day on: its own day's delta to n, every delta up to its day to the running total.
    await q.query(
      `UPDATE insights_daily t SET n = t.n + u.dn, cum = t.cum + u.dc
         FROM (SELECT t.ambition, t.horizon, t.measure, t.day,
                      coalesce(sum(d.delta) FILTER (WHERE d.day = t.day), 0) AS dn, sum(d.delta) AS dc
                 FROM insights_tmp_cube_delta d
                 JOIN insights_daily t ON t.portfolio_id = $1 AND ${SAME_SERIES} AND t.day >= d.day
                GROUP BY t.ambition, t.horizon, t.measure, t.day) u
        WHERE t.portfolio_id = $1 AND t.ambition = u.ambition AND t.horizon = u.horizon AND t.measure = u.measure AND t.day = u.day`,
      [portfolioId],
    );
    // A day left without marks has no row, as after a full refresh (later running totals already count without it).
    await q.query(
      `DELETE FROM insights_daily t USING insights_tmp_cube_delta d
        WHERE t.portfolio_id = $1 AND ${SAME_SERIES} AND t.day = d.day AND t.n = 0`,
      [portfolioId],
    );
    await this.applyCubeDays(q, portfolioId);
    const next: SeriesTotals = structuredClone(totals);
    for (const { ambition, horizon, measure, delta } of deltas) {
      const cell = `${ambition}|${horizon}`;
      const measures = (next[cell] ??= {});
      const n = (measures[measure] ?? 0) + delta;
      if (n === 0) delete measures[measure];
      else measures[measure] = n;
      if (Object.keys(measures).length === 0) delete next[cell];
    }
    await q.query(`UPDATE insights_portfolio_state SET series_totals = $2 WHERE portfolio_id = $1`, [
      portfolioId,
      JSON.stringify(next),
    ]);
    return deltas.length;
  }

  /** The same deltas onto the per-day running totals of every measure (insights_cube_days), as for the cube. */
  private async applyCubeDays(q: TxSql, portfolioId: string): Promise<void> {
    const sameCell = 't.ambition = d.ambition AND t.horizon = d.horizon';
    const changedDays = `(SELECT DISTINCT ambition, horizon, day FROM insights_tmp_cube_delta)`;
    await q.query(
      `INSERT INTO insights_cube_days (portfolio_id, ambition, horizon, day, cum)
       SELECT $1, d.ambition, d.horizon, d.day,
              coalesce((SELECT t.cum FROM insights_cube_days t
                         WHERE t.portfolio_id = $1 AND ${sameCell} AND t.day < d.day ORDER BY t.day DESC LIMIT 1), '{}'::jsonb)
         FROM ${changedDays} d
       ON CONFLICT (portfolio_id, ambition, horizon, day) DO NOTHING`,
      [portfolioId],
    );
    await q.query(
      `UPDATE insights_cube_days t SET cum = insights_add_counts(t.cum, u.delta)
         FROM (SELECT ambition, horizon, day, jsonb_object_agg(measure, delta) AS delta
                 FROM (SELECT t.ambition, t.horizon, t.day, d.measure, sum(d.delta) AS delta
                         FROM insights_tmp_cube_delta d
                         JOIN insights_cube_days t ON t.portfolio_id = $1 AND ${sameCell} AND t.day >= d.day
                        GROUP BY t.ambition, t.horizon, t.day, d.measure) x
                GROUP BY ambition, horizon, day) u
        WHERE t.portfolio_id = $1 AND t.ambition = u.ambition AND t.horizon = u.horizon AND t.day = u.day`,
      [portfolioId],
    );
    // A day whose totals equal the day before's has no marks left (counts never go below zero): no row, as after a
    // full refresh.
    await q.query(
      `DELETE FROM insights_cube_days t USING ${changedDays} d
        WHERE t.portfolio_id = $1 AND ${sameCell} AND t.day = d.day
          AND t.cum = coalesce((SELECT p.cum FROM insights_cube_days p
                                 WHERE p.portfolio_id = $1 AND p.ambition = t.ambition AND p.horizon = t.horizon AND p.day < t.day
                                 ORDER BY p.day DESC LIMIT 1), '{}'::jsonb)`,
      [portfolioId],
    );
  }

  /**
   * Samples now minus samples stored, per day onto the daily histograms and per month onto the monthly running
   * histograms; the initiatives' samples replaced.
   */
  private async applySamples(q: TxSql, portfolioId: string, initiativeIds: string[]): Promise<number> {
    await q.query(
      `CREATE TEMP TABLE insights_tmp_sample_day_delta ON COMMIT DROP AS
       SELECT metric, ambition, horizon, day, bucket, sum(d)::int AS delta FROM (
         SELECT metric, ambition, horizon, day, bucket, 1 AS d FROM insights_tmp_samples
         UNION ALL
         SELECT metric, ambition, horizon, day, bucket, -1 FROM insights_samples WHERE initiative_id = ANY($1::uuid[]) AND portfolio_id = $2
       ) u
       GROUP BY 1, 2, 3, 4, 5
       HAVING sum(d) <> 0`,
      [initiativeIds, portfolioId],
    );
    await q.query(`DELETE FROM insights_samples WHERE initiative_id = ANY($1::uuid[]) AND portfolio_id = $2`, [
      initiativeIds,
      portfolioId,
    ]);
    await q.query(
      `INSERT INTO insights_samples (portfolio_id, metric, day, ambition, horizon, seconds, initiative_id, bucket)
       SELECT $1, metric, day, ambition, horizon, seconds, initiative_id, bucket FROM insights_tmp_samples`,
      [portfolioId],
    );
    await this.applySampleDays(q, portfolioId);
    await q.query(
      `CREATE TEMP TABLE insights_tmp_sample_delta ON COMMIT DROP AS
       SELECT metric, ambition, horizon, date_trunc('month', day)::date AS month, bucket, sum(delta)::int AS delta
         FROM insights_tmp_sample_day_delta
        GROUP BY 1, 2, 3, 4, 5
       HAVING sum(delta) <> 0`,
    );
    // The histograms summed over every cell change by the same deltas.
    await q.query(
      `INSERT INTO insights_tmp_sample_delta
       SELECT metric, '${EVERY_CELL}', '${EVERY_CELL}', month, bucket, sum(delta)::int FROM insights_tmp_sample_delta
        GROUP BY metric, month, bucket HAVING sum(delta) <> 0`,
    );
    const [count] = await queryRows<{ n: number }>(q, `SELECT count(*)::int AS n FROM insights_tmp_sample_delta`);
    if ((count?.n ?? 0) === 0) return 0;
    // A month the cell had no row for starts from the histogram of the month before.
    await q.query(
      `INSERT INTO insights_sample_months (portfolio_id, metric, ambition, horizon, month, cum)
       SELECT DISTINCT ON (d.metric, d.ambition, d.horizon, d.month) $1, d.metric, d.ambition, d.horizon, d.month,
              coalesce((SELECT t.cum FROM insights_sample_months t
                         WHERE t.portfolio_id = $1 AND ${SAME_CELL} AND t.month < d.month ORDER BY t.month DESC LIMIT 1),
                       array_fill(0, ARRAY[${SAMPLE_BUCKETS}]))
         FROM insights_tmp_sample_delta d
       ON CONFLICT (portfolio_id, metric, ambition, horizon, month) DO NOTHING`,
      [portfolioId],
    );
    await q.query(
      `UPDATE insights_sample_months t
          SET cum = (SELECT array_agg((z.c + coalesce(b.delta, 0))::int ORDER BY z.k)
                       FROM unnest(t.cum) WITH ORDINALITY AS z(c, k)
                       LEFT JOIN (SELECT d.bucket, sum(d.delta) AS delta FROM insights_tmp_sample_delta d
                                   WHERE ${SAME_CELL} AND d.month <= t.month GROUP BY d.bucket) b ON b.bucket = z.k - 1)
        WHERE t.portfolio_id = $1
          AND EXISTS (SELECT 1 FROM insights_tmp_sample_delta d WHERE ${SAME_CELL} AND d.month <= t.month)`,
      [portfolioId],
    );
    // A month left without samples has no row, as after a full refresh.
    await q.query(
      `DELETE FROM insights_sample_months t
        USING (SELECT DISTINCT metric, ambition, horizon, month FROM insights_tmp_sample_delta) d
        WHERE t.portfolio_id = $1 AND ${SAME_CELL} AND t.month = d.month
          AND NOT EXISTS (SELECT 1 FROM insights_samples s
                           WHERE s.portfolio_id = $1 AND s.metric = d.metric
                             AND (s.ambition = d.ambition OR d.ambition = '${EVERY_CELL}')
                             AND (s.horizon = d.horizon OR d.horizon = '${EVERY_CELL}')
                             AND s.day >= d.month AND s.day < (d.month + interval '1 month')::date)`,
      [portfolioId],
    );
    return count?.n ?? 0;
  }

  /**
   * The day deltas onto the daily histograms: each touched row's buckets and counts with the deltas added, per cell
   * and over every cell; a bucket left at zero is dropped, and a day left without samples loses its row.
   */
  private async applySampleDays(q: TxSql, portfolioId: string): Promise<void> {
    await q.query(
      `CREATE TEMP TABLE insights_tmp_sample_days_new ON COMMIT DROP AS
       WITH delta AS (
         SELECT metric, ambition, horizon, day, bucket, delta FROM insights_tmp_sample_day_delta
         UNION ALL
         SELECT metric, '${EVERY_CELL}', '${EVERY_CELL}', day, bucket, sum(delta)::int FROM insights_tmp_sample_day_delta
          GROUP BY metric, day, bucket HAVING sum(delta) <> 0),
       touched AS (SELECT DISTINCT metric, ambition, horizon, day FROM delta),
       counts AS (
         SELECT t.metric, t.ambition, t.horizon, t.day, u.bucket, u.n
           FROM touched d
           JOIN insights_sample_days t ON t.portfolio_id = $1 AND ${SAME_CELL} AND t.day = d.day
          CROSS JOIN unnest(t.buckets, t.counts) AS u(bucket, n)
         UNION ALL
         SELECT metric, ambition, horizon, day, bucket, delta FROM delta)
       SELECT d.metric, d.ambition, d.horizon, d.day, c.buckets, c.counts
         FROM touched d
         LEFT JOIN (SELECT metric, ambition, horizon, day, array_agg(bucket ORDER BY bucket) AS buckets, array_agg(n ORDER BY bucket) AS counts
                      FROM (SELECT metric, ambition, horizon, day, bucket, sum(n)::int AS n FROM counts
                             GROUP BY 1, 2, 3, 4, 5 HAVING sum(n) <> 0) b
                     GROUP BY 1, 2, 3, 4) c
           ON c.metric = d.metric AND c.ambition = d.ambition AND c.horizon = d.horizon AND c.day = d.day`,
      [portfolioId],
    );
    await q.query(
      `DELETE FROM insights_sample_days t USING insights_tmp_sample_days_new d
        WHERE t.portfolio_id = $1 AND ${SAME_CELL} AND t.day = d.day`,
      [portfolioId],
    );
    await q.query(
      `INSERT INTO insights_sample_days (portfolio_id, metric, ambition, horizon, day, buckets, counts)
       SELECT $1, metric, ambition, horizon, day, buckets, counts FROM insights_tmp_sample_days_new WHERE buckets IS NOT NULL`,
      [portfolioId],
    );
  }

  /** Learning figures now minus stored, onto the sums per ambition × horizon. */
  private async applyLearning(q: TxSql, portfolioId: string): Promise<void> {
    await q.query(
      `INSERT INTO insights_learning AS t (portfolio_id, ambition, horizon, velocity_sum, velocity_n, cost_sum, cost_n)
       SELECT $1, ambition, horizon, sum(vs), sum(vn)::int, sum(cs), sum(cn)::int FROM (
         SELECT ambition, horizon, coalesce(learning_velocity, 0) AS vs, (learning_velocity IS NOT NULL)::int AS vn,
                coalesce(cost_per_learning, 0) AS cs, (cost_per_learning IS NOT NULL)::int AS cn
           FROM insights_tmp_rows
         UNION ALL
         SELECT ambition, horizon, -coalesce(learning_velocity, 0), -(learning_velocity IS NOT NULL)::int,
                -coalesce(cost_per_learning, 0), -(cost_per_learning IS NOT NULL)::int
           FROM insights_tmp_old
       ) u
       GROUP BY ambition, horizon
       ON CONFLICT (portfolio_id, ambition, horizon) DO UPDATE SET
         velocity_sum = t.velocity_sum + EXCLUDED.velocity_sum, velocity_n = t.velocity_n + EXCLUDED.velocity_n,
         cost_sum = t.cost_sum + EXCLUDED.cost_sum, cost_n = t.cost_n + EXCLUDED.cost_n
       WHERE (EXCLUDED.velocity_sum, EXCLUDED.velocity_n, EXCLUDED.cost_sum, EXCLUDED.cost_n) <> (0, 0, 0, 0)`,
      [portfolioId],
    );
  }
}
