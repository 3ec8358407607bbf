/**
 * A learning log file as the ingest API takes it: NDJSON (one entry per line) or CSV with a header row
 * (observed, belief, decision, confidence, and optionally experimentId, supersedes, idempotencyKey). Each entry
 * remembers the line it came from, so the API's refusals can be shown by line.
 */
export interface LogEntry {
  line: number;
  entry: Record<string, unknown>;
}

export class LogFileError extends Error {}

export function parseLearningLog(name: string, text: string, initiativeId: string): LogEntry[] {
  const entries = name.toLowerCase().endsWith('.csv') ? fromCsv(text) : fromNdjson(text);
  return entries.map(({ line, entry }) => ({ line, entry: { type: 'learning', initiativeId, ...entry } }));
}

function fromNdjson(text: string): LogEntry[] {
  const out: LogEntry[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    if (raw.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      throw new LogFileError(`Line ${i + 1} is not JSON`);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      throw new LogFileError(`Line ${i + 1} is not a JSON object`);
    out.push({ line: i + 1, entry: value as Record<string, unknown> });
  });
  return out;
}

function fromCsv(text: string): LogEntry[] {
  const rows = csvRows(text);
  const header = rows.shift();
  if (header === undefined) return [];
  const columns = header.cells.map((c) => c.trim());
  return rows
    .filter((row) => row.cells.some((c) => c.trim() !== ''))
    .map((row) => {
      const entry: Record<string, unknown> = {};
      columns.forEach((column, i) => {
        const cell = row.cells[i] ?? '';
        if (column !== '' && cell !== '') entry[column] = cell;
      });
      return { line: row.line, entry };
    });
}

/** RFC 4180: quoted cells may hold commas, quotes (doubled) and line breaks. */
export function csvRows(text: string): { line: number; cells: string[] }[] {
  const rows: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        cell += ch;
      }
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      cells.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      cells.push(cell);
      rows.push({ line: rowLine, cells });
      cells = [];
      cell = '';
      line++;
      rowLine = line;
    } else cell += ch;
  }
  if (quoted) throw new LogFileError('A quoted cell is not closed');
  if (cell !== '' || cells.length > 0) {
    cells.push(cell);
    rows.push({ line: rowLine, cells });
  }
  return rows;
}

/** A key per entry from its content: uploading the same file again stores nothing twice. */
export async function withContentKeys(entries: LogEntry[]): Promise<LogEntry[]> {
  return Promise.all(
    entries.map(async ({ line, entry }) => {
      if (typeof entry.idempotencyKey === 'string') return { line, entry };
      const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(JSON.stringify(entry)));
      const hex = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
      return { line, entry: { ...entry, idempotencyKey: `log-${hex.slice(0, 40)}` } };
    }),
  );
}
