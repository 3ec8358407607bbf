import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useContext, useEffect, type ReactNode } from 'react';
import { api, unwrap, whenSessionEnds } from '../api/client';
import type { components } from '../api/schema';

export type Me = components['schemas']['MeDto'];
export type Role = Me['roles'][number];

export { ROLE_LABELS } from './labels';

const SessionContext = createContext<Me | null>(null);

export const ME_KEY = ['me'] as const;

/** Who is signed in; null while signed out. The session cookie is HttpOnly, so the API is the only one to ask. */
export function useMeQuery() {
  return useQuery({
    queryKey: ME_KEY,
    queryFn: async () => {
      const { data, response } = await api.GET('/api/auth/me');
      if (response.status === 401) return null;
      if (!response.ok || data === undefined) throw new Error(`Could not read the session (${response.status})`);
      return data;
    },
    staleTime: 5 * 60_000,
  });
}

export function SessionProvider({ me, children }: { me: Me; children: ReactNode }) {
  const client = useQueryClient();
  useEffect(() => {
    whenSessionEnds(() => {
      client.setQueryData(ME_KEY, null);
    });
  }, [client]);
  return <SessionContext.Provider value={me}>{children}</SessionContext.Provider>;
}

export function useMe(): Me {
  const me = useContext(SessionContext);
  if (me === null) throw new Error('useMe outside a signed-in page');
  return me;
}

export function hasRole(me: Me, roles: readonly Role[]): boolean {
  return me.roles.some((r) => roles.includes(r));
}

export async function signOut(): Promise<void> {
  await unwrap(api.POST('/api/auth/logout'));
}
