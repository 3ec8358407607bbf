import { queryRows, ReadSource } from '@ambidex/platform';
import { portfolioNames, portfolioTargets } from '@ambidex/portfolio';
import { Injectable } from '@nestjs/common';
import { DataSource, QueryRunner } from 'typeorm';
import { InsightsPortfolioNotFoundError } from './domain/insights.errors';
import { operationsFigures, operationsFromReadModel } from './insights-operations';
import {
  ALL_MEASURES,
  BUBBLES_SIZE,
  CUBE_MEASURES,
  CYCLE_STAGES,
  decisionMeasure,
  ECV_RANKING_SIZE,
  handoverVerdictMeasure,
  inflowMeasure,
  INSIGHT_AMBITIONS,
  INSIGHT_DECISIONS,
  INSIGHT_GATES,
  INSIGHT_HORIZONS,
  OPERATIONS_FIRST_DECISION,
  outflowMeasure,
  SAMPLE_METRICS,
  TIME_TO_CONTROLLED,
  ZOMBIES_SIZE,
} from './domain/measures';
import {
  balanceOf,
  cycleTimeRow,
  DurationSummary,
  funnelOf,
  gatesOf,
  handoverCountsOf,
  medianHours,
  medianSeconds,
  OperationsFigures,
  SeriesCount,
} from './domain/metrics';
import {
  BubbleRow,
  EcvRankingRow,
  InitiativeFilters,
  InsightInitiativeRow,
  InsightsOverview,
  LearningFigures,
  OverviewFilters,
  PortfolioChoice,
  ZombieRow,
} from './insights.views';
import {
  bubbleOf,
  BubbleInitiativeRow,
  DurationRow,
  durationSummaryOf,
  ecvRankingOf,
  InitiativeListRow,
  initiativeListItem,
  LearningAverageRow,
  learningFiguresOf,
  RankedInitiativeRow,
  seriesCountOf,
  SeriesCountRow,
  ZombieCandidateRow,
  zombieOf,
} from './insights-query-rows';
import { VersionedCache } from './overview-cache';
import { InsightsRefresh, SeriesTotals } from './insights-refresh';
import { samplePercentiles } from './sample-percentiles';

/** Something that runs SQL: the data source, or a query runner holding a snapshot. */
export interface Sql {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

export interface PortfolioHead {
  id: string;
  name: string;
  ambitionTargets: Record<string, number>;
  horizonTargets: Record<string, number>;
  refreshedAt: Date;
  seriesTotals: SeriesTotals;
}

interface PortfolioStateRow {
  refreshed_at: Date | null;
  series_totals: SeriesTotals | null;
}

/** What an overview reads from the read model, before it is assembled. */
interface OverviewParts {
  series: SeriesCount[];
  durations: Record<string, DurationSummary>;
  ecvRanking: EcvRankingRow[];
  bubbles: BubbleRow[];
  learning: LearningFigures;
  operations: OperationsFigures;
}

/** One cell's running totals per measure before each bound (insights_cube_days); null before its first day. */
interface CubeDaysRow {
  ambition: string;
  horizon: string;
  before_from: Record<string, number> | null;
  before_to: Record<string, number> | null;
}

const NEG_INFINITY = '-infinity';
const POS_INFINITY = 'infinity';

/** WHERE predicates for the dimension filters; pushes the parameters. */
function dimensionPredicates(
  filters: { ambition?: string; horizon?: string; ownerId?: string },
  params: unknown[],
  alias = '',
): string[] {
  const where: string[] = [];
  if (filters.ambition !== undefined) where.push(`${alias}ambition = $${params.push(filters.ambition)}`);
  if (filters.horizon !== undefined) where.push(`${alias}horizon = $${params.push(filters.horizon)}`);
  if (filters.ownerId !== undefined) where.push(`${alias}owner_id = $${params.push(filters.ownerId)}::uuid`);
  return where;
}

/**
 * The dashboard's reads. Every figure comes from the read model (never from the history directly), read inside one
 * REPEATABLE READ snapshot, so the parts of an overview are of the same refresh. Filters:
 *   - ambition, horizon: the cube and the per-initiative rows carry both;
 *   - owner: the owner's initiatives' rows and their own timelines (an owner's share of a portfolio is small);
 *   - period: running totals of every measure per cell and day (two probes per cell), the samples for percentiles.
 */
@Injectable()
export class InsightsQueries {
  /** The version-dependent parts of overviews, per API process; about 50 kB an entry at most (200 bubbles). */
  private readonly cache = new VersionedCache<OverviewParts>(200);

