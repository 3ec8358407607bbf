import { queryRows } from '@ambidex/platform';
import { Injectable, Logger } from '@nestjs/common';
import { performance } from 'node:perf_hooks';
import { DataSource, QueryRunner } from 'typeorm';
import { InsightsPortfolioNotFoundError } from './domain/insights.errors';
import {
  ACCEPTED_PACKAGE_STATUSES,
  CYCLE_STAGES,
  DECIDED_PACKAGE_STATUSES,
  HANDOVER_ACCEPTED,
  HANDOVER_DECIDED,
  OPEN_REVIEW_STATUSES,
  TIME_TO_CONTROLLED,
} from './domain/measures';
import { DurationSummary } from './domain/metrics';

export interface RefreshResult {
  portfolioId: string;
  refreshedAt: Date;
  ms: number;
  initiatives: number;
  events: number;
  /** Milliseconds per step, for operators and bench:dashboard. */
  steps: Record<string, number>;
}

/** All-time duration percentiles per filter key ('core|H1', 'core|*', '*|H2', '*|*') and sample metric. */
export type AllTimeDurations = Record<string, Record<string, DurationSummary>>;

/** All-time count per 'ambition|horizon' (exact values only) and measure. */
export type SeriesTotals = Record<string, Record<string, number>>;

export const ALL_TIME_KEY = (ambition: string | undefined, horizon: string | undefined): string =>
  `${ambition ?? '*'}|${horizon ?? '*'}`;

/** Percentiles of one sample metric for one grouping set: GROUPING() is 1 for a dimension the set leaves out. */
interface GroupedDurationRow {
  metric: string;
  ambition: string | null;
  horizon: string | null;
  any_ambition: number;
  any_horizon: number;
  samples: number;
  p: number[];
}

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

