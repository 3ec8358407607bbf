import { DurationSummary, SeriesCount } from './domain/metrics';
import { BubbleRow, EcvRankingRow, InsightInitiativeRow, LearningFigures, ZombieRow } from './insights.views';

// The read model's rows as PostgreSQL returns them (numeric columns come as strings), and their mappers: only the
// camelCase views leave the queries.

const num = (value: unknown): number => Number(value);
const numOrNull = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

/** A click-through row: `initiative_id AS id`, title, stage, status, ambition, horizon, ecv. */
export interface InitiativeListRow {
  id: string;
  title: string;
  stage: string;
  status: string;
  ambition: string;
  horizon: string;
  ecv: string | null;
}

export function initiativeListItem(row: InitiativeListRow): InsightInitiativeRow {
  return { ...row, ecv: numOrNull(row.ecv) };
}

/** A series' running count before the period starts and before it ends. */
export interface SeriesCountRow {
  ambition: string;
  horizon: string;
  measure: string;
  before_from: number;
  before_to: number;
}

export function seriesCountOf(row: SeriesCountRow): SeriesCount {
  return {
    ambition: row.ambition,
    horizon: row.horizon,
    measure: row.measure,
    beforeFrom: row.before_from,
    beforeTo: row.before_to,
  };
}

/** Percentiles of one sample metric: `p` is [p50, p85]. */
export interface DurationRow {
  metric: string;
  samples: number;
  p: number[];
}

export function durationSummaryOf(row: DurationRow): DurationSummary {
  return { samples: row.samples, p50: row.p[0] ?? null, p85: row.p[1] ?? null };
}

export interface RankedInitiativeRow {
  initiative_id: string;
  title: string;
  ecv: string;
  stage: string;
  status: string;
}

export function ecvRankingOf(row: RankedInitiativeRow): EcvRankingRow {
  return { initiativeId: row.initiative_id, title: row.title, ecv: num(row.ecv), stage: row.stage, status: row.status };
}

export interface BubbleInitiativeRow {
  initiative_id: string;
  title: string;
  probability: string;
  ecv: string;
  remaining_cost: string;
  ambition: string;
}

export function bubbleOf(row: BubbleInitiativeRow): BubbleRow {
  return {
    initiativeId: row.initiative_id,
    title: row.title,
    probability: num(row.probability),
    ecv: num(row.ecv),
    remainingCost: num(row.remaining_cost),
    ambition: row.ambition,
  };
}

export interface ZombieCandidateRow {
  review_id: string;
  initiative_id: string;
  title: string;
  gate: string;
  deadline_at: Date;
}

export function zombieOf(row: ZombieCandidateRow): ZombieRow {
  return {
    initiativeId: row.initiative_id,
    title: row.title,
    reviewId: row.review_id,
    gate: row.gate,
    deadlineAt: row.deadline_at.toISOString(),
  };
}

/** Averages rounded by PostgreSQL (numeric, so strings); null when nothing was learned. */
export interface LearningAverageRow {
  velocity: string | null;
  cost: string | null;
}

export function learningFiguresOf(row: LearningAverageRow | undefined): LearningFigures {
  return { velocity: numOrNull(row?.velocity), costPerLearning: numOrNull(row?.cost) };
}
