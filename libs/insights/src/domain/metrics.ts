import {
  CycleStage,
  decisionMeasure,
  FUNNEL_STAGES,
  FunnelStage,
  HANDOVER_ACCEPTED,
  HANDOVER_DECIDED,
  inflowMeasure,
  INSIGHT_AMBITIONS,
  INSIGHT_DECISIONS,
  INSIGHT_GATES,
  INSIGHT_HORIZONS,
  InsightGate,
  outflowMeasure,
  PIPELINE_STAGES,
} from './measures';

/**
 * The metrics served from the read model's series counts and duration summaries. The refresh computes those in SQL
 * from the history; the same definitions written over the history in memory are a test oracle
 * (test/insights/metrics-oracle.ts). docs/metrics.md states each one in words.
 */

/**
 * Counts of one series (portfolio × ambition × horizon × measure) at the two ends of a period: everything before
 * the period starts, and everything before it ends. The read model answers these from running totals.
 */
export interface SeriesCount {
  ambition: string;
  horizon: string;
  measure: string;
  beforeFrom: number;
  beforeTo: number;
}

const sum = (rows: readonly SeriesCount[], pick: (r: SeriesCount) => number): number =>
  rows.reduce((s, r) => s + pick(r), 0);
const inPeriodCount = (r: SeriesCount): number => r.beforeTo - r.beforeFrom;

export function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor + 0;
}

/* ------------------------------------------------------------------ */
/* funnel                                                              */
/* ------------------------------------------------------------------ */

export interface FunnelRow {
  stage: FunnelStage;
  /** Initiatives in the stage at the end of the period. */
  current: number;
  /** Movements into the stage during the period. */
  inflow: number;
  /** Movements out of the stage (onwards, back, or killed) during the period. */
  outflow: number;
}

export function funnelOf(series: readonly SeriesCount[]): FunnelRow[] {
  return FUNNEL_STAGES.map((stage) => {
    const ins = series.filter((r) => r.measure === inflowMeasure(stage));
    const outs = series.filter((r) => r.measure === outflowMeasure(stage));
    return {
      stage,
      current: sum(ins, (r) => r.beforeTo) - sum(outs, (r) => r.beforeTo),
      inflow: sum(ins, inPeriodCount),
      outflow: sum(outs, inPeriodCount),
    };
  });
}

/* ------------------------------------------------------------------ */
/* gates                                                               */
/* ------------------------------------------------------------------ */

export interface GateRow {
  gate: InsightGate;
  decisions: number;
  go: number;
  conditionalGo: number;
  kill: number;
  hold: number;
  recycle: number;
  /** (go + conditional go) / decisions; null without decisions. */
  conversionRate: number | null;
  killRate: number | null;
  recycleRate: number | null;
  holdRate: number | null;
}

/** A rate 0–1 to four decimals; null when nothing was decided. */
export function rate(part: number, whole: number): number | null {
  return whole === 0 ? null : round(part / whole, 4);
}

export function gateRow(gate: InsightGate, counts: Record<(typeof INSIGHT_DECISIONS)[number], number>): GateRow {
  const decisions = INSIGHT_DECISIONS.reduce((s, d) => s + counts[d], 0);
  return {
    gate,
    decisions,
    go: counts.go,
    conditionalGo: counts.conditional_go,
    kill: counts.kill,
    hold: counts.hold,
    recycle: counts.recycle,
    conversionRate: rate(counts.go + counts.conditional_go, decisions),
    killRate: rate(counts.kill, decisions),
    recycleRate: rate(counts.recycle, decisions),
    holdRate: rate(counts.hold, decisions),
  };
}

export function gatesOf(series: readonly SeriesCount[]): GateRow[] {
  return INSIGHT_GATES.map((gate) => {
    const count = (decision: string): number =>
      sum(
        series.filter((r) => r.measure === decisionMeasure(gate, decision)),
        inPeriodCount,
      );
    return gateRow(gate, {
      go: count('go'),
      conditional_go: count('conditional_go'),
      kill: count('kill'),
      hold: count('hold'),
      recycle: count('recycle'),
    });
  });
}

/* ------------------------------------------------------------------ */
/* balance                                                             */
/* ------------------------------------------------------------------ */

export interface BalanceRow {
  bucket: string;
  /** Initiatives in the pipeline (explore to handover, not killed) at the end of the period. */
  count: number;
  /** count / all counted, 0–1. */
  share: number;
  /** The portfolio's target share, 0–1. */
  target: number;
}