  constructor(
    private readonly dataSource: DataSource,
    private readonly reads: ReadSource,
    private readonly refresh: InsightsRefresh,
  ) {}

  /** Forgets the cached overview parts (bench:dashboard measures cold requests this way). */
  clearCache(): void {
    this.cache.clear();
  }

  async portfolios(): Promise<PortfolioChoice[]> {
    return portfolioNames(this.reads.get());
  }

  async overview(portfolioId: string, filters: OverviewFilters): Promise<InsightsOverview> {
    return this.inSnapshot(portfolioId, async (q, head) => {
      const key = VersionedCache.key(portfolioId, head.refreshedAt, [
        filters.period.fromDay,
        filters.period.toDay,
        filters.ambition,
        filters.horizon,
        filters.ownerId,
      ]);
      let parts = this.cache.get(key);
      if (parts === undefined) {
        const series = await this.seriesCounts(q, portfolioId, filters, head, CUBE_MEASURES);
        const durations = await this.durations(q, portfolioId, filters, head, [
          ...SAMPLE_METRICS,
          OPERATIONS_FIRST_DECISION,
        ]);
        parts = {
          series,
          durations,
          ecvRanking: await this.ecvRanking(q, portfolioId, filters),
          bubbles: await this.bubbles(q, portfolioId, filters),
          learning: await this.learning(q, portfolioId, filters),
          // The owner's figures come from the owner's rows; the others from the cube and the samples already read.
          operations:
            filters.ownerId === undefined
              ? operationsFromReadModel(series, durations[OPERATIONS_FIRST_DECISION])
              : await operationsFigures(q, portfolioId, filters),
        };
        this.cache.set(key, parts);
      }
      const { series, durations } = parts;
      return {
        // Name and targets are read live (the head), so editing the portfolio shows at once.
        portfolio: {
          id: head.id,
          name: head.name,
          ambitionTargets: head.ambitionTargets,
          horizonTargets: head.horizonTargets,
        },
        refreshedAt: head.refreshedAt.toISOString(),
        funnel: funnelOf(series),
        gates: gatesOf(series),
        cycleTimes: CYCLE_STAGES.map((stage) => cycleTimeRow(stage, durations[stage])),
        balance: balanceOf(series, { ambition: head.ambitionTargets, horizon: head.horizonTargets }),
        ecvRanking: parts.ecvRanking,
        bubbles: parts.bubbles,
        // Zombies depend on the time of the request: never cached.
        zombies: await this.zombies(q, portfolioId, filters, ZOMBIES_SIZE),
        learning: parts.learning,
        handover: {
          ...handoverCountsOf(series),
          medianTimeToControlledHours: medianHours(durations[TIME_TO_CONTROLLED]),
          medianTimeToControlledSeconds: medianSeconds(durations[TIME_TO_CONTROLLED]),
        },
        operations: parts.operations,
      };
    });
  }

  async initiatives(portfolioId: string, filters: InitiativeFilters): Promise<InsightInitiativeRow[]> {
    return this.inSnapshot(portfolioId, async (q) => {
      const { sql, params } = initiativesQuery(portfolioId, filters, [
        'initiative_id AS id',
        'title',
        'stage',
        'status',
        'ambition',
        'horizon',
        'ecv',
      ]);
      const rows = await queryRows<InitiativeListRow>(q, `${sql} LIMIT ${Math.trunc(filters.limit)}`, params);
      return rows.map(initiativeListItem);
    });
  }

  /**
   * Runs work inside one read-only snapshot, after making sure the portfolio exists and has been refreshed once
   * (a portfolio nobody has looked at yet is refreshed on the spot). The snapshot is the replica's when there is
   * one; a portfolio it does not show yet, or has not seen refreshed, is read from the primary, which the refresh
   * just wrote (a replica may lag behind it).
   */
  async inSnapshot<T>(portfolioId: string, work: (q: Sql, head: PortfolioHead) => Promise<T>): Promise<T> {
    const reads = this.reads.get();
    if (reads !== this.dataSource) {
      const replicated = await this.trySnapshot(reads, portfolioId, work).catch((error: unknown) => {
        if (error instanceof InsightsPortfolioNotFoundError) return { ok: false as const };
        throw error;
      });
      if (replicated.ok) return replicated.value;
    }
    const first = await this.trySnapshot(this.dataSource, portfolioId, work);
    if (first.ok) return first.value;
    await this.refresh.refresh(portfolioId);
    const second = await this.trySnapshot(this.dataSource, portfolioId, work);
    if (second.ok) return second.value;
    throw new Error(`the read model of portfolio ${portfolioId} is missing after a refresh`);
  }

