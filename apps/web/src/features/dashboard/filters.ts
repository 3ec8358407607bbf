import type { FieldProblem } from '../../api/problem';
import type { paths } from '../../api/schema';

export type OverviewQuery = NonNullable<paths['/api/insights/portfolios/{id}/overview']['get']['parameters']['query']>;

export const AMBITIONS = ['core', 'adjacent', 'transformational'] as const;
export const HORIZONS = ['H1', 'H2', 'H3'] as const;
export type Ambition = (typeof AMBITIONS)[number];
export type Horizon = (typeof HORIZONS)[number];

/**
 * The dashboard's filters, as the address carries them (the old dashboard's keys, so its bookmarks keep working):
 * portfolio, from, to (whole UTC days, to inclusive), ambition, horizon, owner. Empty means "all".
 */
export interface DashboardFilters {
  portfolio: string;
  from: string;
  to: string;
  ambition: Ambition | '';
  horizon: Horizon | '';
  ownerId: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUserId = (value: string): boolean => UUID.test(value);
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export const isoDay = (d: Date): string => d.toISOString().slice(0, 10);

/** The last year up to today (UTC), as the old dashboard opened. */
export function defaultFilters(now: Date): DashboardFilters {
  const from = new Date(now.getTime());
  from.setUTCFullYear(from.getUTCFullYear() - 1);
  return { portfolio: '', from: isoDay(from), to: isoDay(now), ambition: '', horizon: '', ownerId: '' };
}

const oneOf = <T extends string>(values: readonly T[], value: string | null): T | '' =>
  value !== null && (values as readonly string[]).includes(value) ? (value as T) : '';

/**
 * Reads the filters from an address. Unknown ambitions and horizons mean "all"; from and to keep what was written
 * (a wrong date is reported by filterProblems, not silently replaced); an absent period is the default year.
 */
export function filtersFromSearch(params: URLSearchParams, now: Date): DashboardFilters {
  const defaults = defaultFilters(now);
  const owner = (params.get('owner') ?? '').trim();
  return {
    portfolio: params.get('portfolio') ?? '',
    from: params.has('from') ? (params.get('from') ?? '') : defaults.from,
    to: params.has('to') ? (params.get('to') ?? '') : defaults.to,
    ambition: oneOf(AMBITIONS, params.get('ambition')),
    horizon: oneOf(HORIZONS, params.get('horizon')),
    ownerId: owner.toLowerCase() === 'all' ? '' : owner,
  };
}

/**
 * The address of these filters. from and to are always written (empty when cleared), so a reload shows the same
 * period even on another day; `extra` adds keys of the page (print=1).
 */
export function filtersToSearch(f: DashboardFilters, extra: Record<string, string> = {}): URLSearchParams {
  const params = new URLSearchParams();
  if (f.portfolio !== '') params.set('portfolio', f.portfolio);
  params.set('from', f.from);
  params.set('to', f.to);
  if (f.ambition !== '') params.set('ambition', f.ambition);
  if (f.horizon !== '') params.set('horizon', f.horizon);
  if (f.ownerId !== '') params.set('owner', f.ownerId);
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  return params;
}

/** What is wrong with the filters, named by the API's field names so each shows next to its field. */
export function filterProblems(f: DashboardFilters): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (f.from !== '' && !DAY.test(f.from))
    problems.push({ field: 'from', reason: 'Give a date (YYYY-MM-DD), or leave it empty.' });
  if (f.to !== '' && !DAY.test(f.to))
    problems.push({ field: 'to', reason: 'Give a date (YYYY-MM-DD), or leave it empty.' });
  if (problems.length === 0 && f.from !== '' && f.to !== '' && f.from > f.to) {
    problems.push({ field: 'from', reason: 'The period starts after it ends: check From and To.' });
  }
  if (f.ownerId !== '' && !isUserId(f.ownerId)) {
    problems.push({ field: 'ownerId', reason: 'The owner must be a user id (a UUID), or empty for all owners.' });
  }
  return problems;
}

/** What the overview, the click-through list and the exports take. */
export function overviewQuery(f: DashboardFilters): OverviewQuery {
  const query: OverviewQuery = {};
  if (f.from !== '') query.from = f.from;
  if (f.to !== '') query.to = f.to;
  if (f.ambition !== '') query.ambition = f.ambition;
  if (f.horizon !== '') query.horizon = f.horizon;
  if (f.ownerId !== '') query.ownerId = f.ownerId;
  return query;
}

/** The CSV export of one metric, with the dashboard's filters. */
export function exportHref(f: DashboardFilters, metric: string): string {
  const query = new URLSearchParams(overviewQuery(f) as Record<string, string>).toString();
  return `/api/insights/portfolios/${encodeURIComponent(f.portfolio)}/export/${metric}.csv${query === '' ? '' : `?${query}`}`;
}
