import { queryRows } from '@ambidex/platform';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { containsPattern, DIRECTORY_DEFAULT_LIMIT, DIRECTORY_MAX_LIMIT } from './domain/directory-search';
import { normaliseRoles, Role } from './domain/roles';

/** A person as any signed-in user may see them when picking someone: no email, no account state. */
export interface DirectoryEntry {
  id: string;
  displayName: string;
  roles: Role[];
}

export interface DirectoryQuery {
  /** Part of the display name, any case. */
  q?: string;
  role?: Role;
  /** One person, to show the name of an id a link carries. */
  id?: string;
  limit?: number;
}

/**
 * Who can be named in a form (approver, owner, team member): active users only, by name. Emails stay out so the
 * directory is not a mailing list of the organisation; admins read them in user management.
 */
@Injectable()
export class UserDirectory {
  constructor(private readonly dataSource: DataSource) {}

  async search(query: DirectoryQuery): Promise<DirectoryEntry[]> {
    const text = query.q?.trim() ?? '';
    const limit = Math.min(Math.max(query.limit ?? DIRECTORY_DEFAULT_LIMIT, 1), DIRECTORY_MAX_LIMIT);
    const rows = await queryRows<DirectoryRow>(
      this.dataSource,
      `SELECT id, display_name, roles FROM users
        WHERE active
          AND ($1::text IS NULL OR display_name ILIKE $1 ESCAPE '\\')
          AND ($2::text IS NULL OR $2 = ANY(roles))
          AND ($4::uuid IS NULL OR id = $4)
        ORDER BY lower(display_name), id
        LIMIT $3`,
      [text === '' ? null : containsPattern(text), query.role ?? null, limit, query.id ?? null],
    );
    return rows.map(directoryEntry);
  }
}

interface DirectoryRow {
  id: string;
  display_name: string;
  roles: Role[];
}

function directoryEntry(row: DirectoryRow): DirectoryEntry {
  return { id: row.id, displayName: row.display_name, roles: normaliseRoles(row.roles) };
}
