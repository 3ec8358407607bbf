import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';

export type Review = components['schemas']['GateReviewDetailDto'];
export type GateDefinition = components['schemas']['GateDefinitionDto'];

export const reviewKey = (id: string) => ['review', id] as const;

export function useReview(id: string) {
  return useQuery({
    queryKey: reviewKey(id),
    queryFn: () => unwrap(api.GET('/api/reviews/{id}', { params: { path: { id } } })),
    refetchInterval: (query) => (query.state.data?.status === 'requested' ? 1500 : false),
  });
}

export function useEvidence(id: string, enabled: boolean) {
  return useQuery({
    queryKey: [...reviewKey(id), 'evidence'],
    enabled,
    queryFn: () => unwrap(api.GET('/api/reviews/{id}/evidence', { params: { path: { id } } })),
    staleTime: Infinity, // frozen when the review opened
  });
}

/** The gate's criteria, from the process model version the initiative is pinned to. */
export function useGateDefinition(processModelId: string | undefined, gate: string | undefined) {
  return useQuery({
    queryKey: ['process-model', processModelId],
    enabled: processModelId !== undefined,
    queryFn: () => unwrap(api.GET('/api/process-models/{id}', { params: { path: { id: processModelId ?? '' } } })),
    staleTime: Infinity, // an active model never changes
    select: (model): GateDefinition | undefined =>
      gate === 'G1' || gate === 'G2' || gate === 'G3' ? model.definition.gates[gate] : undefined,
  });
}