export interface Balance {
  ambition: BalanceRow[];
  horizon: BalanceRow[];
}

export function balanceRows(
  counts: Record<string, number>,
  buckets: readonly string[],
  targetsPercent: Record<string, number>,
): BalanceRow[] {
  const total = buckets.reduce((s, b) => s + (counts[b] ?? 0), 0);
  return buckets.map((bucket) => ({
    bucket,
    count: counts[bucket] ?? 0,
    share: total === 0 ? 0 : round((counts[bucket] ?? 0) / total, 4),
    target: round((targetsPercent[bucket] ?? 0) / 100, 4),
  }));
}

export function balanceOf(
  series: readonly SeriesCount[],
  targets: { ambition: Record<string, number>; horizon: Record<string, number> },
): Balance {
  const live = (pick: (r: SeriesCount) => string): Record<string, number> => {
    const counts: Record<string, number> = {};
    for (const r of series) {
      const stage = PIPELINE_STAGES.find((s) => r.measure === inflowMeasure(s) || r.measure === outflowMeasure(s));
      if (stage === undefined) continue;
      counts[pick(r)] = (counts[pick(r)] ?? 0) + (r.measure === inflowMeasure(stage) ? r.beforeTo : -r.beforeTo);
    }
    return counts;
  };
  return {
    ambition: balanceRows(
      live((r) => r.ambition),
      INSIGHT_AMBITIONS,
      targets.ambition,
    ),
    horizon: balanceRows(
      live((r) => r.horizon),
      INSIGHT_HORIZONS,
      targets.horizon,
    ),
  };
}

/* ------------------------------------------------------------------ */
/* handover counts                                                     */
/* ------------------------------------------------------------------ */

export function handoverCountsOf(series: readonly SeriesCount[]): {
  decided: number;
  accepted: number;
  acceptanceRate: number | null;
} {
  const decided = sum(
    series.filter((r) => r.measure === HANDOVER_DECIDED),
    inPeriodCount,
  );
  const accepted = sum(
    series.filter((r) => r.measure === HANDOVER_ACCEPTED),
    inPeriodCount,
  );
  return { decided, accepted, acceptanceRate: rate(accepted, decided) };
}

/* ------------------------------------------------------------------ */
/* durations                                                           */
/* ------------------------------------------------------------------ */

export const SECONDS_PER_DAY = 86_400;
export const SECONDS_PER_HOUR = 3_600;

export interface CycleTimeRow {
  stage: CycleStage;
  medianDays: number | null;
  p85Days: number | null;
  samples: number;
}

/** Percentiles of one sample set, as the read model stores them (seconds). */
export interface DurationSummary {
  samples: number;
  p50: number | null;
  p85: number | null;
}

export function cycleTimeRow(stage: CycleStage, summary: DurationSummary | undefined): CycleTimeRow {
  return {
    stage,
    medianDays: summary?.p50 == null ? null : round(summary.p50 / SECONDS_PER_DAY, 2),
    p85Days: summary?.p85 == null ? null : round(summary.p85 / SECONDS_PER_DAY, 2),
    samples: summary?.samples ?? 0,
  };
}

export function medianHours(summary: DurationSummary | undefined): number | null {
  return summary?.p50 == null ? null : round(summary.p50 / SECONDS_PER_HOUR, 2);
}

/** The median in whole seconds, for durations too short to show in hours. */
export function medianSeconds(summary: DurationSummary | undefined): number | null {
  return summary?.p50 == null ? null : Math.round(summary.p50);
}

/* operations feed innovation                                          */

/**
 * Operations feed innovation (ISO 56001 8.3.2), over the initiatives created in the period: how many, how many of
 * them operations raised (an NC, a customer complaint, ...), that share, and the median days from creation to the
 * first gate decision of those operations raised (over the ones decided so far).
 */
export interface OperationsFigures {
  newInitiatives: number;
  fromOperations: number;
  share: number | null;
  /** How many of those operations raised have had a gate decision: the median's sample. */
  decided: number;
  medianDaysToFirstDecision: number | null;
}

export function operationsFiguresOf(counts: {
  newInitiatives: number;
  fromOperations: number;
  decided: number;
  medianSeconds: number | null;
}): OperationsFigures {
  return {
    newInitiatives: counts.newInitiatives,
    fromOperations: counts.fromOperations,
    share: rate(counts.fromOperations, counts.newInitiatives),
    decided: counts.decided,
    medianDaysToFirstDecision: counts.medianSeconds === null ? null : round(counts.medianSeconds / SECONDS_PER_DAY, 2),
  };
}
