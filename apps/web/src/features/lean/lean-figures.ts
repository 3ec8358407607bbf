import type { components } from '../../api/schema';

export type Step = components['schemas']['ValueStreamStepDto'];
export type Waste = components['schemas']['RaiseImprovementDto']['waste'];

export const WASTE_LABELS: Record<Waste, string> = {
  defects: 'Defects',
  overproduction: 'Overproduction',
  waiting: 'Waiting',
  non_utilised_talent: 'Non-utilised talent',
  transportation: 'Transportation',
  inventory: 'Inventory',
  motion: 'Motion',
  extra_processing: 'Extra-processing',
};

export const KIND_LABELS: Record<string, string> = {
  baseline: 'Baseline',
  measurement: 'Measurement',
  close: 'At an event’s close',
};

/** Minutes as a person reads them: 45 min, 3.5 h, 2.1 d. */
export function formatMinutes(minutes: number): string {
  if (minutes < 60) return `${round(minutes)} min`;
  if (minutes < 60 * 24) return `${round(minutes / 60)} h`;
  return `${round(minutes / (60 * 24))} d`;
}

/** A fraction as a percentage with one decimal; a dash when there is none. */
export function formatFraction(value: number | null): string {
  return value === null ? '—' : `${round(value * 100)} %`;
}

/** A signed change in lead time: "−1.7 h" is shorter (better). */
export function formatLeadTimeDelta(minutes: number): string {
  if (minutes === 0) return 'no change';
  return `${minutes < 0 ? '−' : '+'}${formatMinutes(Math.abs(minutes))}`;
}

/** A signed change in flow efficiency, in percentage points. */
export function formatPointsDelta(delta: number | null): string {
  if (delta === null) return '—';
  const points = round(delta * 100);
  return `${points > 0 ? '+' : points < 0 ? '−' : ''}${Math.abs(points)} pts`;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

/**
 * The points of a small line chart of lead time over time, in a box of `width` × `height` with `pad` around: time
 * runs left to right, a longer lead time sits higher. One point sits in the middle.
 */
export function leadTimeLine(
  points: { at: string; leadTime: number }[],
  width: number,
  height: number,
  pad = 4,
): { x: number; y: number }[] {
  if (points.length === 0) return [];
  const times = points.map((p) => new Date(p.at).getTime());
  const first = Math.min(...times);
  const span = Math.max(...times) - first;
  const top = Math.max(...points.map((p) => p.leadTime));
  return points.map((p, i) => ({
    x: span === 0 ? width / 2 : pad + (((times[i] ?? first) - first) / span) * (width - 2 * pad),
    y: top === 0 ? height - pad : height - pad - (p.leadTime / top) * (height - 2 * pad),
  }));
}

/** An empty step to start a form with. */
export const NEW_STEP: Step = { name: '', processTime: 0, waitingTime: 0, percentCompleteAccurate: 100 };