  private async trySnapshot<T>(
    source: DataSource,
    portfolioId: string,
    work: (q: Sql, head: PortfolioHead) => Promise<T>,
  ): Promise<{ ok: true; value: T } | { ok: false }> {
    const runner = source.createQueryRunner();
    await runner.connect();
    try {
      await runner.query(`START TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY`);
      try {
        const head = await this.head(runner, portfolioId);
        return head === null ? { ok: false } : { ok: true, value: await work(runner, head) };
      } finally {
        // Read-only: COMMIT and ROLLBACK end it alike (an aborted transaction is rolled back by either).
        await runner.query(`COMMIT`).catch(() => undefined);
      }
    } finally {
      await runner.release();
    }
  }

  /** The portfolio with its read-model state; null when it has never been refreshed; 404 when it does not exist. */
  private async head(q: QueryRunner | Sql, portfolioId: string): Promise<PortfolioHead | null> {
    const portfolio = await portfolioTargets(q, portfolioId);
    if (portfolio === null) throw new InsightsPortfolioNotFoundError(portfolioId);
    const [row] = await queryRows<PortfolioStateRow>(
      q,
      `SELECT refreshed_at, series_totals FROM insights_portfolio_state WHERE portfolio_id = $1`,
      [portfolioId],
    );
    if (row === undefined || row.refreshed_at === null) return null;
    return {
      id: portfolio.id,
      name: portfolio.name,
      ambitionTargets: portfolio.ambitionTargets,
      horizonTargets: portfolio.horizonTargets,
      refreshedAt: row.refreshed_at,
      seriesTotals: row.series_totals ?? {},
    };
  }

  /** Every series' counts before the period starts and before it ends (metrics.ts SeriesCount). */
  async seriesCounts(
    q: Sql,
    portfolioId: string,
    filters: OverviewFilters,
    head: PortfolioHead,
    measures: readonly string[] = ALL_MEASURES,
  ): Promise<SeriesCount[]> {
    const from = filters.period.fromDay ?? NEG_INFINITY;
    const to = filters.period.toDay ?? POS_INFINITY;
    let rows: SeriesCountRow[];
    if (filters.ownerId === undefined && filters.period.fromDay === null && filters.period.toDay === null) {
      // All time: the totals the refresh kept, no probe.
      return Object.entries(head.seriesTotals).flatMap(([key, measures]) => {
        const [ambition = '', horizon = ''] = key.split('|');
        if (
          (filters.ambition !== undefined && ambition !== filters.ambition) ||
          (filters.horizon !== undefined && horizon !== filters.horizon)
        )
          return [];
        return Object.entries(measures).map(([measure, n]) => ({
          ambition,
          horizon,
          measure,
          beforeFrom: 0,
          beforeTo: n,
        }));
      });
    }
    if (filters.ownerId !== undefined) {
      const params: unknown[] = [portfolioId, from, to];
      const where = ['i.portfolio_id = $1', ...dimensionPredicates(filters, params, 'i.')];
      rows = await queryRows<SeriesCountRow>(
        q,
        `SELECT i.ambition, i.horizon, m.measure,
                count(*) FILTER (WHERE m.day < $2::date)::int AS before_from,
                count(*) FILTER (WHERE m.day < $3::date)::int AS before_to
           FROM insights_initiatives i
           CROSS JOIN LATERAL unnest(i.mark_days, i.mark_outflows, i.mark_inflows, i.mark_others) AS e(day, out_measure, in_measure, other)
           CROSS JOIN LATERAL (SELECT e.day, x.measure FROM unnest(ARRAY[e.out_measure, e.in_measure, e.other]) AS x(measure) WHERE x.measure IS NOT NULL) m
          WHERE ${where.join(' AND ')}
          GROUP BY i.ambition, i.horizon, m.measure`,
        params,
      );
    } else {
      // Each cell's running totals of every measure before each bound: two probes per cell.
      const ambitions = filters.ambition === undefined ? INSIGHT_AMBITIONS : [filters.ambition];
      const horizons = filters.horizon === undefined ? INSIGHT_HORIZONS : [filters.horizon];
      const probe = (bound: string): string =>
        `(SELECT c.cum FROM insights_cube_days c
           WHERE c.portfolio_id = $1 AND c.ambition = a.ambition AND c.horizon = h.horizon AND c.day < ${bound}::date
           ORDER BY c.day DESC LIMIT 1)`;
      const cells = await queryRows<CubeDaysRow>(
        q,
        `SELECT a.ambition, h.horizon, ${probe('$2')} AS before_from, ${probe('$3')} AS before_to
           FROM unnest($4::text[]) AS a(ambition) CROSS JOIN unnest($5::text[]) AS h(horizon)`,
        [portfolioId, from, to, ambitions, horizons],
      );
      rows = cells.flatMap((cell) =>
        measures.map((measure) => ({
          ambition: cell.ambition,
          horizon: cell.horizon,
          measure,
          before_from: cell.before_from?.[measure] ?? 0,
          before_to: cell.before_to?.[measure] ?? 0,
        })),
      );
    }
    return rows.filter((r) => r.before_to !== 0 || r.before_from !== 0).map(seriesCountOf);
  }

