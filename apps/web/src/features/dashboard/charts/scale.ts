/** The arithmetic of the hand-drawn SVG charts: value axes with round ticks, bands for bars, bubble sizes. */

export interface Axis {
  /** The drawn range of values, from round tick to round tick. */
  min: number;
  max: number;
  ticks: number[];
}

/** 1, 2, 2.5 or 5 times a power of ten: the step between ticks a reader can add up in their head. */
export function niceStep(span: number, count: number): number {
  if (!(span > 0) || !(count > 0)) return 1;
  const raw = span / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / power;
  const nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10;
  return nice * power;
}

/** Floating-point noise off a tick (0.30000000000000004 → 0.3). */
const clean = (v: number): number => Number.parseFloat(v.toPrecision(12));

/**
 * An axis that holds every value and zero (bars grow from zero), widened to round ticks. `fixed` pins an end (shares
 * run 0–1); `integers` keeps counts from getting half-steps.
 */
export function valueAxis(
  values: readonly (number | null)[],
  options: { count?: number; min?: number; max?: number; integers?: boolean } = {},
): Axis {
  const figures = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  let low = Math.min(0, ...figures);
  let high = Math.max(0, ...figures);
  if (options.min !== undefined) low = options.min;
  if (options.max !== undefined) high = Math.max(options.max, high);
  if (high === low) high = low + 1;
  let step = niceStep(high - low, options.count ?? 5);
  if (options.integers === true) step = Math.max(1, Math.ceil(step));
  const min = options.min ?? clean(Math.floor(low / step) * step);
  const max = options.max !== undefined && options.max >= high ? options.max : clean(Math.ceil(high / step) * step);
  const ticks: number[] = [];
  for (let t = Math.ceil(min / step) * step; t <= max + step * 1e-9; t += step) ticks.push(clean(t));
  return { min, max, ticks };
}

/** Maps a value of [min, max] onto [from, to] (pixels); works either way round, so y can grow upwards. */
export function linear(axis: Pick<Axis, 'min' | 'max'>, from: number, to: number): (v: number) => number {
  const span = axis.max - axis.min || 1;
  return (v) => from + ((v - axis.min) / span) * (to - from);
}

export interface Band {
  /** Where the category's band starts, and its length. */
  start: number;
  length: number;
  /** Where bar `s` of the group starts, and the thickness of each bar. */
  bar: (s: number) => number;
  thickness: number;
}

/**
 * Lays out `categories` groups of `series` bars along `length` pixels: a fifth of each band is air, bars within a
 * group touch with a small gap, and no bar is thicker than `maxThickness`.
 */
export function bands(categories: number, series: number, length: number, maxThickness = 30): Band[] {
  if (categories <= 0) return [];
  const band = length / categories;
  const inner = band * 0.8;
  const gap = series > 1 ? Math.min(3, inner / series / 5) : 0;
  const thickness = Math.max(1, Math.min(maxThickness, (inner - gap * (series - 1)) / Math.max(series, 1)));
  const group = thickness * series + gap * (series - 1);
  return Array.from({ length: categories }, (_, i) => {
    const start = i * band;
    const first = start + (band - group) / 2;
    return { start, length: band, thickness, bar: (s: number) => first + s * (thickness + gap) };
  });
}

/** A bubble's radius: its area grows with the remaining cost, from 5 px (nothing left to spend) to 24 px (the biggest). */
export function bubbleRadius(cost: number, maxCost: number): number {
  if (!(maxCost > 0) || !Number.isFinite(cost)) return 7;
  return 5 + 19 * Math.sqrt(Math.max(cost, 0) / maxCost);
}

/** About how wide a label is in pixels at a font size, for reserving room beside an axis (no DOM measuring). */
export function textWidth(text: string, fontSize: number): number {
  return Math.ceil(text.length * fontSize * 0.58);
}
