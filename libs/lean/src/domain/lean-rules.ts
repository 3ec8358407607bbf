/** The eight wastes of Lean (DOWNTIME), the one an improvement event targets. */
export const WASTES = [
  'defects',
  'overproduction',
  'waiting',
  'non_utilised_talent',
  'transportation',
  'inventory',
  'motion',
  'extra_processing',
] as const;
export type Waste = (typeof WASTES)[number];

/** open: actions under way; closed: its effect measured against the baseline (frozen by the database). */
export const IMPROVEMENT_STATUSES = ['open', 'closed'] as const;
export type ImprovementStatus = (typeof IMPROVEMENT_STATUSES)[number];

/** baseline: once per value stream; measurement: the owner's periodic figures; close: taken when an event closes. */
export const MEASUREMENT_KINDS = ['baseline', 'measurement', 'close'] as const;
export type MeasurementKind = (typeof MEASUREMENT_KINDS)[number];

/** An overdue action goes to its owner first, and to the quality heads this many days after its due date. */
export const ESCALATE_TO_QUALITY_AFTER_DAYS = 3;

export const DAY_MS = 24 * 3600 * 1000;

/** KZ-0001, KZ-0042, KZ-12345: four digits at least. */
export function improvementNumber(sequence: number): string {
  return `KZ-${String(sequence).padStart(4, '0')}`;
}

/**
 * Measurement periods are fixed slices of time since the epoch, so every worker (and every retry) names the same
 * period the same way: the period is what makes "asked once" checkable.
 */
export function measurementPeriod(at: Date, intervalMs: number): number {
  return Math.floor(at.getTime() / intervalMs);
}

export function periodStart(period: number, intervalMs: number): Date {
  return new Date(period * intervalMs);
}

/** One job per value stream and period (no colon: BullMQ's job ids must not hold one). */
export function measurementJobId(valueStreamId: string, period: number): string {
  return `lean-measure-${valueStreamId}-${period}`;
}