  /** Percentiles of the duration samples that ended in the period, per sample metric (stage or time-to-controlled). */
  async durations(
    q: Sql,
    portfolioId: string,
    filters: OverviewFilters,
    _head: PortfolioHead,
    metrics: readonly string[] = SAMPLE_METRICS,
  ): Promise<Record<string, DurationSummary>> {
    const from = filters.period.fromDay ?? NEG_INFINITY;
    const to = filters.period.toDay ?? POS_INFINITY;
    let rows: DurationRow[];
    if (filters.ownerId !== undefined) {
      const params: unknown[] = [portfolioId, from, to];
      const where = [
        'i.portfolio_id = $1',
        ...dimensionPredicates(filters, params, 'i.'),
        's.day >= $2::date',
        's.day < $3::date',
      ];
      rows = await queryRows<DurationRow>(
        q,
        `SELECT s.metric, count(*)::int AS samples, percentile_disc(ARRAY[0.5, 0.85]::float8[]) WITHIN GROUP (ORDER BY s.seconds) AS p
           FROM insights_initiatives i
           CROSS JOIN LATERAL unnest(i.sample_metrics, i.sample_days, i.sample_seconds) AS s(metric, day, seconds)
          WHERE ${where.join(' AND ')}
          GROUP BY s.metric`,
        params,
      );
    } else {
      return samplePercentiles(q, portfolioId, metrics, {
        fromDay: filters.period.fromDay,
        toDay: filters.period.toDay,
        ambition: filters.ambition,
        horizon: filters.horizon,
      });
    }
    return Object.fromEntries(rows.map((r) => [r.metric, durationSummaryOf(r)]));
  }

  async ecvRanking(
    q: Sql,
    portfolioId: string,
    filters: OverviewFilters,
    limit = ECV_RANKING_SIZE,
  ): Promise<EcvRankingRow[]> {
    const params: unknown[] = [portfolioId];
    const where = [
      'portfolio_id = $1',
      `status = 'active'`,
      'ecv IS NOT NULL',
      ...dimensionPredicates(filters, params),
    ];
    const rows = await queryRows<RankedInitiativeRow>(
      q,
      `SELECT initiative_id, title, ecv, stage, status FROM insights_initiatives
        WHERE ${where.join(' AND ')} ORDER BY ecv DESC NULLS LAST, initiative_id LIMIT ${Math.trunc(limit)}`,
      params,
    );
    return rows.map(ecvRankingOf);
  }

  async bubbles(q: Sql, portfolioId: string, filters: OverviewFilters): Promise<BubbleRow[]> {
    const params: unknown[] = [portfolioId];
    const where = [
      'portfolio_id = $1',
      `status = 'active'`,
      'ecv IS NOT NULL',
      ...dimensionPredicates(filters, params),
    ];
    const rows = await queryRows<BubbleInitiativeRow>(
      q,
      `SELECT initiative_id, title, probability, ecv, remaining_cost, ambition FROM insights_initiatives
        WHERE ${where.join(' AND ')} ORDER BY remaining_cost DESC, initiative_id LIMIT ${BUBBLES_SIZE}`,
      params,
    );
    return rows.map(bubbleOf);
  }

  async zombies(q: Sql, portfolioId: string, filters: OverviewFilters, limit: number): Promise<ZombieRow[]> {
    const params: unknown[] = [portfolioId];
    const where = ['portfolio_id = $1', 'deadline_at < now()', ...dimensionPredicates(filters, params)];
    const rows = await queryRows<ZombieCandidateRow>(
      q,
      `SELECT review_id, initiative_id, title, gate, deadline_at FROM insights_zombie_candidates
        WHERE ${where.join(' AND ')} ORDER BY deadline_at, review_id LIMIT ${Math.trunc(limit)}`,
      params,
    );
    return rows.map(zombieOf);
  }

