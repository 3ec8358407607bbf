/**
 * RFC 4180 CSV: comma-separated, CRLF line ends, fields quoted when they hold a comma, quote or line break. Text
 * cells that a spreadsheet would run as a formula (starting with = + - @, tab or carriage return) get a leading
 * apostrophe (OWASP "CSV injection"); numbers are written as numbers, negative ones included.
 */
export type CsvValue = string | number | null | undefined;

export interface CsvColumn<T> {
  header: string;
  /** 'text' cells are user content and get formula protection; 'value' cells are numbers, ids, enums, dates. */
  kind: 'text' | 'value';
  value: (row: T) => CsvValue;
}

const NEEDS_QUOTES = /[",\r\n]/;
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: CsvValue, kind: 'text' | 'value' = 'value'): string {
  if (value === null || value === undefined) return '';
  let text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : value;
  if (kind === 'text' && FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvHeader<T>(columns: readonly CsvColumn<T>[]): string {
  return `${columns.map((c) => csvCell(c.header)).join(',')}\r\n`;
}

export function csvLine<T>(columns: readonly CsvColumn<T>[], row: T): string {
  return `${columns.map((c) => csvCell(c.value(row), c.kind)).join(',')}\r\n`;
}

export function toCsv<T>(columns: readonly CsvColumn<T>[], rows: readonly T[]): string {
  return csvHeader(columns) + rows.map((row) => csvLine(columns, row)).join('');
}
