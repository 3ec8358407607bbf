/**
 * What a client is told when PostgreSQL refuses a value as invalid data (SQLSTATE class 22). The server's own message
 * is never passed on: it quotes the refused value and names internals (types, columns) that are not the API's words.
 */
const REFUSED_VALUE_DETAILS: Record<string, string> = {
  '22001': 'A text value is longer than its field allows',
  '22003': 'A number is out of range for its field',
  '22007': 'A date or time is malformed for its field',
  '22008': 'A date or time is out of range for its field',
  '22021': 'A text value holds a character that cannot be stored (such as a NUL character)',
  '22P02': 'A value is malformed for its field',
  '22P05': 'A text value holds a character that cannot be stored (such as a NUL character)',
};

/** 23514: a CHECK constraint refused the row, which the ingest reports per entry. */
const CHECK_VIOLATION = 'A value is outside what its field allows';

export function refusedValueDetail(sqlState: string): string {
  if (sqlState === '23514') return CHECK_VIOLATION;
  return REFUSED_VALUE_DETAILS[sqlState] ?? 'A value is out of range or malformed for its field';
}