  async learning(q: Sql, portfolioId: string, filters: OverviewFilters): Promise<LearningFigures> {
    const params: unknown[] = [portfolioId];
    let rows: LearningAverageRow[];
    if (filters.ownerId !== undefined) {
      const where = ['portfolio_id = $1', ...dimensionPredicates(filters, params)];
      rows = await queryRows<LearningAverageRow>(
        q,
        `SELECT round(avg(learning_velocity), 2) AS velocity, round(avg(cost_per_learning), 2) AS cost
           FROM insights_initiatives WHERE ${where.join(' AND ')}`,
        params,
      );
    } else {
      const where = ['portfolio_id = $1', ...dimensionPredicates(filters, params)];
      rows = await queryRows<LearningAverageRow>(
        q,
        `SELECT CASE WHEN sum(velocity_n) > 0 THEN round(sum(velocity_sum) / sum(velocity_n), 2) END AS velocity,
                CASE WHEN sum(cost_n) > 0 THEN round(sum(cost_sum) / sum(cost_n), 2) END AS cost
           FROM insights_learning WHERE ${where.join(' AND ')}`,
        params,
      );
    }
    return learningFiguresOf(rows[0]);
  }
}

/** One condition on an initiative's timeline: a code in one of its arrays, on a day within the period when given. */
interface TimelineCondition {
  codes: readonly string[];
  codeColumn: 'mark_others' | 'mark_inflows' | 'mark_outflows' | 'sample_metrics';
  dayColumn: 'mark_days' | 'sample_days';
}

function timelineConditions(filters: Omit<InitiativeFilters, 'limit'>): TimelineCondition[] {
  const conditions: TimelineCondition[] = [];
  if (filters.gate !== undefined || filters.decision !== undefined) {
    const gates = filters.gate === undefined ? INSIGHT_GATES : [filters.gate];
    const decisions = filters.decision === undefined ? INSIGHT_DECISIONS : [filters.decision];
    const codes = gates.flatMap((g) => decisions.map((d) => decisionMeasure(g, d)));
    conditions.push({ codes, codeColumn: 'mark_others', dayColumn: 'mark_days' });
  }
  if (filters.entered !== undefined)
    conditions.push({ codes: [inflowMeasure(filters.entered)], codeColumn: 'mark_inflows', dayColumn: 'mark_days' });
  if (filters.left !== undefined)
    conditions.push({ codes: [outflowMeasure(filters.left)], codeColumn: 'mark_outflows', dayColumn: 'mark_days' });
  if (filters.passed !== undefined)
    conditions.push({ codes: [filters.passed], codeColumn: 'sample_metrics', dayColumn: 'sample_days' });
  if (filters.handover !== undefined) {
    conditions.push({
      codes: [handoverVerdictMeasure(filters.handover)],
      codeColumn: 'mark_others',
      dayColumn: 'mark_days',
    });
  }
  return conditions;
}

/** The click-through (and initiatives export) query, without LIMIT; ordered by ECV, highest first. */
export function initiativesQuery(
  portfolioId: string,
  filters: Omit<InitiativeFilters, 'limit'>,
  columns: readonly string[],
): { sql: string; params: unknown[] } {
  const params: unknown[] = [portfolioId];
  const where = ['portfolio_id = $1'];
  if (filters.stage !== undefined) where.push(`stage = $${params.push(filters.stage)}`);
  if (filters.status !== undefined) where.push(`status = $${params.push(filters.status)}`);
  where.push(...dimensionPredicates(filters, params));
  const period = filters.period.fromDay !== null || filters.period.toDay !== null;
  for (const { codes, codeColumn, dayColumn } of timelineConditions(filters)) {
    const codesParam = params.push(codes);
    // The overlap alone is enough without a period (and GIN-indexed for mark_others).
    where.push(`${codeColumn} && $${codesParam}::text[]`);
    if (period) {
      const from = params.push(filters.period.fromDay ?? NEG_INFINITY);
      const to = params.push(filters.period.toDay ?? POS_INFINITY);
      where.push(
        `EXISTS (SELECT 1 FROM unnest(${codeColumn}, ${dayColumn}) AS m(code, day)
                  WHERE m.code = ANY($${codesParam}::text[]) AND m.day >= $${from}::date AND m.day < $${to}::date)`,
      );
    }
  }
  return {
    sql: `SELECT ${columns.join(', ')} FROM insights_initiatives WHERE ${where.join(' AND ')} ORDER BY ecv DESC NULLS LAST, initiative_id`,
    params,
  };
}
