/** The SQLSTATE of a PostgreSQL error, whether TypeORM wrapped it (QueryFailedError.driverError) or not. */
export function sqlState(error: unknown): string | undefined {
  const driverError = (error as { driverError?: { code?: unknown } } | null)?.driverError ?? error;
  const code = (driverError as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** insufficient_privilege: what the freeze triggers raise (process models, evidence snapshots, audit entries). */
export const REFUSED_BY_TRIGGER = '42501';
