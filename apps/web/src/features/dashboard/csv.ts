import type { InsightInitiative } from './selections';

const COLUMNS = ['id', 'title', 'stage', 'status', 'ambition', 'horizon', 'ecv'] as const;

/**
 * One CSV cell by the API's export rules: RFC 4180 quoting, and a text that starts like a formula gets a leading
 * apostrophe so a spreadsheet does not run it.
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The listed initiatives as a CSV file (CRLF, header row). */
export function initiativesCsv(rows: readonly InsightInitiative[]): string {
  const lines = [COLUMNS.join(','), ...rows.map((r) => COLUMNS.map((c) => csvCell(r[c])).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}

/** "Kill at G1" → "initiatives-kill-at-g1.csv". */
export function csvFileName(title: string): string {
  const slug = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `initiatives-${slug || 'list'}.csv`;
}
