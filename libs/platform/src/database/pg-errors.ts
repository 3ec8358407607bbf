/** The SQLSTATE of a failed query, whether TypeORM wrapped the driver's error or not ('' when there is none). */
export function sqlStateOf(error: unknown): string {
  const wrapped = (error as { driverError?: { code?: unknown } } | null)?.driverError?.code;
  const bare = (error as { code?: unknown } | null)?.code;
  const code = wrapped ?? bare;
  return typeof code === 'string' ? code : '';
}

/** PostgreSQL's SQLSTATE for a unique violation; the constraint name tells which rule held. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const driverError = (error as { driverError?: { code?: string; constraint?: string } })?.driverError ?? error;
  const pg = driverError as { code?: string; constraint?: string };
  return pg?.code === '23505' && (constraint === undefined || pg.constraint === constraint);
}
