import { useSearchParams } from 'react-router';
import type { paths } from '../../api/schema';

export type ListQuery = NonNullable<paths['/api/initiatives']['get']['parameters']['query']>;

/** The board's filters live in the address, so a filtered board can be reloaded and shared. */
export const FILTER_KEYS = ['portfolioId', 'ownerId', 'horizon', 'ambition', 'status', 'q'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

export function useBoardFilters() {
  const [params, setParams] = useSearchParams();
  const filters: Partial<Record<FilterKey, string>> = {};
  for (const key of FILTER_KEYS) {
    const value = params.get(key);
    if (value !== null && value !== '') filters[key] = value;
  }
  const setAll = (changes: Partial<Record<FilterKey | 'view' | 'sort' | 'order', string>>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value === '') next.delete(key);
      else next.set(key, value);
    }
    setParams(next, { replace: true });
  };
  const set = (key: FilterKey | 'view' | 'sort' | 'order', value: string) => setAll({ [key]: value });
  return {
    filters,
    view: params.get('view') === 'table' ? 'table' : 'board',
    sort: params.get('sort') ?? 'createdAt',
    order: params.get('order') ?? 'desc',
    set,
    setAll,
  };
}

/** The filters as the listing API takes them; text under three characters is not sent (the API needs three). */
export function toListQuery(filters: Partial<Record<FilterKey, string>>): ListQuery {
  const { q, ...rest } = filters;
  return { ...(rest as ListQuery), ...(q !== undefined && q.trim().length >= 3 ? { q: q.trim() } : {}) };
}
