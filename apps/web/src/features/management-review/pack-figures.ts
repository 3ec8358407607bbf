/** A figure of the pack as the console shows it: a label and either a value or nested figures. */
export type FigureNode =
  | { kind: 'value'; label: string; value: string }
  | { kind: 'group'; label: string; children: FigureNode[] }
  | { kind: 'table'; label: string; columns: string[]; headers: string[]; rows: string[][] };

/** "medianTimeToControlledHours" → "Median time to controlled hours"; list items are numbered from 1. */
export function labelOf(key: string): string {
  if (/^\d+$/.test(key)) return `#${Number(key) + 1}`;
  if (/\s/.test(key) || /[A-Z]{2}/.test(key)) return key;
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function valueOf(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : value.toFixed(2);
  return String(value);
}

/**
 * The pack's figures are plain JSON of any shape (each section its own): objects become labelled groups, arrays
 * numbered groups, empty lists "none".
 */
export function figureNodes(figures: Record<string, unknown>): FigureNode[] {
  return Object.entries(figures)
    .filter(([key]) => !isId(key))
    .map(([key, value]) => nodeOf(key, value));
}

/** Ids are for links, not for reading: the console leaves them out of the figures. */
const isId = (key: string): boolean => key === 'id' || key.endsWith('Id');

function nodeOf(key: string, value: unknown): FigureNode {
  const label = labelOf(key);
  if (Array.isArray(value)) {
    if (value.length === 0) return { kind: 'value', label, value: 'none' };
    const table = tableOf(label, value);
    if (table !== null) return table;
    return { kind: 'group', label, children: value.map((item, i) => nodeOf(nameOf(item) ?? String(i), item)) };
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([k]) => !isId(k));
    if (entries.length === 0) return { kind: 'value', label, value: 'none' };
    return { kind: 'group', label, children: entries.map(([k, v]) => nodeOf(k, v)) };
  }
  return { kind: 'value', label, value: valueOf(value) };
}

const isFlatRecord = (item: unknown): item is Record<string, unknown> =>
  item !== null &&
  typeof item === 'object' &&
  !Array.isArray(item) &&
  Object.values(item).every((v) => v === null || typeof v !== 'object');

/** A list of flat records (funnel rows, actions, audits) reads best as a table, one column per key. */
function tableOf(label: string, items: unknown[]): FigureNode | null {
  if (!items.every(isFlatRecord)) return null;
  const columns = [...new Set(items.flatMap((item) => Object.keys(item)))].filter(
    (c) => c !== 'id' && !c.endsWith('Id'),
  );
  if (columns.length === 0) return null;
  return {
    kind: 'table',
    label,
    columns,
    headers: columns.map(labelOf),
    rows: items.map((item) => columns.map((c) => valueOf(item[c]))),
  };
}

/** A list item named by what it is about (a portfolio, a numbered record) rather than its position. */
function nameOf(item: unknown): string | null {
  if (item === null || typeof item !== 'object') return null;
  const record = item as { portfolio?: { name?: unknown }; number?: unknown; title?: unknown };
  const name = record.portfolio?.name ?? record.number ?? record.title;
  return typeof name === 'string' ? name : null;
}
