import { queryRows } from '@ambidex/platform';
import { CREATED, CREATED_FROM_OPERATIONS } from './domain/measures';
import { DurationSummary, operationsFiguresOf, OperationsFigures, SeriesCount } from './domain/metrics';
import type { Sql } from './insights-queries';
import type { OverviewFilters } from './insights.views';

interface OperationsRow {
  new_initiatives: number;
  from_operations: number;
  decided: number;
  median_seconds: number | null;
}

/**
 * Operations feed innovation from the cube's creation counts and the first-decision samples (by creation day), for
 * every filter but the owner: no work in proportion to the portfolio.
 */
export function operationsFromReadModel(
  series: readonly SeriesCount[],
  firstDecision: DurationSummary | undefined,
): OperationsFigures {
  const count = (measure: string): number =>
    series.filter((r) => r.measure === measure).reduce((sum, r) => sum + r.beforeTo - r.beforeFrom, 0);
  return operationsFiguresOf({
    newInitiatives: count(CREATED),
    fromOperations: count(CREATED_FROM_OPERATIONS),
    decided: firstDecision?.samples ?? 0,
    medianSeconds: firstDecision?.p50 ?? null,
  });
}

/**
 * Operations feed innovation for an owner, from the owner's per-initiative rows: those created in the period (their UTC
 * creation day), with the dimension filters.
 */
export async function operationsFigures(
  q: Sql,
  portfolioId: string,
  filters: OverviewFilters,
): Promise<OperationsFigures> {
  const params: unknown[] = [portfolioId];
  const where = ['portfolio_id = $1'];
  if (filters.ambition !== undefined) where.push(`ambition = $${params.push(filters.ambition)}`);
  if (filters.horizon !== undefined) where.push(`horizon = $${params.push(filters.horizon)}`);
  if (filters.ownerId !== undefined) where.push(`owner_id = $${params.push(filters.ownerId)}::uuid`);
  if (filters.period.fromDay !== null) where.push(`created_day >= $${params.push(filters.period.fromDay)}::date`);
  if (filters.period.toDay !== null) where.push(`created_day < $${params.push(filters.period.toDay)}::date`);
  const [row] = await queryRows<OperationsRow>(
    q,
    `SELECT count(*)::int AS new_initiatives, count(*) FILTER (WHERE from_operations)::int AS from_operations,
            count(first_decision_seconds) FILTER (WHERE from_operations)::int AS decided,
            percentile_disc(0.5) WITHIN GROUP (ORDER BY first_decision_seconds)
              FILTER (WHERE from_operations AND first_decision_seconds IS NOT NULL) AS median_seconds
       FROM insights_initiatives WHERE ${where.join(' AND ')}`,
    params,
  );
  return operationsFiguresOf({
    newInitiatives: row?.new_initiatives ?? 0,
    fromOperations: row?.from_operations ?? 0,
    decided: row?.decided ?? 0,
    medianSeconds: row?.median_seconds ?? null,
  });
}
