import { formatDuration } from '../../ui/duration';

/**
 * How the dashboard writes its figures. Fixed locales, so a figure reads the same on every machine and in the tests;
 * a missing figure (null, NaN) is an en dash, never a zero.
 */
export const NONE = '–';

const integer = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });
const compact = new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 });
const oneDecimal = new Intl.NumberFormat('en', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const twoDecimals = new Intl.NumberFormat('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const dateTime = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
const date = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' });

export const isFigure = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

export const formatInt = (v: number | null | undefined): string => (isFigure(v) ? integer.format(v) : NONE);
export const formatCompact = (v: number | null | undefined): string => (isFigure(v) ? compact.format(v) : NONE);
export const formatDec2 = (v: number | null | undefined): string => (isFigure(v) ? twoDecimals.format(v) : NONE);

/** A 0–1 share as a percentage to one decimal at most: 0.6667 → "66.7%". */
export const formatPct = (v: number | null | undefined): string =>
  isFigure(v) ? `${Math.round(v * 1000) / 10}%` : NONE;

/** Axis ticks of a share: whole percent. */
export const formatPctTick = (v: number): string => `${Math.round(v * 100)}%`;

export const formatDays = (v: number | null | undefined): string => (isFigure(v) ? `${oneDecimal.format(v)} d` : NONE);

/** A duration in hours, written as the handover package writes it: 0.2 h → "12 minutes", 960 h → "40 days". */
export const formatHours = (v: number | null | undefined): string => (isFigure(v) ? formatDuration(v * 3_600) : NONE);

/** A shift of a share in percentage points, signed: 0.5 − 0.7 → "−20 pts". */
export function formatGap(share: number | null | undefined, target: number | null | undefined): string {
  if (!isFigure(share) || !isFigure(target)) return NONE;
  const points = Math.round((share - target) * 1000) / 10;
  return `${points > 0 ? '+' : ''}${points} pts`;
}

function parsed(value: string | null | undefined): Date | null {
  if (value === null || value === undefined || value === '') return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

export const formatDateTime = (v: string | null | undefined): string => {
  const d = parsed(v);
  return d === null ? NONE : dateTime.format(d);
};

/** A calendar day (YYYY-MM-DD or an instant) as the UTC day it names. */
export const formatDate = (v: string | null | undefined): string => {
  const d = parsed(v !== null && v !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v}T00:00:00Z` : v);
  return d === null ? NONE : date.format(d);
};

export function formatPeriod(from: string, to: string): string {
  if (from !== '' && to !== '') return `${formatDate(from)} – ${formatDate(to)}`;
  if (from !== '') return `since ${formatDate(from)}`;
  if (to !== '') return `until ${formatDate(to)}`;
  return 'all time';
}

/** Whole days past a deadline: "today", "1 day", "12 days". */
export function formatOverdue(deadlineAt: string, now: Date): string {
  const d = parsed(deadlineAt);
  if (d === null) return NONE;
  const days = Math.floor((now.getTime() - d.getTime()) / 86_400_000);
  if (days < 1) return 'today';
  return days === 1 ? '1 day' : `${days} days`;
}

export function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, Math.max(1, max - 1))}…` : text;
}
