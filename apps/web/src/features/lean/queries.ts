import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { components, paths } from '../../api/schema';

export type ValueStream = components['schemas']['ValueStreamDto'];
export type Improvement = components['schemas']['ImprovementDto'];
export type ImprovementFilters = NonNullable<paths['/api/improvements']['get']['parameters']['query']>;

export const valueStreamKey = (processRecordId: string) => ['value-stream-of-process', processRecordId] as const;
export const improvementKey = (id: string) => ['improvement', id] as const;

/** The value stream of a process record; a 404 until its handover is accepted (no retry then). */
export function useValueStreamOfProcess(processRecordId: string, enabled = true) {
  return useQuery({
    enabled,
    queryKey: valueStreamKey(processRecordId),
    queryFn: () =>
      unwrap(api.GET('/api/process-records/{id}/value-stream', { params: { path: { id: processRecordId } } })),
    retry: false,
  });
}

export function useValueStream(id: string) {
  return useQuery({
    queryKey: ['value-stream', id],
    queryFn: () => unwrap(api.GET('/api/value-streams/{id}', { params: { path: { id } } })),
  });
}

export function useValueStreams() {
  return useQuery({
    queryKey: ['value-streams'],
    queryFn: () => unwrap(api.GET('/api/value-streams')),
  });
}

export function useImprovements(filters: ImprovementFilters) {
  return useQuery({
    queryKey: ['improvements', filters],
    queryFn: () => unwrap(api.GET('/api/improvements', { params: { query: filters } })),
  });
}

export function useImprovement(id: string) {
  return useQuery({
    queryKey: improvementKey(id),
    queryFn: () => unwrap(api.GET('/api/improvements/{id}', { params: { path: { id } } })),
  });
}

/** A write on an improvement event: refreshes it, the register and the value streams when it succeeds. */
export function useImprovementMutation<V>(id: string, write: (variables: V) => Promise<unknown>, onDone?: () => void) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: async () => {
      onDone?.();
      await client.invalidateQueries({ queryKey: improvementKey(id) });
      await client.invalidateQueries({ queryKey: ['improvements'] });
      await client.invalidateQueries({ queryKey: ['value-stream-of-process'] });
    },
  });
}

/** The display name of someone the event names (the API sends them with it). */
export function nameOf(event: Improvement, id: string | null): string {
  if (id === null) return '—';
  return event.people.find((p) => p.id === id)?.displayName ?? 'unknown';
}
