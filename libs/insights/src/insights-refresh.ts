import { queryRows, RETRYABLE_SQL_STATES, sqlStateOf } from '@ambidex/platform';
import { Injectable, Logger } from '@nestjs/common';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource, QueryRunner } from 'typeorm';
import { InsightsPortfolioNotFoundError } from './domain/insights.errors';
import { EVERY_CELL, SAMPLE_BUCKETS } from './domain/measures';
import {
  buildContributions,
  buildInitiativeRows,
  buildZombieCandidates,
  MARKS_SQL,
  writeInitiativeRows,
} from './read-model-sources';
import { DriftReport, measureDrift } from './read-model-drift';
import { sampleDaysSql } from './sample-days';

export interface RefreshResult {
  portfolioId: string;
  refreshedAt: Date;
  ms: number;
  initiatives: number;
  events: number;
  /** Milliseconds per step, for operators and bench:dashboard. */
  steps: Record<string, number>;
  /** With checkDrift: how many rows the refresh found different from what the incremental applies had kept. */
  drift: DriftReport | null;
}

export interface RefreshOptions {
  /** Compare the stored read model with the recomputed one before replacing it (the safety check). */
  checkDrift?: boolean;
}

/** All-time count per 'ambition|horizon' (exact values only) and measure. */
export type SeriesTotals = Record<string, Record<string, number>>;

interface SeriesTotalRow {
  ambition: string;
  horizon: string;
  measure: string;
  n: number;
}

/** `events` is a bigint, which the driver returns as a string. */
interface RefreshCountsRow {
  initiatives: number;
  events: string;
}

/** A refresh that fails to serialise is run this often in all (refresh()). */
const REFRESH_ATTEMPTS = 3;

/**
 * Rebuilds one portfolio's read model from the source tables, in one REPEATABLE READ transaction (every figure comes
 * from the same snapshot, and readers see the old rows or the new ones, never a mix), under a per-portfolio
 * advisory lock (two refreshes of one portfolio never interleave). Every statement is a set-based SQL aggregate.
 *
 * The metric definitions it implements are written over the history in memory, as a test oracle, in
 * test/insights/metrics-oracle.ts (entersStage, leavesStage, measuresOf, passagesOf, ...); docs/metrics.md states them in words.
 */
@Injectable()
export class InsightsRefresh {
  private readonly logger = new Logger(InsightsRefresh.name);

  constructor(private readonly dataSource: DataSource) {}

