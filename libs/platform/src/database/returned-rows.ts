/**
 * The id an `INSERT … RETURNING id` gave back. PostgreSQL always returns the inserted row, so a missing one is an
 * invariant failure (a misbehaving driver or database), never a caller's mistake: it throws rather than carry on
 * with an empty id that would corrupt whatever is written next.
 */
export function returnedId(rows: unknown, what: string): string {
  const row = Array.isArray(rows) ? (rows[0] as { id?: unknown } | undefined) : undefined;
  const id = row?.id;
  if (typeof id !== 'string' || id === '') throw new Error(`Inserting ${what} returned no id`);
  return id;
}
