import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';

export const PROCESS_MODELS_KEY = ['process-models'] as const;
export const processModelKey = (id: string) => [...PROCESS_MODELS_KEY, id] as const;

export function useProcessModels() {
  return useQuery({ queryKey: PROCESS_MODELS_KEY, queryFn: () => unwrap(api.GET('/api/process-models')) });
}

export function useProcessModel(id: string) {
  return useQuery({
    queryKey: processModelKey(id),
    queryFn: () => unwrap(api.GET('/api/process-models/{id}', { params: { path: { id } } })),
  });
}