  /**
   * A refresh fails to serialise when one of the portfolio's initiatives is marked for an apply while it runs (see
   * rebuild()); it is then run again from a new snapshot, which holds that change. Every caller gets this: the worker's
   * job, the demo seed, and a dashboard asking for a portfolio never refreshed (which must not answer 500).
   */
  async refresh(portfolioId: string, options: RefreshOptions = {}): Promise<RefreshResult> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.refreshOnce(portfolioId, options);
      } catch (error) {
        if (attempt >= REFRESH_ATTEMPTS || !RETRYABLE_SQL_STATES.has(sqlStateOf(error))) throw error;
        this.logger.warn(`refresh of portfolio ${portfolioId} failed to serialise; running it again (${attempt})`);
        await sleep(100 * attempt);
      }
    }
  }

  private async refreshOnce(portfolioId: string, options: RefreshOptions): Promise<RefreshResult> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    const lockKey = `insights:${portfolioId}`;
    try {
      // A session lock taken before the transaction, so the snapshot is taken after any refresh ahead of us committed.
      await runner.query(`SELECT pg_advisory_lock(hashtextextended($1, 0))`, [lockKey]);
      try {
        const started = performance.now();
        await runner.query(`START TRANSACTION ISOLATION LEVEL REPEATABLE READ`);
        try {
          const result = await this.rebuild(runner, portfolioId, started, options);
          await runner.query(`COMMIT`);
          this.logger.log(
            `refreshed portfolio ${portfolioId}: ${result.initiatives} initiatives, ${result.events} events in ${result.ms} ms` +
              (result.drift === null ? '' : `; drift ${result.drift.rows} rows ${JSON.stringify(result.drift.tables)}`),
          );
          return result;
        } catch (error) {
          await runner.query(`ROLLBACK`).catch(() => undefined);
          throw error;
        }
      } finally {
        await runner.query(`SELECT pg_advisory_unlock(hashtextextended($1, 0))`, [lockKey]).catch(() => undefined);
      }
    } finally {
      await runner.release();
    }
  }

  /** Portfolios never refreshed, or last recomputed in full before the cut-off. */
  async stalePortfolios(olderThanMs: number): Promise<string[]> {
    const rows = await queryRows<{ id: string }>(
      this.dataSource,
      `SELECT p.id FROM portfolios p LEFT JOIN insights_portfolio_state s ON s.portfolio_id = p.id
        WHERE s.portfolio_id IS NULL OR s.recomputed_at < now() - make_interval(secs => $1::float8 / 1000)
        ORDER BY s.recomputed_at NULLS FIRST`,
      [olderThanMs],
    );
    return rows.map((r) => r.id);
  }

  private async rebuild(
    runner: QueryRunner,
    portfolioId: string,
    started: number,
    options: RefreshOptions,
  ): Promise<RefreshResult> {
    const steps: Record<string, number> = {};
    let last = performance.now();
    const q = {
      query: async (sql: string, params?: unknown[]): Promise<unknown> => {
        const result = await runner.query(sql, params);
        const now = performance.now();
        const step = /^\s*(CREATE TEMP TABLE (\w+)|INSERT INTO (\w+)|DELETE FROM (\w+)|\w+)/.exec(sql);
        const key =
          step?.[2] ?? (step?.[3] ? `insert ${step[3]}` : step?.[4] ? 'delete' : (step?.[1] ?? 'other').toLowerCase());
        steps[key] = Math.round((steps[key] ?? 0) + now - last);
        last = now;
        return result;
      },
    };
    // First statement, so it takes the snapshot: every initiative it takes off the pending list has its changes in the
    // snapshot. A change marked again while this runs updates its row, and the DELETE then fails to serialise (40001):
    // refresh() runs it again rather than lose the mark.
    await q.query(`DELETE FROM insights_pending_applies WHERE portfolio_id = $1`, [portfolioId]);
    const [portfolio] = await queryRows<{ id: string }>(q, `SELECT id FROM portfolios WHERE id = $1`, [portfolioId]);
    if (portfolio === undefined) throw new InsightsPortfolioNotFoundError(portfolioId);
    // Sorts for the window functions, array aggregates and percentiles of a large portfolio stay in memory (one refresh
    // runs at a time per worker: about 1.5 GB at most for a 250,000-initiative portfolio, far less for most).
    await q.query(`SET LOCAL work_mem = '256MB'`);

    // 1–5. The portfolio's initiatives, their classified history, handover packages and verdicts, and samples.
    await buildContributions(q, { portfolioId });

    // 6. The read model as it should be, in temporary tables.
    await q.query(
      `CREATE TEMP TABLE insights_tmp_daily ON COMMIT DROP AS
       SELECT ambition, horizon, measure, day, n, sum(n) OVER (PARTITION BY ambition, horizon, measure ORDER BY day)::bigint AS cum
         FROM (SELECT ambition, horizon, measure, day, count(*)::int AS n
                 FROM (${MARKS_SQL}) marks
                GROUP BY ambition, horizon, measure, day) d`,
    );
    // Without statistics the planner takes the temporary table for a few rows and joins it in a nested loop (minutes).
    await q.query(`ANALYZE insights_tmp_daily`);
    // Every measure's running total at the end of each day a cell has marks, one object per cell and day: the
    // grid of those days × the cell's measures, summed in day order (a measure without marks that day carries over).
    await q.query(
      `CREATE TEMP TABLE insights_tmp_cube_days ON COMMIT DROP AS
       SELECT ambition, horizon, day, coalesce(jsonb_object_agg(measure, cum) FILTER (WHERE cum > 0), '{}'::jsonb) AS cum
         FROM (SELECT g.ambition, g.horizon, g.day, m.measure,
                      sum(coalesce(d.n, 0)) OVER (PARTITION BY g.ambition, g.horizon, m.measure ORDER BY g.day) AS cum
                 FROM (SELECT DISTINCT ambition, horizon, day FROM insights_tmp_daily) g
                 JOIN (SELECT DISTINCT ambition, horizon, measure FROM insights_tmp_daily) m
                   ON m.ambition = g.ambition AND m.horizon = g.horizon
                 LEFT JOIN insights_tmp_daily d
                   ON d.ambition = g.ambition AND d.horizon = g.horizon AND d.measure = m.measure AND d.day = g.day) x
        GROUP BY ambition, horizon, day`,
    );
    // The running histogram per month: every bucket of every month that has samples, summed over the months before;
    // per cell, and over every cell.
    await q.query(
      `CREATE TEMP TABLE insights_tmp_sample_months ON COMMIT DROP AS
       WITH samples AS (SELECT metric, ambition, horizon, day, bucket FROM insights_tmp_samples
                        UNION ALL
                        SELECT metric, '${EVERY_CELL}', '${EVERY_CELL}', day, bucket FROM insights_tmp_samples)
       SELECT metric, ambition, horizon, month, array_agg(cum ORDER BY bucket) AS cum
         FROM (SELECT c.metric, c.ambition, c.horizon, c.month, b.bucket,
                      sum(coalesce(h.n, 0)) OVER (PARTITION BY c.metric, c.ambition, c.horizon, b.bucket ORDER BY c.month)::int AS cum
                 FROM (SELECT DISTINCT metric, ambition, horizon, date_trunc('month', day)::date AS month FROM samples) c
                 CROSS JOIN generate_series(0, ${SAMPLE_BUCKETS - 1}) AS b(bucket)
                 LEFT JOIN (SELECT metric, ambition, horizon, date_trunc('month', day)::date AS month, bucket, count(*) AS n
                              FROM samples GROUP BY 1, 2, 3, 4, 5) h
                   ON h.metric = c.metric AND h.ambition = c.ambition AND h.horizon = c.horizon AND h.month = c.month AND h.bucket = b.bucket) x
        GROUP BY metric, ambition, horizon, month`,
    );
    // Each day's histogram, for the days at a period's ends.
    await q.query(
      `CREATE TEMP TABLE insights_tmp_sample_days ON COMMIT DROP AS ${sampleDaysSql('SELECT * FROM insights_tmp_samples')}`,
    );
    await buildZombieCandidates(q, { portfolioId });
    await q.query(
      `CREATE TEMP TABLE insights_tmp_learning ON COMMIT DROP AS
       SELECT ambition, horizon, coalesce(sum(learning_velocity), 0) AS velocity_sum, count(learning_velocity)::int AS velocity_n,
              coalesce(sum(cost_per_learning), 0) AS cost_sum, count(cost_per_learning)::int AS cost_n
         FROM insights_tmp_initiatives
        GROUP BY ambition, horizon`,
    );
    await buildInitiativeRows(q, portfolioId);
    const totals = await queryRows<SeriesTotalRow>(
      q,
      `SELECT ambition, horizon, measure, sum(n)::int AS n FROM insights_tmp_daily GROUP BY ambition, horizon, measure`,
    );
    const seriesTotals: SeriesTotals = {};
    for (const t of totals) {
      const key = `${t.ambition}|${t.horizon}`;
      seriesTotals[key] = { ...(seriesTotals[key] ?? {}), [t.measure]: t.n };
    }
    const drift = options.checkDrift ? await measureDrift(q, portfolioId, seriesTotals) : null;

    // 7. Write. The two big tables are upserted and only rows that differ are rewritten: between two refreshes most
    //    initiatives and most days do not change, so a refresh leaves few dead rows behind. The small ones are replaced.
    for (const table of [
      'insights_samples',
      'insights_sample_months',
      'insights_sample_days',
      'insights_zombie_candidates',
      'insights_learning',
    ]) {
      await q.query(`DELETE FROM ${table} WHERE portfolio_id = $1`, [portfolioId]);
    }
    await q.query(
      `DELETE FROM insights_initiatives t WHERE t.portfolio_id = $1 AND NOT EXISTS (SELECT 1 FROM insights_tmp_initiatives i WHERE i.id = t.initiative_id)`,
      [portfolioId],
    );
    await writeInitiativeRows(q);
    await q.query(
      `DELETE FROM insights_daily t WHERE t.portfolio_id = $1 AND NOT EXISTS (
         SELECT 1 FROM insights_tmp_daily d WHERE d.ambition = t.ambition AND d.horizon = t.horizon AND d.measure = t.measure AND d.day = t.day)`,
      [portfolioId],
    );
    await q.query(
      `INSERT INTO insights_daily AS t (portfolio_id, ambition, horizon, measure, day, n, cum)
       SELECT $1, ambition, horizon, measure, day, n, cum FROM insights_tmp_daily
       ON CONFLICT (portfolio_id, ambition, horizon, measure, day) DO UPDATE SET n = EXCLUDED.n, cum = EXCLUDED.cum
       WHERE (t.n, t.cum) IS DISTINCT FROM (EXCLUDED.n, EXCLUDED.cum)`,
      [portfolioId],
    );
    await q.query(
      `DELETE FROM insights_cube_days t WHERE t.portfolio_id = $1 AND NOT EXISTS (
         SELECT 1 FROM insights_tmp_cube_days d WHERE d.ambition = t.ambition AND d.horizon = t.horizon AND d.day = t.day)`,
      [portfolioId],
    );
    await q.query(
      `INSERT INTO insights_cube_days AS t (portfolio_id, ambition, horizon, day, cum)
       SELECT $1, ambition, horizon, day, cum FROM insights_tmp_cube_days
       ON CONFLICT (portfolio_id, ambition, horizon, day) DO UPDATE SET cum = EXCLUDED.cum WHERE t.cum IS DISTINCT FROM EXCLUDED.cum`,
      [portfolioId],
    );
    await q.query(
      `INSERT INTO insights_samples (portfolio_id, metric, day, ambition, horizon, seconds, initiative_id, bucket)
       SELECT $1, metric, day, ambition, horizon, seconds, initiative_id, bucket FROM insights_tmp_samples ORDER BY metric, day`,
      [portfolioId],
    );
    await q.query(
      `INSERT INTO insights_sample_months (portfolio_id, metric, ambition, horizon, month, cum)
       SELECT $1, metric, ambition, horizon, month, cum FROM insights_tmp_sample_months`,
      [portfolioId],
    );
    await q.query(
      `INSERT INTO insights_sample_days (portfolio_id, metric, ambition, horizon, day, buckets, counts)
       SELECT $1, metric, ambition, horizon, day, buckets, counts FROM insights_tmp_sample_days`,
      [portfolioId],
    );
    await q.query(
      `INSERT INTO insights_zombie_candidates (review_id, portfolio_id, initiative_id, title, gate, deadline_at, owner_id, ambition, horizon)
       SELECT review_id, $1, initiative_id, title, gate, deadline_at, owner_id, ambition, horizon FROM insights_tmp_zombies`,
      [portfolioId],
    );
    await q.query(
      `INSERT INTO insights_learning (portfolio_id, ambition, horizon, velocity_sum, velocity_n, cost_sum, cost_n)
       SELECT $1, ambition, horizon, velocity_sum, velocity_n, cost_sum, cost_n FROM insights_tmp_learning`,
      [portfolioId],
    );

    const [counts] = await queryRows<RefreshCountsRow>(
      q,
      `SELECT (SELECT count(*) FROM insights_tmp_initiatives)::int AS initiatives, (SELECT count(*) FROM insights_tmp_events)::bigint AS events`,
    );
    const ms = Math.round(performance.now() - started);
    const [state] = await queryRows<{ refreshed_at: Date }>(
      q,
      `INSERT INTO insights_portfolio_state AS s
         (portfolio_id, refreshed_at, recomputed_at, refresh_ms, refreshes, initiatives, events, series_totals, drift_rows, drift_checked_at)
       VALUES ($1, clock_timestamp(), now(), $2, 1, $3, $4, $5, $6, CASE WHEN $6::int IS NOT NULL THEN now() END)
       ON CONFLICT (portfolio_id) DO UPDATE SET refreshed_at = greatest(EXCLUDED.refreshed_at, s.refreshed_at + interval '1 microsecond'),
         recomputed_at = EXCLUDED.recomputed_at, refresh_ms = EXCLUDED.refresh_ms,
         refreshes = s.refreshes + 1, initiatives = EXCLUDED.initiatives, events = EXCLUDED.events,
         series_totals = EXCLUDED.series_totals,
         drift_rows = coalesce(EXCLUDED.drift_rows, s.drift_rows), drift_checked_at = coalesce(EXCLUDED.drift_checked_at, s.drift_checked_at)
       RETURNING refreshed_at`,
      [
        portfolioId,
        ms,
        counts?.initiatives ?? 0,
        counts?.events ?? '0',
        JSON.stringify(seriesTotals),
        drift?.rows ?? null,
      ],
    );
    return {
      portfolioId,
      refreshedAt: state?.refreshed_at ?? new Date(),
      ms,
      initiatives: counts?.initiatives ?? 0,
      events: Number(counts?.events ?? 0),
      steps,
      drift,
    };
  }
}
