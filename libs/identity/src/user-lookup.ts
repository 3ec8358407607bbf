import { queryRows, SqlRunner } from '@ambidex/platform';
import { Role } from './domain/roles';

/** Whether a user may still act, and as what. */
export interface UserStanding {
  id: string;
  active: boolean;
  roles: Role[];
}

/** How to reach a user, for views that list people with their address. */
export interface UserContact {
  id: string;
  email: string;
  displayName: string;
}

interface StandingRow {
  id: string;
  active: boolean;
  roles: Role[];
}

interface ContactRow {
  id: string;
  email: string;
  display_name: string;
}

interface IdRow {
  id: string;
}

const uniqueIds = (ids: Iterable<string>): string[] => [...new Set(ids)];

/** A user's active flag and roles; null for an id that names no user. */
export async function userStanding(em: SqlRunner, userId: string): Promise<UserStanding | null> {
  const [row] = await queryRows<StandingRow>(em, `SELECT id, active, roles FROM users WHERE id = $1`, [userId]);
  return row === undefined ? null : { id: row.id, active: row.active, roles: row.roles };
}

/** Of these ids, the ones of active users (holding `role`, when one is given). */
export async function activeUserIds(em: SqlRunner, ids: Iterable<string>, role?: Role): Promise<Set<string>> {
  const rows = await queryRows<IdRow>(
    em,
    `SELECT id FROM users WHERE id = ANY($1::uuid[]) AND active AND ($2::text IS NULL OR $2 = ANY(roles))`,
    [uniqueIds(ids), role ?? null],
  );
  return new Set(rows.map((r) => r.id));
}

/** Every active user holding at least one of these roles, by id. */
export async function activeUserIdsWithAnyRole(em: SqlRunner, roles: readonly string[]): Promise<string[]> {
  const rows = await queryRows<IdRow>(em, `SELECT id FROM users WHERE active AND roles && $1::text[] ORDER BY id`, [
    [...roles],
  ]);
  return rows.map((r) => r.id);
}

/** id → name and e-mail; unknown ids are absent. */
export async function userContacts(em: SqlRunner, ids: Iterable<string>): Promise<Map<string, UserContact>> {
  const unique = uniqueIds(ids);
  if (unique.length === 0) return new Map();
  const rows = await queryRows<ContactRow>(em, `SELECT id, email, display_name FROM users WHERE id = ANY($1::uuid[])`, [
    unique,
  ]);
  return new Map(rows.map((r) => [r.id, { id: r.id, email: r.email, displayName: r.display_name }]));
}
