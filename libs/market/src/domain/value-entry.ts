import { FieldProblem } from '@ambidex/platform/errors';
import { monthOf } from './market-period';

/** One product's realised value in one month, as entered or imported. */
export interface MonthValue {
  month: string;
  revenue: number;
  costSavings: number;
  customers: number;
}

/** Money up to numeric(16,2): at most 14 digits before the point. */
const MAX_MONEY = 99_999_999_999_999;
const MAX_CUSTOMERS = 2_000_000_000;

/** The problems of one month's figures, each under `prefix` + the field's name (prefix '' for a single entry). */
export function valueProblems(
  raw: { month: unknown; revenue: unknown; costSavings: unknown; customers: unknown },
  prefix = '',
  describe: (field: string) => string = (field) => field,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const month = typeof raw.month === 'string' ? monthOf(raw.month.trim()) : null;
  if (month === null)
    problems.push({ field: `${prefix}month`, reason: `${describe('month')} must be a month, YYYY-MM` });
  for (const field of ['revenue', 'costSavings'] as const) {
    const value = raw[field];
    if (typeof value === 'string')
      problems.push({
        field: `${prefix}${field}`,
        reason: `${describe(field)} must be a number such as 1234.50 (no spaces, separators or currency signs)`,
      });
    else if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > MAX_MONEY)
      problems.push({ field: `${prefix}${field}`, reason: `${describe(field)} must be an amount of 0 or more` });
    else if (Math.abs(value * 100 - Math.round(value * 100)) > 1e-6)
      problems.push({ field: `${prefix}${field}`, reason: `${describe(field)} has more than two decimals` });
  }
  const customers = raw.customers;
  if (typeof customers !== 'number' || !Number.isInteger(customers) || customers < 0 || customers > MAX_CUSTOMERS)
    problems.push({
      field: `${prefix}customers`,
      reason: `${describe('customers')} must be a whole number of 0 or more`,
    });
  return problems;
}

/** The CSV's columns, in any order; a header row names them. */
export const CSV_COLUMNS = { month: 'month', revenue: 'revenue', costSavings: 'cost_savings', customers: 'customers' };

/** At most this many rows in one upload: a product has one a month, so 100 years of months is plenty. */
export const MAX_CSV_ROWS = 1200;

export type CsvImport = { ok: true; values: MonthValue[] } | { ok: false; problems: FieldProblem[] };

/**
 * Reads a whole upload: a header (month, revenue, cost_savings, customers) and one row per month. Every row must be
 * valid and every month appear once, or nothing is imported; each problem names its row (1 = the first after the
 * header) and column as the field `csv.rows[N].column`.
 */
export function parseValueCsv(text: string): CsvImport {
  const lines = splitCsv(text.replace(/^\uFEFF/, ''));
  if (lines === null) return fail('csv', 'a quoted field is not closed');
  const rows = lines.filter((cells) => cells.some((c) => c.trim() !== ''));
  const header = rows.shift()?.map((c) => c.trim().toLowerCase()) ?? [];
  const missing = Object.values(CSV_COLUMNS).filter((c) => !header.includes(c));
  if (missing.length > 0) return fail('csv', `the header row must name the columns ${missing.join(', ')}`);
  if (rows.length === 0) return fail('csv', 'the file has no rows after its header');
  if (rows.length > MAX_CSV_ROWS) return fail('csv', `at most ${MAX_CSV_ROWS} rows in one upload`);
  const at = (cells: string[], column: string): string => (cells[header.indexOf(column)] ?? '').trim();
  const problems: FieldProblem[] = [];
  const values: MonthValue[] = [];
  const seen = new Map<string, number>();
  rows.forEach((cells, index) => {
    const n = index + 1;
    const raw = {
      month: at(cells, CSV_COLUMNS.month),
      revenue: amount(at(cells, CSV_COLUMNS.revenue)),
      costSavings: amount(at(cells, CSV_COLUMNS.costSavings)),
      customers: amount(at(cells, CSV_COLUMNS.customers)),
    };
    const rowProblems = valueProblems(
      raw,
      `csv.rows[${n}].`,
      (field) => `row ${n}, column ${CSV_COLUMNS[field as keyof typeof CSV_COLUMNS]}:`,
    );
    const month = monthOf(raw.month);
    if (rowProblems.length === 0 && month !== null) {
      const earlier = seen.get(month);
      if (earlier !== undefined)
        rowProblems.push({
          field: `csv.rows[${n}].month`,
          reason: `row ${n}, column month: ${month} is already in row ${earlier}`,
        });
      seen.set(month, n);
      values.push({
        month,
        revenue: raw.revenue as number,
        costSavings: raw.costSavings as number,
        customers: raw.customers as number,
      });
    }
    problems.push(...rowProblems);
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, values };
}

function fail(field: string, reason: string): CsvImport {
  return { ok: false, problems: [{ field, reason }] };
}

/** A CSV number: digits with an optional point; a thousands separator or a currency sign is refused, not guessed. */
function amount(text: string): number | string {
  return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
}

/** RFC 4180 rows: commas, double-quoted fields with "" for a quote, CRLF or LF; null when a quote is left open. */
function splitCsv(text: string): string[][] | null {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (quoted) return null;
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}
