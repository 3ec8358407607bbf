import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { components, paths } from '../../api/schema';

export type Audit = components['schemas']['AuditDto'];
export type AuditItem = components['schemas']['AuditItemDto'];
export type ProgrammeFilters = NonNullable<paths['/api/audits']['get']['parameters']['query']>;

export const auditKey = (id: string) => ['audit', id] as const;

export function useAudit(id: string) {
  return useQuery({
    queryKey: auditKey(id),
    queryFn: () => unwrap(api.GET('/api/audits/{id}', { params: { path: { id } } })),
  });
}

export function useProgramme(filters: ProgrammeFilters) {
  return useQuery({
    queryKey: ['audits', filters],
    queryFn: () => unwrap(api.GET('/api/audits', { params: { query: filters } })),
  });
}

export function useClauses() {
  return useQuery({
    queryKey: ['audit-clauses'],
    queryFn: () => unwrap(api.GET('/api/audit-clauses')),
    staleTime: Infinity,
  });
}

/** Active auditors, for the plan form's choice (the API checks the role again). */
export function useAuditors() {
  return useQuery({
    queryKey: ['people', { role: 'auditor', all: true }],
    queryFn: () => unwrap(api.GET('/api/users/directory', { params: { query: { role: 'auditor', limit: 50 } } })),
  });
}

/** A write on an audit: refreshes the audit and the programme when it succeeds. */
export function useAuditMutation<V>(id: string, write: (variables: V) => Promise<unknown>, onDone?: () => void) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: async () => {
      onDone?.();
      await client.invalidateQueries({ queryKey: auditKey(id) });
      await client.invalidateQueries({ queryKey: ['audits'] });
    },
  });
}
