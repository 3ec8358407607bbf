import { queryRows } from '@ambidex/platform';
import { EVERY_CELL, INSIGHT_AMBITIONS, INSIGHT_HORIZONS, SAMPLE_BUCKETS } from './domain/measures';
import { DurationSummary } from './domain/metrics';
import type { Sql } from './insights-queries';

/** The percentiles every duration figure shows. */
const FRACTIONS = [0.5, 0.85] as const;

export interface SampleFilters {
  fromDay: string | null;
  toDay: string | null;
  ambition?: string;
  horizon?: string;
}

/** First day of the month of a day ('YYYY-MM-01'). */
const monthOf = (day: string): string => `${day.slice(0, 7)}-01`;

/** First day of the month after the one of a day. */
function nextMonth(day: string): string {
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7));
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

/**
 * The whole months inside [from, to), as [start, end) month starts, and the days at either end outside them. A null
 * bound is open; an empty run of months (a period within one or two months) leaves the whole period to the days.
 */
export function monthRun(
  fromDay: string | null,
  toDay: string | null,
): { months: [string, string] | null; edges: [string, string][] } {
  const start = fromDay === null ? '-infinity' : fromDay.endsWith('-01') ? fromDay : nextMonth(fromDay);
  const end = toDay === null ? 'infinity' : monthOf(toDay);
  const lo = fromDay ?? '-infinity';
  const hi = toDay ?? 'infinity';
  if (start !== '-infinity' && end !== 'infinity' && start >= end) return { months: null, edges: [[lo, hi]] };
  const edges: [string, string][] = [];
  if (fromDay !== null && start !== fromDay) edges.push([fromDay, start]);
  if (toDay !== null && end !== toDay) edges.push([end, toDay]);
  return { months: [start, end], edges };
}

/** The nearest-rank position percentile_disc picks for a fraction of n rows (1-based, as PostgreSQL computes it). */
export const nearestRank = (fraction: number, n: number): number => Math.max(1, Math.ceil(fraction * n));

interface HistogramRow {
  metric: string;
  hi: number[] | null;
  lo: number[] | null;
}

interface DayRow {
  metric: string;
  buckets: number[];
  counts: number[];
}

/**
 * percentile_disc(0.5) and (0.85) of the samples of each metric that ended in a period, for the ambition and horizon
 * filters, without sorting the period's samples:
 *   1. the period's histogram: the running monthly histograms at the two ends of its whole months (two probes per
 *      metric × ambition × horizon cell, or per metric over every cell without those filters) plus the daily
 *      histograms of the days outside them (one row per day and metric × cell, or per day and metric);
 *   2. for each percentile, the bucket where the running count reaches its rank, and its rank within that bucket;
 *   3. the value: the period's samples of that one bucket in order of seconds (index on portfolio, metric, bucket, day);
 *      for all time, the bucket walked from its nearer end (index on portfolio, metric, bucket, seconds).
 * Exact (the same value percentile_disc gives); the work depends on the width of a bucket, not the length of the period.
 */
