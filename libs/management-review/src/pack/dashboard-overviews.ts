import { InsightsOverview, InsightsQueries, overviewFilters } from '@ambidex/insights';
import { portfolioNames } from '@ambidex/portfolio';
import { EntityManager } from 'typeorm';
import type { PackPeriod } from '../domain/pack';

/**
 * The dashboards' overviews for the pack's period and filters, computed by the insights query code the dashboard
 * endpoints run, from the same parsed query: the pack's portfolio figures equal the dashboard's for the same period.
 * One per portfolio in scope (every portfolio when the review has none).
 */
export async function dashboardOverviews(
  insights: InsightsQueries,
  em: EntityManager,
  period: PackPeriod,
): Promise<InsightsOverview[]> {
  const filters = overviewFilters({
    from: period.from,
    to: period.to,
    ...(period.ambition === null ? {} : { ambition: period.ambition }),
    ...(period.horizon === null ? {} : { horizon: period.horizon }),
  });
  const ids = period.portfolioId !== null ? [period.portfolioId] : (await portfolioNames(em)).map((p) => p.id);
  const overviews: InsightsOverview[] = [];
  for (const id of ids) overviews.push(await insights.overview(id, filters));
  return overviews;
}
