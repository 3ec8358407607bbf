import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';

export type Initiative = components['schemas']['InitiativeDto'];

export const initiativeKey = (id: string) => ['initiative', id] as const;

/** An empty id (a page still loading what names the initiative) asks nothing: `/api/initiatives/` is another route. */
export function useInitiative(id: string) {
  return useQuery({
    queryKey: initiativeKey(id),
    queryFn: () => unwrap(api.GET('/api/initiatives/{id}', { params: { path: { id } } })),
    enabled: id !== '',
  });
}

export function useReviews(id: string) {
  return useQuery({
    queryKey: [...initiativeKey(id), 'reviews'],
    queryFn: () => unwrap(api.GET('/api/initiatives/{id}/reviews', { params: { path: { id } } })),
    // A requested review becomes ready (or not) in a background job: watch it until it settles.
    refetchInterval: (query) => (query.state.data?.some((r) => r.status === 'requested') ? 1500 : false),
  });
}
