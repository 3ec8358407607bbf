import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';

export type ControlledDocument = components['schemas']['DocumentDto'];
export type Revision = components['schemas']['RevisionDto'];

export const documentKey = (id: string) => ['document', id] as const;

export function useDocument(id: string) {
  return useQuery({
    queryKey: documentKey(id),
    queryFn: () => unwrap(api.GET('/api/documents/{id}', { params: { path: { id } } })),
  });
}

export const REVISION_STATE_LABELS: Record<Revision['state'], string> = {
  draft: 'Draft',
  in_review: 'In review',
  approved: 'Approved',
  effective: 'Effective',
  superseded: 'Superseded',
  obsolete: 'Obsolete',
};
