import {
  ACCEPTED_PACKAGE_STATUSES,
  CYCLE_STAGES,
  CycleStage,
  CycleTimeRow,
  cycleTimeRow,
  DayPeriod,
  dayBeforeEnd,
  dayInPeriod,
  DECIDED_PACKAGE_STATUSES,
  decisionMeasure,
  DurationSummary,
  HANDOVER_ACCEPTED,
  HANDOVER_DECIDED,
  inflowMeasure,
  OperationsFigures,
  operationsFiguresOf,
  outflowMeasure,
  SeriesCount,
  utcDay,
} from '@ambidex/insights';

/**
 * The metric definitions written as plain functions over the history, kept only as a test oracle: the refresh
 * (libs/insights/src/insights-refresh.ts) computes the same definitions in SQL at scale, and
 * read-model.int.spec.ts proves the served figures equal these applied in memory and a third, independently written
 * SQL (./direct-computation.ts). docs/metrics.md states each one in words.
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
  if (e.kind === 'decision' && e.gate !== null && e.decision !== null)
    measures.push(decisionMeasure(e.gate, e.decision));
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
  return (ACCEPTED_PACKAGE_STATUSES as readonly string[]).includes(p.status)
    ? [HANDOVER_DECIDED, HANDOVER_ACCEPTED]
    : [HANDOVER_DECIDED];
}

/** The in-memory equivalent of the cube query: marks folded into series counts for a period. */
export function seriesOf(marks: readonly Mark[], period: DayPeriod): SeriesCount[] {
  const byKey = new Map<string, SeriesCount>();
  for (const mark of marks) {
    const key = `${mark.ambition}|${mark.horizon}|${mark.measure}`;
    const row = byKey.get(key) ?? {
      ambition: mark.ambition,
      horizon: mark.horizon,
      measure: mark.measure,
      beforeFrom: 0,
      beforeTo: 0,
    };
    if (period.fromDay !== null && mark.day < period.fromDay) row.beforeFrom += 1;
    if (dayBeforeEnd(mark.day, period)) row.beforeTo += 1;
    byKey.set(key, row);
  }
  return [...byKey.values()];
}

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

export function summarize(seconds: readonly number[]): DurationSummary {
  const sorted = [...seconds].sort((a, b) => a - b);
  return { samples: sorted.length, p50: percentileDisc(sorted, 0.5), p85: percentileDisc(sorted, 0.85) };
}

/** Cycle time per stage over the passages that ended in the period. */
export function cycleTimesOf(passages: readonly Passage[], period: DayPeriod): CycleTimeRow[] {
  return CYCLE_STAGES.map((stage) =>
    cycleTimeRow(
      stage,
      summarize(passages.filter((p) => p.stage === stage && dayInPeriod(p.endDay, period)).map((p) => p.seconds)),
    ),
  );
}

/** Time-to-controlled of one package in seconds: from the final Go (G3) until the package became controlled. */
export function timeToControlledSeconds(p: PackageFacts): { seconds: number; endDay: string } | null {
  if (p.controlledAt === null || p.finalGoAt === null) return null;
  return { seconds: (p.controlledAt.getTime() - p.finalGoAt.getTime()) / 1000, endDay: utcDay(p.controlledAt) };
}

/** An initiative as the operations figures see it: when it was created, whether operations raised it, its history. */
export interface InitiativeOrigins {
  createdAt: Date;
  fromOperations: boolean;
  history: readonly HistoryEvent[];
}

/** A gate decision: a decision event naming both its gate and its decision (the same events the gate rates count). */
export function isGateDecision(e: HistoryEvent): boolean {
  return e.kind === 'decision' && e.gate !== null && e.decision !== null;
}

/**
 * Operations feed innovation: the initiatives created in the period (by UTC day), the share operations raised, and
 * the median (nearest rank) of creation → first gate decision over those operations raised that have had one.
 */
export function operationsOf(initiatives: readonly InitiativeOrigins[], period: DayPeriod): OperationsFigures {
  const created = initiatives.filter((i) => dayInPeriod(utcDay(i.createdAt), period));
  const raised = created.filter((i) => i.fromOperations);
  const waits = raised.flatMap((i) => {
    const first = i.history.filter(isGateDecision).sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime())[0];
    return first === undefined ? [] : [(first.occurredAt.getTime() - i.createdAt.getTime()) / 1000];
  });
  return operationsFiguresOf({
    newInitiatives: created.length,
    fromOperations: raised.length,
    decided: waits.length,
    medianSeconds: percentileDisc(
      waits.sort((a, b) => a - b),
      0.5,
    ),
  });
}
