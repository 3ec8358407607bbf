import { queryRows, SqlRunner } from '@ambidex/platform';
import type { ImprovementStatus, MeasurementKind, Waste } from './domain/lean-rules';
import { ImprovementNotFoundError, ValueStreamNotFoundError } from './domain/lean.errors';
import type { ValueStreamStep } from './domain/value-stream';

/** Typed reads of the context's own rows: the SQL names each column in camelCase, so the rows are the records. */

export interface ValueStreamRecord {
  id: string;
  processRecordId: string;
  packageId: string;
  name: string;
  ownerId: string;
  openedAt: Date;
  baselineAt: Date | null;
  measuredAt: Date | null;
  requestedPeriod: number | null;
}

const STREAM = `SELECT id, process_record_id AS "processRecordId", package_id AS "packageId", name, owner_id AS "ownerId",
  opened_at AS "openedAt", baseline_at AS "baselineAt", measured_at AS "measuredAt",
  requested_period AS "requestedPeriod" FROM value_streams`;

export async function selectValueStreams(
  sql: SqlRunner,
  where: string,
  params: readonly unknown[],
  tail = 'ORDER BY opened_at DESC',
): Promise<ValueStreamRecord[]> {
  return queryRows<ValueStreamRecord>(sql, `${STREAM} WHERE ${where} ${tail}`, params);
}

/** The value stream, locked FOR UPDATE when a use case is about to change it; not found is a 404. */
export async function loadValueStream(sql: SqlRunner, id: string, lock = false): Promise<ValueStreamRecord> {
  const [row] = await selectValueStreams(sql, 'id = $1', [id], lock ? 'FOR UPDATE' : '');
  if (row === undefined) throw new ValueStreamNotFoundError(id);
  return row;
}

export interface MeasurementRecord {
  id: string;
  valueStreamId: string;
  kind: MeasurementKind;
  period: number | null;
  steps: ValueStreamStep[];
  leadTime: number;
  processTime: number;
  flowEfficiency: number | null;
  rolledCa: number;
  improvementEventId: string | null;
  recordedBy: string;
  recordedAt: Date;
}

const MEASUREMENT = `SELECT id, value_stream_id AS "valueStreamId", kind, period, steps, lead_time AS "leadTime",
  process_time AS "processTime", flow_efficiency AS "flowEfficiency", rolled_ca AS "rolledCa",
  improvement_event_id AS "improvementEventId", recorded_by AS "recordedBy", recorded_at AS "recordedAt"
  FROM value_stream_measurements`;

export async function selectMeasurements(
  sql: SqlRunner,
  where: string,
  params: readonly unknown[],
): Promise<MeasurementRecord[]> {
  return queryRows<MeasurementRecord>(sql, `${MEASUREMENT} WHERE ${where} ORDER BY recorded_at, id`, params);
}

export async function baselineOf(sql: SqlRunner, valueStreamId: string): Promise<MeasurementRecord | undefined> {
  return (await selectMeasurements(sql, `value_stream_id = $1 AND kind = 'baseline'`, [valueStreamId]))[0];
}

export interface ImprovementRecord {
  id: string;
  number: string;
  valueStreamId: string;
  waste: Waste;
  problem: string;
  target: string;
  status: ImprovementStatus;
  raisedBy: string;
  raisedAt: Date;
  changeRequestId: string | null;
  changeDocumentId: string | null;
  closeMeasurementId: string | null;
  beforeLeadTime: number | null;
  beforeFlowEfficiency: number | null;
  closeNote: string | null;
  closedBy: string | null;
  closedAt: Date | null;
}

const IMPROVEMENT = `SELECT id, number, value_stream_id AS "valueStreamId", waste, problem, target, status,
  raised_by AS "raisedBy", raised_at AS "raisedAt", change_request_id AS "changeRequestId",
  change_document_id AS "changeDocumentId", close_measurement_id AS "closeMeasurementId",
  before_lead_time AS "beforeLeadTime", before_flow_efficiency AS "beforeFlowEfficiency", close_note AS "closeNote",
  closed_by AS "closedBy", closed_at AS "closedAt" FROM improvement_events`;

export async function selectImprovements(
  sql: SqlRunner,
  where: string,
  params: readonly unknown[],
  tail = 'ORDER BY raised_at DESC',
): Promise<ImprovementRecord[]> {
  return queryRows<ImprovementRecord>(sql, `${IMPROVEMENT} WHERE ${where} ${tail}`, params);
}

export async function loadImprovement(sql: SqlRunner, id: string, lock = false): Promise<ImprovementRecord> {
  const [row] = await selectImprovements(sql, 'id = $1', [id], lock ? 'FOR UPDATE' : '');
  if (row === undefined) throw new ImprovementNotFoundError(id);
  return row;
}

export interface ImprovementActionRecord {
  id: string;
  improvementEventId: string;
  text: string;
  ownerId: string;
  dueAt: Date;
  createdAt: Date;
  doneAt: Date | null;
  doneBy: string | null;
  doneNote: string | null;
  escalatedToOwnerAt: Date | null;
  escalatedToQualityAt: Date | null;
}

const ACTION = `SELECT id, improvement_event_id AS "improvementEventId", text, owner_id AS "ownerId", due_at AS "dueAt",
  created_at AS "createdAt", done_at AS "doneAt", done_by AS "doneBy", done_note AS "doneNote",
  escalated_to_owner_at AS "escalatedToOwnerAt", escalated_to_quality_at AS "escalatedToQualityAt"
  FROM improvement_actions`;

export async function actionsOfImprovement(sql: SqlRunner, eventId: string): Promise<ImprovementActionRecord[]> {
  return queryRows<ImprovementActionRecord>(
    sql,
    `${ACTION} WHERE improvement_event_id = $1 ORDER BY due_at, created_at`,
    [eventId],
  );
}

export async function loadImprovementAction(
  sql: SqlRunner,
  actionId: string,
): Promise<ImprovementActionRecord | undefined> {
  return (await queryRows<ImprovementActionRecord>(sql, `${ACTION} WHERE id = $1`, [actionId]))[0];
}

/** Open actions past their due date that still owe an escalation (to the owner, or to the quality heads). */
export async function overdueImprovementActions(
  sql: SqlRunner,
  qualityAfter: Date,
  limit: number,
): Promise<ImprovementActionRecord[]> {
  return queryRows<ImprovementActionRecord>(
    sql,
    `${ACTION} WHERE done_at IS NULL AND due_at < now()
        AND (escalated_to_owner_at IS NULL OR (escalated_to_quality_at IS NULL AND due_at < $1))
      ORDER BY due_at LIMIT $2`,
    [qualityAfter, limit],
  );
}
