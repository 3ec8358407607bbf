import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { filtersToSearch, overviewQuery, type DashboardFilters } from './filters';
import { drilldownQueries, mergeInitiatives, type Selection } from './selections';

export type Overview = components['schemas']['InsightsOverviewDto'];

export function useInsightPortfolios() {
  return useQuery({
    queryKey: ['insights', 'portfolios'],
    queryFn: () => unwrap(api.GET('/api/insights/portfolios')),
    staleTime: 60_000,
  });
}

/**
 * The overview for the filters. The figures shown stay while the next ones load, and carry the address they were
 * drawn for (`shown`), so the page can tell which filters its figures belong to.
 */
export function useOverview(filters: DashboardFilters, enabled: boolean) {
  const query = overviewQuery(filters);
  return useQuery({
    queryKey: ['insights', 'overview', filters.portfolio, query],
    queryFn: async () => ({
      shown: filtersToSearch(filters).toString(),
      overview: await unwrap(
        api.GET('/api/insights/portfolios/{id}/overview', { params: { path: { id: filters.portfolio }, query } }),
      ),
    }),
    enabled,
    placeholderData: keepPreviousData,
  });
}

/** The initiatives behind a chart element: the union of its click-through queries. */
export function useDrilldown(filters: DashboardFilters, selection: Selection | null) {
  const queries = selection === null ? [] : drilldownQueries(selection, filters);
  return useQuery({
    queryKey: ['insights', 'drilldown', filters.portfolio, queries],
    queryFn: async () =>
      mergeInitiatives(
        await Promise.all(
          queries.map((query) =>
            unwrap(
              api.GET('/api/insights/portfolios/{id}/initiatives', {
                params: { path: { id: filters.portfolio }, query },
              }),
            ),
          ),
        ),
      ),
    enabled: selection !== null,
  });
}
