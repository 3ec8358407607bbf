import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import type { components } from '../api/schema';
import type { Role } from '../app/session';

/** Someone a form can name: what the user directory answers (id, name, roles; never an email). */
export type DirectoryPerson = components['schemas']['DirectoryUserDto'];
/** A chosen person; a name is enough when the form already knows who it is (the owner, the team). */
export interface Person {
  id: string;
  displayName: string;
}

/** How many people one search shows; more means "type more of the name". */
export const PEOPLE_SHOWN = 20;

/** Active people whose name contains the text, optionally of one role; asked only while the list is open. */
export function usePeopleSearch(text: string, role: Role | undefined, enabled: boolean) {
  const q = text.trim();
  return useQuery({
    queryKey: ['people', { q, role }],
    queryFn: () =>
      unwrap(
        api.GET('/api/users/directory', {
          params: {
            query: { ...(q === '' ? {} : { q }), ...(role === undefined ? {} : { role }), limit: PEOPLE_SHOWN },
          },
        }),
      ),
    enabled,
    staleTime: 60_000,
  });
}

/** The person behind an id a link carries (a shared dashboard filter), by name; null when there is no such active person. */
export function usePersonById(id: string, role: Role | undefined, enabled: boolean) {
  return useQuery({
    queryKey: ['person', { id, role }],
    queryFn: async (): Promise<Person | null> => {
      const found = await unwrap(
        api.GET('/api/users/directory', {
          params: { query: { id, ...(role === undefined ? {} : { role }), limit: 1 } },
        }),
      );
      return found[0] ?? null;
    },
    enabled,
    staleTime: 5 * 60_000,
  });
}
