import { SqlRunner } from '@ambidex/platform';
import { DeliverableStatus } from './initiative-deliverable.entity';
import { OriginType } from './initiative.entity';
import {
  InitiativeOrigin,
  InitiativeSummary,
  InitiativeView,
  originOf,
  StageEventView,
  SUMMARY_COLUMNS,
  SummaryRow,
  summaryOf,
} from './initiative.views';
import { Gate } from './domain/stage-machine';

// What other contexts read about initiatives, in the caller's transaction, instead of SQL on portfolio's tables.

/** An initiative with the texts and financials a review's evidence and a handover package are made from. */
export type InitiativeDetails = InitiativeSummary &
  Pick<
    InitiativeView,
    | 'problem'
    | 'valueHypothesis'
    | 'strategicObjective'
    | 'source'
    | 'npv'
    | 'probabilityCommercial'
    | 'probabilityTechnical'
    | 'commercializationCost'
    | 'remainingDevelopmentCost'
    | 'costToDate'
  >;

/** A deliverable as a gate judges it. */
export interface GateDeliverable {
  gate: Gate;
  key: string;
  name: string;
  status: DeliverableStatus;
  note: string | null;
}

interface IdRow {
  id: string;
}

/** id → summary of the initiatives among these ids that exist. */
export async function initiativeSummaries(
  sql: SqlRunner,
  ids: Iterable<string>,
): Promise<Map<string, InitiativeSummary>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = (await sql.query(`SELECT ${SUMMARY_COLUMNS} FROM initiatives WHERE id = ANY($1::uuid[])`, [
    unique,
  ])) as SummaryRow[];
  return new Map(rows.map((row) => [row.id, summaryOf(row)]));
}

/** One initiative's summary; null when there is none. */
export async function initiativeSummary(sql: SqlRunner, id: string): Promise<InitiativeSummary | null> {
  return (await initiativeSummaries(sql, [id])).get(id) ?? null;
}

type DetailsRow = SummaryRow &
  Pick<InitiativeDetails, 'problem' | 'valueHypothesis' | 'strategicObjective' | 'source' | 'costToDate'>;

/** One initiative with its texts and financials; null when there is none. */
export async function initiativeDetails(sql: SqlRunner, id: string): Promise<InitiativeDetails | null> {
  const [row] = (await sql.query(
    `SELECT ${SUMMARY_COLUMNS}, problem, value_hypothesis AS "valueHypothesis", strategic_objective AS "strategicObjective",
            source, cost_to_date::float8 AS "costToDate"
       FROM initiatives WHERE id = $1`,
    [id],
  )) as DetailsRow[];
  return row === undefined ? null : detailsOf(row);
}

function detailsOf(row: DetailsRow): InitiativeDetails {
  return {
    ...summaryOf(row),
    problem: row.problem,
    valueHypothesis: row.valueHypothesis,
    strategicObjective: row.strategicObjective,
    source: row.source,
    npv: row.npv,
    probabilityCommercial: row.probabilityCommercial,
    probabilityTechnical: row.probabilityTechnical,
    commercializationCost: row.commercializationCost,
    remainingDevelopmentCost: row.remainingDevelopmentCost,
    costToDate: row.costToDate,
  };
}

/** An initiative's deliverables (of one gate, when given), by gate then key. */
export async function initiativeDeliverables(
  sql: SqlRunner,
  initiativeId: string,
  gate?: Gate,
): Promise<GateDeliverable[]> {
  const rows = (await sql.query(
    `SELECT gate, key, name, status, note FROM initiative_deliverables
      WHERE initiative_id = $1 AND ($2::text IS NULL OR gate = $2) ORDER BY gate, key`,
    [initiativeId, gate ?? null],
  )) as GateDeliverable[];
  return rows.map((row) => ({ gate: row.gate, key: row.key, name: row.name, status: row.status, note: row.note }));
}

interface StageEventRow {
  seq: number;
  kind: StageEventView['kind'];
  from_stage: StageEventView['fromStage'];
  from_status: StageEventView['fromStatus'];
  to_stage: StageEventView['toStage'];
  to_status: StageEventView['toStatus'];
  gate: StageEventView['gate'];
  decision: StageEventView['decision'];
  review_id: string | null;
  actor_id: string | null;
  actor_label: string;
  reason: string | null;
  occurred_at: Date;
}

/** An initiative's stage history, oldest first. */
export async function stageHistory(sql: SqlRunner, initiativeId: string): Promise<StageEventView[]> {
  const rows = (await sql.query(
    `SELECT seq, kind, from_stage, from_status, to_stage, to_status, gate, decision, review_id, actor_id, actor_label, reason, occurred_at
       FROM stage_events WHERE initiative_id = $1 ORDER BY seq`,
    [initiativeId],
  )) as StageEventRow[];
  return rows.map(stageEventOf);
}

function stageEventOf(row: StageEventRow): StageEventView {
  return {
    seq: row.seq,
    kind: row.kind,
    fromStage: row.from_stage,
    fromStatus: row.from_status,
    toStage: row.to_stage,
    toStatus: row.to_status,
    gate: row.gate,
    decision: row.decision,
    reviewId: row.review_id,
    actorId: row.actor_id,
    actorLabel: row.actor_label,
    reason: row.reason,
    occurredAt: row.occurred_at,
  };
}

/** Initiatives on hold whose hold has run out (the sweeper resumes them), by id. */
export async function initiativesWithExpiredHold(sql: SqlRunner, limit: number): Promise<string[]> {
  const rows = (await sql.query(
    `SELECT id FROM initiatives WHERE status = 'on_hold' AND hold_until <= now() ORDER BY id LIMIT $1`,
    [limit],
  )) as IdRow[];
  return rows.map((r) => r.id);
}

/** Where operations raised the initiative from (ISO 56001 8.3.2); null when captured directly or when there is none. */
export async function initiativeOrigin(sql: SqlRunner, id: string): Promise<InitiativeOrigin | null> {
  const [row] = (await sql.query(
    `SELECT origin_type AS "originType", origin_id AS "originId", origin_label AS "originLabel"
       FROM initiatives WHERE id = $1`,
    [id],
  )) as { originType: OriginType | null; originId: string | null; originLabel: string | null }[];
  return row === undefined ? null : originOf(row);
}
