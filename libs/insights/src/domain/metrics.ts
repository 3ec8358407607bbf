import {
  ACCEPTED_PACKAGE_STATUSES,
  CYCLE_STAGES,
  CycleStage,
  decisionMeasure,
  DECIDED_PACKAGE_STATUSES,
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
import { DayPeriod, dayBeforeEnd, dayInPeriod, utcDay } from './period';

/**
 * The metric definitions, as pure functions over the history. The read model computes the same definitions in SQL
 * at scale; test/insights/read-model.int.spec.ts proves both agree with a third, independently written SQL.
 * docs/metrics.md states each one in words.
 */

/** One row of stage_events. */
export interface HistoryEvent {
  initiativeId: string;
  seq: number;
  kind: string;
  fromStage: string | null;
  fromStatus: string | null;
  toStage: string;
  toStatus: string;
  gate: string | null;
  decision: string | null;
  occurredAt: Date;
}

/** An initiative is *in* a stage while its stage is that one and it is not killed (on hold and handed over count). */
export function isInStage(status: string | null): boolean {
  return status !== null && status !== 'killed';
}

/** The event brings the initiative into its to_stage: it was not in that stage before, and is after. */
export function entersStage(e: Pick<HistoryEvent, 'fromStage' | 'fromStatus' | 'toStage' | 'toStatus'>): boolean {
  return isInStage(e.toStatus) && (e.fromStage === null || e.fromStage !== e.toStage || !isInStage(e.fromStatus));
}

/** The event takes the initiative out of its from_stage: to another stage, or killed in place. */
export function leavesStage(e: Pick<HistoryEvent, 'fromStage' | 'fromStatus' | 'toStage' | 'toStatus'>): boolean {
  return e.fromStage !== null && isInStage(e.fromStatus) && (e.toStage !== e.fromStage || !isInStage(e.toStatus));
}

/** The measures one history event counts towards (0 to 3 of them). */
export function measuresOf(e: HistoryEvent): string[] {
  const measures: string[] = [];
  if (leavesStage(e)) measures.push(outflowMeasure(e.fromStage as string));
  if (entersStage(e)) measures.push(inflowMeasure(e.toStage));
  if (e.kind === 'decision' && e.gate !== null && e.decision !== null) measures.push(decisionMeasure(e.gate, e.decision));
  return measures;
}

/** A dated measure of one initiative, with the initiative's filter dimensions. */
export interface Mark {
  ambition: string;
  horizon: string;
  measure: string;
  day: string;
}

/** The handover package facts the metrics need. */
export interface PackageFacts {
  status: string;
  decidedAt: Date | null;
  controlledAt: Date | null;
  /** decided_at of the G3 review whose Go assembled the package. */
  finalGoAt: Date | null;
}

export function packageMarks(p: PackageFacts): string[] {
  if (p.decidedAt === null || !(DECIDED_PACKAGE_STATUSES as readonly string[]).includes(p.status)) return [];
  return (ACCEPTED_PACKAGE_STATUSES as readonly string[]).includes(p.status) ? [HANDOVER_DECIDED, HANDOVER_ACCEPTED] : [HANDOVER_DECIDED];
}

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

/** The in-memory equivalent of the cube query: marks folded into series counts for a period. */
export function seriesOf(marks: readonly Mark[], period: DayPeriod): SeriesCount[] {
  const byKey = new Map<string, SeriesCount>();
  for (const mark of marks) {
    const key = `${mark.ambition}|${mark.horizon}|${mark.measure}`;
    const row = byKey.get(key) ?? { ambition: mark.ambition, horizon: mark.horizon, measure: mark.measure, beforeFrom: 0, beforeTo: 0 };
    if (period.fromDay !== null && mark.day < period.fromDay) row.beforeFrom += 1;
    if (dayBeforeEnd(mark.day, period)) row.beforeTo += 1;
    byKey.set(key, row);
  }
  return [...byKey.values()];
}

const sum = (rows: readonly SeriesCount[], pick: (r: SeriesCount) => number): number => rows.reduce((s, r) => s + pick(r), 0);
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
    const count = (decision: string): number => sum(series.filter((r) => r.measure === decisionMeasure(gate, decision)), inPeriodCount);
    return gateRow(gate, { go: count('go'), conditional_go: count('conditional_go'), kill: count('kill'), hold: count('hold'), recycle: count('recycle') });
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

export function balanceRows(counts: Record<string, number>, buckets: readonly string[], targetsPercent: Record<string, number>): BalanceRow[] {
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
    ambition: balanceRows(live((r) => r.ambition), INSIGHT_AMBITIONS, targets.ambition),
    horizon: balanceRows(live((r) => r.horizon), INSIGHT_HORIZONS, targets.horizon),
  };
}