export async function samplePercentiles(
  q: Sql,
  portfolioId: string,
  metrics: readonly string[],
  filters: SampleFilters,
): Promise<Record<string, DurationSummary>> {
  // Without either filter, the histograms summed over every cell: one per metric.
  const everyCell = filters.ambition === undefined && filters.horizon === undefined;
  const ambitions = everyCell ? [EVERY_CELL] : filters.ambition === undefined ? INSIGHT_AMBITIONS : [filters.ambition];
  const horizons = everyCell ? [EVERY_CELL] : filters.horizon === undefined ? INSIGHT_HORIZONS : [filters.horizon];
  const { months, edges } = monthRun(filters.fromDay, filters.toDay);
  const histograms = new Map<string, number[]>(metrics.map((m) => [m, new Array<number>(SAMPLE_BUCKETS).fill(0)]));

  if (months !== null) {
    const probe = (bound: string): string =>
      `(SELECT s.cum FROM insights_sample_months s
         WHERE s.portfolio_id = $1 AND s.metric = m.metric AND s.ambition = a.ambition AND s.horizon = h.horizon AND s.month < ${bound}::date
         ORDER BY s.month DESC LIMIT 1)`;
    const rows = await queryRows<HistogramRow>(
      q,
      `SELECT m.metric, ${probe('$3')} AS hi, ${probe('$2')} AS lo
         FROM unnest($4::text[]) AS m(metric) CROSS JOIN unnest($5::text[]) AS a(ambition) CROSS JOIN unnest($6::text[]) AS h(horizon)`,
      [portfolioId, months[0], months[1], metrics, ambitions, horizons],
    );
    for (const row of rows) {
      const histogram = histograms.get(row.metric);
      if (histogram === undefined || row.hi === null) continue;
      for (let b = 0; b < SAMPLE_BUCKETS; b++)
        histogram[b] = (histogram[b] ?? 0) + (row.hi[b] ?? 0) - (row.lo?.[b] ?? 0);
    }
  }
  if (edges.length > 0) {
    // One index range per metric × cell × edge: OFFSET 0 keeps the subquery a parameterised probe, so every column of
    // the key and the day range are index conditions (flattened, the planner filtered a cell's whole history instead).
    const rows = await queryRows<DayRow>(
      q,
      `SELECT m.metric, s.buckets, s.counts
         FROM unnest($2::text[]) AS m(metric) CROSS JOIN unnest($3::text[]) AS a(ambition) CROSS JOIN unnest($4::text[]) AS h(horizon)
        CROSS JOIN unnest($5::date[], $6::date[]) AS r(lo, hi)
        CROSS JOIN LATERAL (SELECT d.buckets, d.counts FROM insights_sample_days d
                             WHERE d.portfolio_id = $1 AND d.metric = m.metric AND d.ambition = a.ambition AND d.horizon = h.horizon
                               AND d.day >= r.lo AND d.day < r.hi OFFSET 0) s`,
      [portfolioId, metrics, ambitions, horizons, edges.map(([lo]) => lo), edges.map(([, hi]) => hi)],
    );
    for (const row of rows) {
      const histogram = histograms.get(row.metric);
      if (histogram === undefined) continue;
      row.buckets.forEach((bucket, i) => {
        histogram[bucket] = (histogram[bucket] ?? 0) + (row.counts[i] ?? 0);
      });
    }
  }

  // Which bucket, and which rank within it, holds each percentile.
  const picks: { metric: string; fraction: number; bucket: number; offset: number; size: number }[] = [];
  const counts = new Map<string, number>();
  for (const [metric, histogram] of histograms) {
    const n = histogram.reduce((s, c) => s + c, 0);
    if (n === 0) continue;
    counts.set(metric, n);
    for (const fraction of FRACTIONS) {
      const rank = nearestRank(fraction, n);
      let below = 0;
      for (let b = 0; b < SAMPLE_BUCKETS; b++) {
        const c = histogram[b] ?? 0;
        if (below + c >= rank) {
          picks.push({ metric, fraction, bucket: b, offset: rank - below - 1, size: c });
          break;
        }
        below += c;
      }
    }
  }
  if (picks.length === 0) return {};

  // All time: walk the bucket in the order of seconds (index on portfolio, metric, bucket, seconds), from its nearer end
  // (a rank in the upper half is counted down from the largest: the same value, half the walk at most); a period: its
  // days of the bucket (index on portfolio, metric, bucket, day), sorted.
  const allTime = filters.fromDay === null && filters.toDay === null;
  const down = picks.map((p) => allTime && p.offset > (p.size - 1) / 2);
  const params: unknown[] = [
    portfolioId,
    picks.map((p) => p.metric),
    picks.map((p) => p.bucket),
    picks.map((p, i) => (down[i] ? p.size - 1 - p.offset : p.offset)),
    down,
  ];
  const where = ['s.portfolio_id = $1', 's.metric = x.metric', 's.bucket = x.bucket'];
  if (filters.fromDay !== null) where.push(`s.day >= $${params.push(filters.fromDay)}::date`);
  if (filters.toDay !== null) where.push(`s.day < $${params.push(filters.toDay)}::date`);
  if (filters.ambition !== undefined) where.push(`s.ambition = $${params.push(filters.ambition)}`);
  if (filters.horizon !== undefined) where.push(`s.horizon = $${params.push(filters.horizon)}`);
  const values = await queryRows<{ k: number; seconds: number | null }>(
    q,
    `SELECT x.k::int AS k, coalesce(up.seconds, dn.seconds) AS seconds
       FROM unnest($2::text[], $3::int[], $4::int[], $5::bool[]) WITH ORDINALITY AS x(metric, bucket, off, down, k)
       LEFT JOIN LATERAL (SELECT s.seconds FROM insights_samples s WHERE NOT x.down AND ${where.join(' AND ')}
                           ORDER BY s.seconds OFFSET x.off LIMIT 1) up ON true
       LEFT JOIN LATERAL (SELECT s.seconds FROM insights_samples s WHERE x.down AND ${where.join(' AND ')}
                           ORDER BY s.seconds DESC OFFSET x.off LIMIT 1) dn ON true`,
    params,
  );
  const byPick = new Map(values.map((v) => [v.k - 1, v.seconds]));
  const result: Record<string, DurationSummary> = {};
  picks.forEach((pick, i) => {
    const summary = result[pick.metric] ?? { samples: counts.get(pick.metric) ?? 0, p50: null, p85: null };
    const value = byPick.get(i) ?? null;
    if (pick.fraction === 0.5) summary.p50 = value;
    else summary.p85 = value;
    result[pick.metric] = summary;
  });
  return result;
}
