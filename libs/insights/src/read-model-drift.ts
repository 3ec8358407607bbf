import { queryRows } from '@ambidex/platform';
import type { SeriesTotals } from './insights-refresh';
import type { TxSql } from './read-model-sources';

/** Rows of the stored read model that differ from the recomputed one, in all and per table. */
export interface DriftReport {
  rows: number;
  tables: Record<string, number>;
}

/** Per table: the stored rows of the portfolio and the recomputed ones (temporary tables), over the same columns. */
const COMPARISONS: { table: string; columns: string; stored: string; recomputed: string }[] = [
  {
    table: 'insights_initiatives',
    columns: `initiative_id, portfolio_id, owner_id, title, ambition, horizon, stage, status, ecv, probability, remaining_cost,
              learning_velocity, cost_per_learning, mark_days, mark_outflows, mark_inflows, mark_others,
              sample_metrics, sample_days, sample_seconds, created_day, from_operations, first_decision_seconds`,
    stored: 'insights_initiatives WHERE portfolio_id = $1',
    recomputed: 'insights_tmp_rows',
  },
  {
    table: 'insights_daily',
    columns: 'ambition, horizon, measure, day, n, cum',
    stored: 'insights_daily WHERE portfolio_id = $1',
    recomputed: 'insights_tmp_daily',
  },
  {
    table: 'insights_cube_days',
    columns: 'ambition, horizon, day, cum',
    stored: 'insights_cube_days WHERE portfolio_id = $1',
    recomputed: 'insights_tmp_cube_days',
  },
  {
    table: 'insights_samples',
    columns: 'initiative_id, metric, day, ambition, horizon, seconds, bucket',
    stored: 'insights_samples WHERE portfolio_id = $1',
    recomputed: 'insights_tmp_samples',
  },
  {
    table: 'insights_sample_months',
    columns: 'metric, ambition, horizon, month, cum',
    stored: 'insights_sample_months WHERE portfolio_id = $1',
    recomputed: 'insights_tmp_sample_months',
  },
  {
    table: 'insights_sample_days',
    columns: 'metric, ambition, horizon, day, buckets, counts',
    stored: 'insights_sample_days WHERE portfolio_id = $1',
    recomputed: 'insights_tmp_sample_days',
  },
  {
    table: 'insights_zombie_candidates',
    columns: 'review_id, initiative_id, title, gate, deadline_at, owner_id, ambition, horizon',
    stored: 'insights_zombie_candidates WHERE portfolio_id = $1',
    recomputed: 'insights_tmp_zombies',
  },
  {
    // A cell whose last initiative left keeps a row of zeros after an apply; a recompute has no row: the same figures.
    table: 'insights_learning',
    columns: 'ambition, horizon, velocity_sum, velocity_n, cost_sum, cost_n',
    stored: 'insights_learning WHERE portfolio_id = $1 AND (velocity_n > 0 OR cost_n > 0)',
    recomputed: 'insights_tmp_learning WHERE velocity_n > 0 OR cost_n > 0',
  },
];

/** Series totals without the zero counts an apply can leave behind. */
function normalized(totals: SeriesTotals): string {
  const cells = Object.keys(totals).sort();
  return JSON.stringify(
    cells.flatMap((cell) =>
      Object.entries(totals[cell] ?? {})
        .filter(([, n]) => n !== 0)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([measure, n]) => `${cell}|${measure}=${n}`),
    ),
  );
}

/**
 * The safety check: compares the stored read model of a portfolio (what the incremental applies kept) with the one
 * the full refresh has just computed into its temporary tables, before the refresh replaces it. Zero on a consistent
 * read model; any other figure is drift, which the refresh then repairs.
 */
export async function measureDrift(
  q: TxSql,
  portfolioId: string,
  seriesTotals: SeriesTotals,
): Promise<DriftReport | null> {
  const [state] = await queryRows<{ series_totals: SeriesTotals }>(
    q,
    `SELECT series_totals FROM insights_portfolio_state WHERE portfolio_id = $1`,
    [portfolioId],
  );
  // Never refreshed: nothing kept, nothing to compare.
  if (state === undefined) return null;
  const tables: Record<string, number> = {};
  for (const { table, columns, stored, recomputed } of COMPARISONS) {
    const [row] = await queryRows<{ n: number }>(
      q,
      `SELECT ((SELECT count(*) FROM (SELECT ${columns} FROM ${stored} EXCEPT ALL SELECT ${columns} FROM ${recomputed}) a)
             + (SELECT count(*) FROM (SELECT ${columns} FROM ${recomputed} EXCEPT ALL SELECT ${columns} FROM ${stored}) b))::int AS n`,
      [portfolioId],
    );
    tables[table] = row?.n ?? 0;
  }
  tables.insights_portfolio_state = normalized(state.series_totals) === normalized(seriesTotals) ? 0 : 1;
  return { rows: Object.values(tables).reduce((s, n) => s + n, 0), tables };
}