const sqlList = (values: readonly string[]): string => values.map((v) => `'${v}'`).join(', ');

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

  async refresh(portfolioId: string): Promise<RefreshResult> {
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
          const result = await this.rebuild(runner, portfolioId, started);
          await runner.query(`COMMIT`);
          this.logger.log(
            `refreshed portfolio ${portfolioId}: ${result.initiatives} initiatives, ${result.events} events in ${result.ms} ms`,
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

  /** Portfolios never refreshed, or last refreshed before the cut-off. */
  async stalePortfolios(olderThanMs: number): Promise<string[]> {
    const rows = await queryRows<{ id: string }>(
      this.dataSource,
      `SELECT p.id FROM portfolios p LEFT JOIN insights_portfolio_state s ON s.portfolio_id = p.id
        WHERE s.portfolio_id IS NULL OR s.refreshed_at < now() - make_interval(secs => $1::float8 / 1000)
        ORDER BY s.refreshed_at NULLS FIRST`,
      [olderThanMs],
    );
    return rows.map((r) => r.id);
  }

  private async rebuild(runner: QueryRunner, portfolioId: string, started: number): Promise<RefreshResult> {
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
    const [portfolio] = await queryRows<{ id: string }>(q, `SELECT id FROM portfolios WHERE id = $1`, [portfolioId]);
    if (portfolio === undefined) throw new InsightsPortfolioNotFoundError(portfolioId);
    // Sorts for the window functions, array aggregates and percentiles of a large portfolio stay in memory (one refresh
    // runs at a time per worker: about 1.5 GB at most for a 250,000-initiative portfolio, far less for most).
    await q.query(`SET LOCAL work_mem = '256MB'`);

    // 1. The portfolio's initiatives with their filter dimensions, estimates and learning roll-up.
    await q.query(
      `CREATE TEMP TABLE insights_tmp_initiatives ON COMMIT DROP AS
       SELECT i.id, i.owner_id, i.title, i.ambition, i.horizon, i.stage, i.status,
              i.created_at, i.origin_type IS NOT NULL AS from_operations, i.npv, i.probability_commercial AS pcs, i.probability_technical AS pts,
              i.commercialization_cost AS c, i.remaining_development_cost AS d,
              r.learning_velocity, r.cost_per_learning
         FROM initiatives i
         LEFT JOIN initiative_learning_rollups r ON r.initiative_id = i.id
        WHERE i.portfolio_id = $1`,
      [portfolioId],
    );
    await q.query(`ANALYZE insights_tmp_initiatives`);

    // 2. Their history, each event classified (metrics-oracle.ts: leavesStage, entersStage, measuresOf).
    await q.query(
      `CREATE TEMP TABLE insights_tmp_events ON COMMIT DROP AS
       SELECT e.initiative_id, e.seq, e.occurred_at, (e.occurred_at AT TIME ZONE 'UTC')::date AS day, e.to_stage,
              i.ambition, i.horizon,
              CASE WHEN e.from_stage IS NOT NULL AND e.from_status IS NOT NULL AND e.from_status <> 'killed'
                        AND (e.to_stage <> e.from_stage OR e.to_status = 'killed')
                   THEN 'out.' || e.from_stage END AS out_measure,
              CASE WHEN e.to_status <> 'killed'
                        AND (e.from_stage IS NULL OR e.from_stage <> e.to_stage OR e.from_status IS NULL OR e.from_status = 'killed')
                   THEN 'in.' || e.to_stage END AS in_measure,
              CASE WHEN e.kind = 'decision' AND e.gate IS NOT NULL AND e.decision IS NOT NULL
                   THEN e.gate || '.' || e.decision END AS decision_measure
         FROM stage_events e
         JOIN insights_tmp_initiatives i ON i.id = e.initiative_id`,
    );

    // 3. Handover packages with the decision time of the G3 review that assembled them (the final Go).
    await q.query(
      `CREATE TEMP TABLE insights_tmp_packages ON COMMIT DROP AS
       SELECT p.initiative_id, i.ambition, i.horizon, p.status, p.decided_at, p.controlled_at, r.decided_at AS final_go_at
         FROM handover_packages p
         JOIN insights_tmp_initiatives i ON i.id = p.initiative_id
         LEFT JOIN gate_reviews r ON r.id = p.review_id`,
    );

    // 4. Handover verdicts as marks: decided, and accepted when accepted (on conditions or not).
    await q.query(
      `CREATE TEMP TABLE insights_tmp_package_marks ON COMMIT DROP AS
       SELECT p.initiative_id, p.ambition, p.horizon, m.measure, (p.decided_at AT TIME ZONE 'UTC')::date AS day
         FROM insights_tmp_packages p
         CROSS JOIN LATERAL unnest(CASE WHEN p.status IN (${sqlList(ACCEPTED_PACKAGE_STATUSES)})
                                        THEN ARRAY['${HANDOVER_DECIDED}', '${HANDOVER_ACCEPTED}'] ELSE ARRAY['${HANDOVER_DECIDED}'] END) AS m(measure)
        WHERE p.decided_at IS NOT NULL AND p.status IN (${sqlList(DECIDED_PACKAGE_STATUSES)})`,
    );

    // 5. Samples: stage passages (consecutive stage entries, metrics-oracle.ts passagesOf) and time-to-controlled.
    await q.query(
      `CREATE TEMP TABLE insights_tmp_samples ON COMMIT DROP AS
       SELECT initiative_id, ambition, horizon, metric, day, seconds FROM (
         SELECT initiative_id, ambition, horizon, to_stage AS metric,
                lead(day) OVER w AS day,
                extract(epoch FROM (lead(occurred_at) OVER w) - occurred_at)::float8 AS seconds
           FROM insights_tmp_events
          WHERE in_measure IS NOT NULL
         WINDOW w AS (PARTITION BY initiative_id ORDER BY seq)
       ) passages
        WHERE day IS NOT NULL AND metric IN (${sqlList(CYCLE_STAGES)})
       UNION ALL
       SELECT initiative_id, ambition, horizon, '${TIME_TO_CONTROLLED}', (controlled_at AT TIME ZONE 'UTC')::date,
              extract(epoch FROM controlled_at - final_go_at)::float8
         FROM insights_tmp_packages
        WHERE controlled_at IS NOT NULL AND final_go_at IS NOT NULL`,
    );

    // 6. Write. The two big tables are upserted and only rows that differ are rewritten: between two refreshes most
    //    initiatives and most days do not change, so a refresh leaves few dead rows behind. The small ones are replaced.
    for (const table of ['insights_samples', 'insights_zombie_candidates', 'insights_learning']) {
      await q.query(`DELETE FROM ${table} WHERE portfolio_id = $1`, [portfolioId]);
    }
    await q.query(
      `DELETE FROM insights_initiatives t WHERE t.portfolio_id = $1 AND NOT EXISTS (SELECT 1 FROM insights_tmp_initiatives i WHERE i.id = t.initiative_id)`,
      [portfolioId],
    );

    await q.query(
      `INSERT INTO insights_initiatives AS t
         (initiative_id, portfolio_id, owner_id, title, ambition, horizon, stage, status, ecv, probability, remaining_cost,
          learning_velocity, cost_per_learning, mark_days, mark_outflows, mark_inflows, mark_others,
          sample_metrics, sample_days, sample_seconds, created_day, from_operations, first_decision_seconds)
       SELECT i.id, $1, i.owner_id, i.title, i.ambition, i.horizon, i.stage, i.status,
              CASE WHEN i.npv IS NOT NULL AND i.pcs IS NOT NULL AND i.pts IS NOT NULL AND i.c IS NOT NULL AND i.d IS NOT NULL
                   THEN round((i.npv * i.pcs - i.c) * i.pts - i.d, 2) END,
              CASE WHEN i.pcs IS NOT NULL AND i.pts IS NOT NULL THEN i.pcs * i.pts END,
              i.d, i.learning_velocity, i.cost_per_learning,
              coalesce(m.days, '{}'), coalesce(m.outs, '{}'), coalesce(m.ins, '{}'), coalesce(m.others, '{}'),
              coalesce(s.metrics, '{}'), coalesce(s.days, '{}'), coalesce(s.seconds, '{}'),
              (i.created_at AT TIME ZONE 'UTC')::date, i.from_operations,
              extract(epoch FROM f.first_decision_at - i.created_at)::float8
         FROM insights_tmp_initiatives i
         -- Its first gate decision (operations feed innovation: how long an opportunity waits for a gate).
         LEFT JOIN (
           SELECT initiative_id, min(occurred_at) AS first_decision_at
             FROM insights_tmp_events WHERE decision_measure IS NOT NULL GROUP BY initiative_id
         ) f ON f.initiative_id = i.id
         LEFT JOIN (
           -- One sort of the whole timeline; the aggregates take the rows in that order (temporary tables are never
           -- scanned in parallel), so the four arrays stay aligned element by element.
           SELECT initiative_id, array_agg(day) AS days, array_agg(out_measure) AS outs, array_agg(in_measure) AS ins, array_agg(other) AS others
             FROM (SELECT initiative_id, day, out_measure, in_measure, other FROM (
                     SELECT initiative_id, day, 0 AS k, seq, out_measure, in_measure, decision_measure AS other
                       FROM insights_tmp_events
                      WHERE out_measure IS NOT NULL OR in_measure IS NOT NULL OR decision_measure IS NOT NULL
                     UNION ALL
                     SELECT initiative_id, day, 1, 0, NULL, NULL, measure FROM insights_tmp_package_marks
                   ) u ORDER BY initiative_id, day, k, seq, other) x
            GROUP BY initiative_id
         ) m ON m.initiative_id = i.id
         LEFT JOIN (
           SELECT initiative_id,
                  array_agg(metric ORDER BY day, metric, seconds) AS metrics,
                  array_agg(day ORDER BY day, metric, seconds) AS days,
                  array_agg(seconds ORDER BY day, metric, seconds) AS seconds
             FROM insights_tmp_samples GROUP BY initiative_id
         ) s ON s.initiative_id = i.id
       ON CONFLICT (initiative_id) DO UPDATE SET
         portfolio_id = EXCLUDED.portfolio_id, owner_id = EXCLUDED.owner_id, title = EXCLUDED.title, ambition = EXCLUDED.ambition,
         horizon = EXCLUDED.horizon, stage = EXCLUDED.stage, status = EXCLUDED.status, ecv = EXCLUDED.ecv,
         probability = EXCLUDED.probability, remaining_cost = EXCLUDED.remaining_cost, learning_velocity = EXCLUDED.learning_velocity,
         cost_per_learning = EXCLUDED.cost_per_learning,
         mark_days = EXCLUDED.mark_days, mark_outflows = EXCLUDED.mark_outflows, mark_inflows = EXCLUDED.mark_inflows,
         mark_others = EXCLUDED.mark_others, sample_metrics = EXCLUDED.sample_metrics, sample_days = EXCLUDED.sample_days,
         sample_seconds = EXCLUDED.sample_seconds, created_day = EXCLUDED.created_day,
         from_operations = EXCLUDED.from_operations, first_decision_seconds = EXCLUDED.first_decision_seconds
       WHERE (t.portfolio_id, t.owner_id, t.title, t.ambition, t.horizon, t.stage, t.status, t.ecv, t.probability, t.remaining_cost,
              t.learning_velocity, t.cost_per_learning, t.mark_days, t.mark_outflows, t.mark_inflows, t.mark_others,
              t.sample_metrics, t.sample_days, t.sample_seconds, t.created_day, t.from_operations, t.first_decision_seconds)
             IS DISTINCT FROM
             (EXCLUDED.portfolio_id, EXCLUDED.owner_id, EXCLUDED.title, EXCLUDED.ambition, EXCLUDED.horizon, EXCLUDED.stage, EXCLUDED.status,
              EXCLUDED.ecv, EXCLUDED.probability, EXCLUDED.remaining_cost, EXCLUDED.learning_velocity, EXCLUDED.cost_per_learning,
              EXCLUDED.mark_days, EXCLUDED.mark_outflows, EXCLUDED.mark_inflows, EXCLUDED.mark_others,
              EXCLUDED.sample_metrics, EXCLUDED.sample_days, EXCLUDED.sample_seconds, EXCLUDED.created_day,
              EXCLUDED.from_operations, EXCLUDED.first_decision_seconds)`,
      [portfolioId],
    );

    await q.query(
      `CREATE TEMP TABLE insights_tmp_daily ON COMMIT DROP AS
       SELECT ambition, horizon, measure, day, n, sum(n) OVER (PARTITION BY ambition, horizon, measure ORDER BY day)::bigint AS cum
         FROM (SELECT ambition, horizon, measure, day, count(*)::int AS n
                 FROM (SELECT ambition, horizon, out_measure AS measure, day FROM insights_tmp_events WHERE out_measure IS NOT NULL
                       UNION ALL
                       SELECT ambition, horizon, in_measure, day FROM insights_tmp_events WHERE in_measure IS NOT NULL
                       UNION ALL
                       SELECT ambition, horizon, decision_measure, day FROM insights_tmp_events WHERE decision_measure IS NOT NULL
                       UNION ALL
                       SELECT ambition, horizon, measure, day FROM insights_tmp_package_marks) marks
                GROUP BY ambition, horizon, measure, day) d`,
    );
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
      `INSERT INTO insights_samples (portfolio_id, metric, day, ambition, horizon, seconds)
       SELECT $1, metric, day, ambition, horizon, seconds FROM insights_tmp_samples ORDER BY metric, day`,
      [portfolioId],
    );

    await q.query(
      `INSERT INTO insights_zombie_candidates (review_id, portfolio_id, initiative_id, title, gate, deadline_at, owner_id, ambition, horizon)
       SELECT r.id, $1, r.initiative_id, i.title, r.gate, r.deadline_at, i.owner_id, i.ambition, i.horizon
         FROM gate_reviews r
         JOIN insights_tmp_initiatives i ON i.id = r.initiative_id
        WHERE r.status IN (${sqlList(OPEN_REVIEW_STATUSES)}) AND r.deadline_at IS NOT NULL AND r.decided_at IS NULL`,
      [portfolioId],
    );

    await q.query(
      `INSERT INTO insights_learning (portfolio_id, ambition, horizon, velocity_sum, velocity_n, cost_sum, cost_n)
       SELECT $1, ambition, horizon, coalesce(sum(learning_velocity), 0), count(learning_velocity)::int,
              coalesce(sum(cost_per_learning), 0), count(cost_per_learning)::int
         FROM insights_tmp_initiatives
        GROUP BY ambition, horizon`,
      [portfolioId],
    );

    // 7. All-time percentiles for every ambition × horizon filter: percentiles do not add up, so they are kept whole.
    const durations = await queryRows<GroupedDurationRow>(
      q,
      `SELECT metric, ambition, horizon, GROUPING(ambition) AS any_ambition, GROUPING(horizon) AS any_horizon, count(*)::int AS samples,
              percentile_disc(ARRAY[0.5, 0.85]::float8[]) WITHIN GROUP (ORDER BY seconds) AS p
         FROM insights_tmp_samples
        GROUP BY GROUPING SETS ((metric), (metric, ambition), (metric, horizon), (metric, ambition, horizon))`,
    );
    const allTime: AllTimeDurations = {};
    for (const row of durations) {
      const key = ALL_TIME_KEY(
        row.any_ambition === 1 ? undefined : (row.ambition ?? undefined),
        row.any_horizon === 1 ? undefined : (row.horizon ?? undefined),
      );
      allTime[key] = {
        ...(allTime[key] ?? {}),
        [row.metric]: { samples: row.samples, p50: row.p[0] ?? null, p85: row.p[1] ?? null },
      };
    }

    const totals = await queryRows<SeriesTotalRow>(
      q,
      `SELECT ambition, horizon, measure, sum(n)::int AS n FROM insights_tmp_daily GROUP BY ambition, horizon, measure`,
    );
    const seriesTotals: SeriesTotals = {};
    for (const t of totals) {
      const key = `${t.ambition}|${t.horizon}`;
      seriesTotals[key] = { ...(seriesTotals[key] ?? {}), [t.measure]: t.n };
    }

    const [counts] = await queryRows<RefreshCountsRow>(
      q,
      `SELECT (SELECT count(*) FROM insights_tmp_initiatives)::int AS initiatives, (SELECT count(*) FROM insights_tmp_events)::bigint AS events`,
    );
    const ms = Math.round(performance.now() - started);
    const [state] = await queryRows<{ refreshed_at: Date }>(
      q,
      `INSERT INTO insights_portfolio_state AS s (portfolio_id, refreshed_at, refresh_ms, refreshes, initiatives, events, series_totals, cycle_all_time)
       VALUES ($1, now(), $2, 1, $3, $4, $5, $6)
       ON CONFLICT (portfolio_id) DO UPDATE SET refreshed_at = EXCLUDED.refreshed_at, refresh_ms = EXCLUDED.refresh_ms,
         refreshes = s.refreshes + 1, initiatives = EXCLUDED.initiatives, events = EXCLUDED.events,
         series_totals = EXCLUDED.series_totals, cycle_all_time = EXCLUDED.cycle_all_time
       RETURNING refreshed_at`,
      [
        portfolioId,
        ms,
        counts?.initiatives ?? 0,
        counts?.events ?? '0',
        JSON.stringify(seriesTotals),
        JSON.stringify(allTime),
      ],
    );
    return {
      portfolioId,
      refreshedAt: state?.refreshed_at ?? new Date(),
      ms,
      initiatives: counts?.initiatives ?? 0,
      events: Number(counts?.events ?? 0),
      steps,
    };
  }
}
