import { queryRows, SqlRunner } from '@ambidex/platform';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

/** A user's id with the name people know them by, for any view that shows a user id. */
export interface NamedUser {
  id: string;
  name: string;
}

/**
 * Display names for user ids, in one query. Every context may show names beside the ids it returns (identity is
 * leftmost); a view calls `names` once with all the ids it holds, not once per row.
 */
@Injectable()
export class UserNames {
  constructor(private readonly dataSource: DataSource) {}

  /** id → display name; unknown ids are absent. */
  async names(
    ids: Iterable<string | null | undefined>,
    em: EntityManager = this.dataSource.manager,
  ): Promise<Map<string, string>> {
    return userNames(em, ids);
  }
}

interface NameRow {
  id: string;
  display_name: string;
}

/** id → display name, in the caller's transaction (for code that runs outside Nest injection); unknown ids are absent. */
export async function userNames(em: SqlRunner, ids: Iterable<string | null | undefined>): Promise<Map<string, string>> {
  const unique = [...new Set([...ids].filter((id): id is string => typeof id === 'string' && id !== ''))];
  if (unique.length === 0) return new Map();
  const rows = await queryRows<NameRow>(em, `SELECT id, display_name FROM users WHERE id = ANY($1::uuid[])`, [unique]);
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

/** The name of a user id from a `UserNames.names` map; null for no id, '(unknown user)' for an id that is gone. */
export function nameIn(names: Map<string, string>, id: string | null): string | null {
  if (id === null) return null;
  return names.get(id) ?? '(unknown user)';
}
