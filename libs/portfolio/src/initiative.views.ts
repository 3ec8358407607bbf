import { DeliverableStatus } from './initiative-deliverable.entity';
import { Ambition, Horizon, InitiativeEntity, InnovationType, OriginType } from './initiative.entity';
import { expectedCommercialValue } from './domain/ecv';
import { Decision, Gate, InitiativeStatus, Stage } from './domain/stage-machine';
import { StageEventKind } from './stage-event.entity';

/** One row of the listing: what a table of initiatives shows, without the long texts. */
export interface InitiativeSummary {
  id: string;
  portfolioId: string;
  processModelId: string;
  title: string;
  ownerId: string;
  horizon: Horizon;
  ambition: Ambition;
  innovationType: InnovationType;
  stage: Stage;
  status: InitiativeStatus;
  holdUntil: Date | null;
  stageEnteredAt: Date;
  /** Expected commercial value, ((NPV × Pcs − C) × Pts) − D; null while an estimate is missing. */
  ecv: number | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

export interface DeliverableView {
  gate: Gate;
  key: string;
  name: string;
  status: DeliverableStatus;
  note: string | null;
  updatedBy: string | null;
  updatedAt: Date;
}

export interface StageEventView {
  seq: number;
  kind: StageEventKind;
  fromStage: Stage | null;
  fromStatus: InitiativeStatus | null;
  toStage: Stage;
  toStatus: InitiativeStatus;
  gate: Gate | null;
  decision: Decision | null;
  reviewId: string | null;
  actorId: string | null;
  actorLabel: string;
  reason: string | null;
  occurredAt: Date;
}

export interface DuplicateCandidate {
  id: string;
  portfolioId: string;
  title: string;
  stage: Stage;
  status: InitiativeStatus;
  /** pg_trgm similarity (0–1) of the closer of title and problem. */
  similarity: number;
}

/** complete is false when the search ran out of its time budget (very large portfolios); candidates are then empty. */
export interface DuplicateCheck {
  candidates: DuplicateCandidate[];
  complete: boolean;
}

/** Where operations fed the initiative from (ISO 56001 8.3.2): the record's type, id and own name (NC-0007). */
export interface InitiativeOrigin {
  type: OriginType;
  id: string;
  label: string | null;
}

export function originOf(row: {
  originType: OriginType | null;
  originId: string | null;
  originLabel: string | null;
}): InitiativeOrigin | null {
  return row.originType === null || row.originId === null
    ? null
    : { type: row.originType, id: row.originId, label: row.originLabel };
}

export interface InitiativeView extends InitiativeSummary {
  problem: string;
  valueHypothesis: string;
  strategicObjective: string | null;
  source: string | null;
  npv: number | null;
  probabilityCommercial: number | null;
  probabilityTechnical: number | null;
  commercializationCost: number | null;
  remainingDevelopmentCost: number | null;
  costToDate: number | null;
  /** Null for an initiative captured directly; set once, at creation, when operations raised it. */
  origin: InitiativeOrigin | null;
  processModel: { id: string; key: string; version: number };
  deliverables: DeliverableView[];
  history: StageEventView[];
}

/** The columns the listing reads; numerics as float8 so pg hands back numbers for the ECV. */
export const SUMMARY_COLUMNS = `id, portfolio_id AS "portfolioId", process_model_id AS "processModelId", title, owner_id AS "ownerId",
  horizon, ambition, innovation_type AS "innovationType", stage, status, hold_until AS "holdUntil",
  stage_entered_at AS "stageEnteredAt", created_at AS "createdAt", updated_at AS "updatedAt", version,
  npv::float8 AS npv, probability_commercial::float8 AS "probabilityCommercial", probability_technical::float8 AS "probabilityTechnical",
  commercialization_cost::float8 AS "commercializationCost", remaining_development_cost::float8 AS "remainingDevelopmentCost"`;

export type SummaryRow = Omit<InitiativeSummary, 'ecv'> &
  Pick<
    InitiativeView,
    'npv' | 'probabilityCommercial' | 'probabilityTechnical' | 'commercializationCost' | 'remainingDevelopmentCost'
  >;

export function summaryOf(row: SummaryRow): InitiativeSummary {
  return {
    id: row.id,
    portfolioId: row.portfolioId,
    processModelId: row.processModelId,
    title: row.title,
    ownerId: row.ownerId,
    horizon: row.horizon,
    ambition: row.ambition,
    innovationType: row.innovationType,
    stage: row.stage,
    status: row.status,
    holdUntil: row.holdUntil,
    stageEnteredAt: row.stageEnteredAt,
    ecv: expectedCommercialValue(row),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    version: row.version,
  };
}

/** The editable and financial facts of an initiative, as audited before and after a change. */
export function factsOf(initiative: InitiativeEntity): Record<string, unknown> {
  const {
    title,
    problem,
    valueHypothesis,
    ownerId,
    horizon,
    ambition,
    innovationType,
    strategicObjective,
    source,
    npv,
  } = initiative;
  const { probabilityCommercial, probabilityTechnical, commercializationCost, remainingDevelopmentCost, costToDate } =
    initiative;
  return {
    portfolioId: initiative.portfolioId,
    processModelId: initiative.processModelId,
    title,
    problem,
    valueHypothesis,
    ownerId,
    horizon,
    ambition,
    innovationType,
    strategicObjective,
    source,
    npv,
    probabilityCommercial,
    probabilityTechnical,
    commercializationCost,
    remainingDevelopmentCost,
    costToDate,
    stage: initiative.stage,
    status: initiative.status,
    version: initiative.version,
  };
}
