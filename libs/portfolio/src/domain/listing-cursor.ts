/**
 * Keyset pagination of the initiative listing. A cursor is the last row's sort value and id, opaque to clients
 * (base64url of a small JSON array). It also names the sort it belongs to, so a cursor cannot be replayed
 * against another order and silently skip rows.
 */
export const INITIATIVE_SORTS = ['createdAt', 'updatedAt', 'title'] as const;
export type InitiativeSort = (typeof INITIATIVE_SORTS)[number];
export const SORT_DIRECTIONS = ['asc', 'desc'] as const;
export type SortDirection = (typeof SORT_DIRECTIONS)[number];

export interface ListingCursor {
  sort: InitiativeSort;
  direction: SortDirection;
  /** Timestamps as UTC ISO 8601 with microseconds (PostgreSQL's precision); titles as they are. */
  value: string;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const MAX_CURSOR_LENGTH = 4096;

export function encodeCursor(cursor: ListingCursor): string {
  return Buffer.from(JSON.stringify([cursor.sort, cursor.direction, cursor.value, cursor.id]), 'utf8').toString(
    'base64url',
  );
}

/** The cursor, or null when it is not one this API issued (malformed, tampered or too long). */
export function decodeCursor(raw: string): ListingCursor | null {
  if (raw.length === 0 || raw.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(raw)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || parsed.length !== 4) return null;
  const [sort, direction, value, id] = parsed as unknown[];
  if (!(INITIATIVE_SORTS as readonly unknown[]).includes(sort)) return null;
  if (!(SORT_DIRECTIONS as readonly unknown[]).includes(direction)) return null;
  if (typeof value !== 'string' || typeof id !== 'string' || !UUID.test(id)) return null;
  if (sort !== 'title' && !TIMESTAMP.test(value)) return null;
  return { sort: sort as InitiativeSort, direction: direction as SortDirection, value, id };
}

/** Escapes LIKE wildcards so a search for "50%" looks for the characters, not any suffix. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
