/**
 * Balance targets of a portfolio: shares in percent per bucket, each summing to 100 (e.g. 70/20/10 core,
 * adjacent, transformational). Pure: the service turns the problems into a 422.
 */
export const AMBITION_BUCKETS = ['core', 'adjacent', 'transformational'] as const;
export const HORIZON_BUCKETS = ['H1', 'H2', 'H3'] as const;

export type AmbitionShares = Record<(typeof AMBITION_BUCKETS)[number], number>;
export type HorizonShares = Record<(typeof HORIZON_BUCKETS)[number], number>;

export const DEFAULT_AMBITION_TARGETS: AmbitionShares = { core: 70, adjacent: 20, transformational: 10 };
export const DEFAULT_HORIZON_TARGETS: HorizonShares = { H1: 70, H2: 20, H3: 10 };

export interface TargetProblem {
  field: string;
  reason: string;
}

/** Shares may have decimals (33.3/33.3/33.4); the sum must be 100 to a thousandth. */
const TOLERANCE = 0.001;

export function checkShares(
  field: string,
  buckets: readonly string[],
  shares: Record<string, unknown>,
): TargetProblem[] {
  const problems: TargetProblem[] = [];
  let sum = 0;
  for (const bucket of buckets) {
    const value = shares[bucket];
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 100) {
      problems.push({ field: `${field}.${bucket}`, reason: 'must be a number from 0 to 100' });
    } else {
      sum += value;
    }
  }
  for (const key of Object.keys(shares)) {
    if (!buckets.includes(key)) problems.push({ field: `${field}.${key}`, reason: `only ${buckets.join(', ')} exist` });
  }
  if (problems.length === 0 && Math.abs(sum - 100) > TOLERANCE) {
    problems.push({ field, reason: `shares must sum to 100 (they sum to ${Math.round(sum * 1000) / 1000})` });
  }
  return problems;
}

export function checkTargets(targets: {
  ambitionTargets?: Record<string, unknown>;
  horizonTargets?: Record<string, unknown>;
}): TargetProblem[] {
  return [
    ...(targets.ambitionTargets === undefined
      ? []
      : checkShares('ambitionTargets', AMBITION_BUCKETS, targets.ambitionTargets)),
    ...(targets.horizonTargets === undefined
      ? []
      : checkShares('horizonTargets', HORIZON_BUCKETS, targets.horizonTargets)),
  ];
}