/* ------------------------------------------------------------------ */
/* handover counts                                                     */
/* ------------------------------------------------------------------ */

export function handoverCountsOf(series: readonly SeriesCount[]): { decided: number; accepted: number; acceptanceRate: number | null } {
  const decided = sum(series.filter((r) => r.measure === HANDOVER_DECIDED), inPeriodCount);
  const accepted = sum(series.filter((r) => r.measure === HANDOVER_ACCEPTED), inPeriodCount);
  return { decided, accepted, acceptanceRate: rate(accepted, decided) };
}

/* ------------------------------------------------------------------ */
/* durations                                                           */
/* ------------------------------------------------------------------ */

/** A completed stay in a stage: from entering it to entering the next one. */
export interface Passage {
  stage: CycleStage;
  seconds: number;
  /** UTC day the initiative left the stage: the period a passage belongs to. */
  endDay: string;
}

/**
 * Stage passages of one initiative: consecutive stage entries in its history (ordered by seq), each measured from
 * one entry to the next. A stay that ends in a kill, or has not ended, is not a passage.
 */
export function passagesOf(history: readonly HistoryEvent[]): Passage[] {
  const entries = [...history].sort((a, b) => a.seq - b.seq).filter(entersStage);
  const passages: Passage[] = [];
  for (let i = 0; i + 1 < entries.length; i++) {
    const entry = entries[i] as HistoryEvent;
    const next = entries[i + 1] as HistoryEvent;
    if (!(CYCLE_STAGES as readonly string[]).includes(entry.toStage)) continue;
    passages.push({
      stage: entry.toStage as CycleStage,
      seconds: (next.occurredAt.getTime() - entry.occurredAt.getTime()) / 1000,
      endDay: utcDay(next.occurredAt),
    });
  }
  return passages;
}

/**
 * Nearest-rank percentile (PostgreSQL's percentile_disc): the first value, in ascending order, whose position
 * reaches p of the count. Always a real sample, never an interpolation; null without samples.
 */
export function percentileDisc(ascending: readonly number[], p: number): number | null {
  if (ascending.length === 0) return null;
  const rank = Math.max(1, Math.ceil(p * ascending.length));
  return ascending[Math.min(rank, ascending.length) - 1] ?? null;
}

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

export function summarize(seconds: readonly number[]): DurationSummary {
  const sorted = [...seconds].sort((a, b) => a - b);
  return { samples: sorted.length, p50: percentileDisc(sorted, 0.5), p85: percentileDisc(sorted, 0.85) };
}

export function cycleTimeRow(stage: CycleStage, summary: DurationSummary | undefined): CycleTimeRow {
  return {
    stage,
    medianDays: summary?.p50 == null ? null : round(summary.p50 / SECONDS_PER_DAY, 2),
    p85Days: summary?.p85 == null ? null : round(summary.p85 / SECONDS_PER_DAY, 2),
    samples: summary?.samples ?? 0,
  };
}

/** Cycle time per stage over the passages that ended in the period. */
export function cycleTimesOf(passages: readonly Passage[], period: DayPeriod): CycleTimeRow[] {
  return CYCLE_STAGES.map((stage) =>
    cycleTimeRow(stage, summarize(passages.filter((p) => p.stage === stage && dayInPeriod(p.endDay, period)).map((p) => p.seconds))),
  );
}

/** Time-to-controlled of one package in seconds: from the final Go (G3) until the package became controlled. */
export function timeToControlledSeconds(p: PackageFacts): { seconds: number; endDay: string } | null {
  if (p.controlledAt === null || p.finalGoAt === null) return null;
  return { seconds: (p.controlledAt.getTime() - p.finalGoAt.getTime()) / 1000, endDay: utcDay(p.controlledAt) };
}

export function medianHours(summary: DurationSummary | undefined): number | null {
  return summary?.p50 == null ? null : round(summary.p50 / SECONDS_PER_HOUR, 2);
}

/** The median in whole seconds, for durations too short to show in hours. */
export function medianSeconds(summary: DurationSummary | undefined): number | null {
  return summary?.p50 == null ? null : Math.round(summary.p50);
}
