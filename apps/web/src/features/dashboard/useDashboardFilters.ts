import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { filtersFromSearch, filtersToSearch, type DashboardFilters } from './filters';

/**
 * The filters of the address, with the first portfolio when none (or an unknown one) is named. Once the portfolios
 * are known the address is rewritten to name every filter, so a reload or a shared link shows the same figures;
 * `extra` keeps keys of the page itself (print=1).
 */
export function useDashboardFilters(
  portfolios: readonly { id: string }[] | undefined,
  extra: Record<string, string> = {},
) {
  const [params, setParams] = useSearchParams();
  const [now] = useState(() => new Date());
  const read = filtersFromSearch(params, now);
  const first = portfolios?.[0]?.id;
  const known = portfolios?.some((p) => p.id === read.portfolio) ?? true;
  const filters: DashboardFilters = known || first === undefined ? read : { ...read, portfolio: first };
  const wanted = filtersToSearch(filters, extra).toString();
  const current = params.toString();
  const settled = portfolios !== undefined;
  useEffect(() => {
    if (settled && wanted !== current) setParams(wanted, { replace: true });
  }, [settled, wanted, current, setParams]);
  const apply = (next: DashboardFilters) => setParams(filtersToSearch(next, extra));
  return { filters, apply, now, ready: settled && filters.portfolio !== '' };
}
