/**
 * What of a database error may reach the log. Query parameters never do (they carry password hashes and document
 * bodies), nor PostgreSQL's `detail` (it repeats the offending key's value); a data exception's message quotes the
 * refused value after its colon, so only the part before it is kept.
 */
export interface SafeDatabaseError {
  message: string;
  code?: string;
  constraint?: string;
  table?: string;
  column?: string;
}

interface PgErrorFields {
  message?: unknown;
  code?: unknown;
  constraint?: unknown;
  table?: unknown;
  column?: unknown;
}

export function safeDatabaseError(error: unknown): SafeDatabaseError {
  const fields = (typeof error === 'object' && error !== null ? error : { message: String(error) }) as PgErrorFields;
  const code = typeof fields.code === 'string' ? fields.code : undefined;
  const message = typeof fields.message === 'string' ? fields.message : String(error);
  const safe: SafeDatabaseError = {
    message: code?.startsWith('22') === true ? (message.split(':')[0] ?? '') : message,
  };
  if (code !== undefined) safe.code = code;
  for (const key of ['constraint', 'table', 'column'] as const) {
    const value = fields[key];
    if (typeof value === 'string') safe[key] = value;
  }
  return safe;
}

/** An error as logged: the usual name, message and stack, with a database error's parameters and detail left out. */
export function serializeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: String(error) };
  const serialized: Record<string, unknown> = { type: error.name, message: error.message, stack: error.stack };
  const { code, driverError, cause } = error as { code?: unknown; driverError?: unknown; cause?: unknown };
  if (typeof code === 'string') serialized.code = code;
  if (driverError !== undefined) {
    const safe = safeDatabaseError(driverError);
    serialized.database = safe;
    serialized.message = safe.message;
    serialized.stack = error.stack?.replace(error.message, safe.message);
  }
  if (cause !== undefined) serialized.cause = serializeError(cause);
  return serialized;
}
