/** A figure of the pack as the console shows it: a label and either a value or nested figures. */
export type FigureNode =
  { kind: 'value'; label: string; value: string } | { kind: 'group'; label: string; children: FigureNode[] };

/** "medianTimeToControlledHours" → "Median time to controlled hours"; list items are numbered from 1. */
export function labelOf(key: string): string {
  if (/^\d+$/.test(key)) return `#${Number(key) + 1}`;
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
  return Object.entries(figures).map(([key, value]) => nodeOf(key, value));
}

function nodeOf(key: string, value: unknown): FigureNode {
  const label = labelOf(key);
  if (Array.isArray(value)) {
    if (value.length === 0) return { kind: 'value', label, value: 'none' };
    return { kind: 'group', label, children: value.map((item, i) => nodeOf(String(i), item)) };
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return { kind: 'value', label, value: 'none' };
    return { kind: 'group', label, children: entries.map(([k, v]) => nodeOf(k, v)) };
  }
  return { kind: 'value', label, value: valueOf(value) };
}
