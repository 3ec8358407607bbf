import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { components, paths } from '../../api/schema';

export type Nonconformity = components['schemas']['NonconformityDto'];
export type NonconformitySummary = components['schemas']['NonconformitySummaryDto'];
export type RegisterFilters = NonNullable<paths['/api/nonconformities']['get']['parameters']['query']>;

export const nonconformityKey = (id: string) => ['nonconformity', id] as const;

export function useNonconformity(id: string) {
  return useQuery({
    queryKey: nonconformityKey(id),
    queryFn: () => unwrap(api.GET('/api/nonconformities/{id}', { params: { path: { id } } })),
  });
}

export function useRegister(filters: RegisterFilters) {
  return useQuery({
    queryKey: ['nonconformities', filters],
    queryFn: () => unwrap(api.GET('/api/nonconformities', { params: { query: filters } })),
  });
}

/** The display name of someone the NC names (the API sends them with it). */
export function nameOf(nc: Nonconformity, id: string | null): string {
  if (id === null) return '—';
  return nc.people.find((p) => p.id === id)?.displayName ?? 'unknown';
}
