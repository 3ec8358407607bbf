import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { ListQuery } from './board-filters';

export const PAGE_SIZE = 50;

export function usePortfolios() {
  return useQuery({ queryKey: ['portfolios'], queryFn: () => unwrap(api.GET('/api/portfolios')), staleTime: 60_000 });
}

/** One listing, paged by the API's keyset cursor: each "more" asks for the page after the last one. */
export function useInitiativePages(query: ListQuery) {
  return useInfiniteQuery({
    queryKey: ['initiatives', 'list', query],
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/initiatives', {
          params: { query: { ...query, limit: PAGE_SIZE, ...(pageParam === null ? {} : { cursor: pageParam }) } },
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}
