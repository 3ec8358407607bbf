/**
 * Test cards: a hypothesis tested against a threshold fixed before the experiment starts. Pure code.
 */
export const RISK_KINDS = ['desirability', 'feasibility', 'viability'] as const;
export type RiskKind = (typeof RISK_KINDS)[number];

export const ASSUMPTION_STATUSES = ['untested', 'validated', 'invalidated', 'inconclusive'] as const;
export type AssumptionStatus = (typeof ASSUMPTION_STATUSES)[number];

export const COMPARISONS = ['>=', '>', '<=', '<'] as const;
export type Comparison = (typeof COMPARISONS)[number];

export const EXPERIMENT_STATUSES = ['planned', 'running', 'completed'] as const;
export type ExperimentStatus = (typeof EXPERIMENT_STATUSES)[number];

export type ExperimentResult = 'validated' | 'invalidated' | 'inconclusive';

export interface Threshold {
  metric: string;
  comparison: Comparison;
  value: number;
  /** Below this many observations the result is inconclusive, whatever the value. */
  minimumSample: number;
}

export interface Observation {
  value: number;
  sampleSize: number;
}

export function evaluateExperiment(threshold: Threshold, observation: Observation): ExperimentResult {
  if (observation.sampleSize < threshold.minimumSample) return 'inconclusive';
  return meets(observation.value, threshold.comparison, threshold.value) ? 'validated' : 'invalidated';
}

function meets(value: number, comparison: Comparison, target: number): boolean {
  switch (comparison) {
    case '>=':
      return value >= target;
    case '>':
      return value > target;
    case '<=':
      return value <= target;
    case '<':
      return value < target;
  }
}

/**
 * An assumption's status from all the results of experiments that tested it, in order of completion: the latest
 * conclusive result wins; only inconclusive results leave it inconclusive; none leaves it untested.
 */
export function assumptionStatusFrom(results: readonly ExperimentResult[]): AssumptionStatus {
  if (results.length === 0) return 'untested';
  for (let i = results.length - 1; i >= 0; i -= 1) {
    const result = results[i];
    if (result === 'validated' || result === 'invalidated') return result;
  }
  return 'inconclusive';
}

export function describeThreshold(threshold: Threshold): string {
  return `${threshold.metric} ${threshold.comparison} ${threshold.value} (n ≥ ${threshold.minimumSample})`;
}
