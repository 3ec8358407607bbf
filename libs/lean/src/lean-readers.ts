import { queryRows, SqlRunner } from '@ambidex/platform';
import type { ImprovementStatus, MeasurementKind, Waste } from './domain/lean-rules';
import { MeasuredEffect, measuredEffect } from './domain/value-stream';

/** For other contexts (the change request's side of the link): the improvement events that raised a change request. */
export interface ImprovementLink {
  id: string;
  number: string;
  status: ImprovementStatus;
}

export async function improvementsOfChangeRequest(sql: SqlRunner, changeRequestId: string): Promise<ImprovementLink[]> {
  return queryRows<ImprovementLink>(
    sql,
    `SELECT id, number, status FROM improvement_events WHERE change_request_id = $1 ORDER BY number`,
    [changeRequestId],
  );
}

/** One point of a process's figures over time: lead time in minutes, flow efficiency a fraction (null: no time). */
export interface LeanFigurePoint {
  kind: MeasurementKind;
  recordedAt: Date;
  leadTime: number;
  processTime: number;
  flowEfficiency: number | null;
  rolledPercentCompleteAccurate: number;
}

export interface ClosedImprovementFigures {
  id: string;
  number: string;
  waste: Waste;
  problem: string;
  target: string;
  closedAt: Date;
  effect: MeasuredEffect;
}

/** Per process: its baseline (whenever set), the measurements taken in the period, and the events closed in it. */
export interface ProcessLeanFigures {
  valueStreamId: string;
  processRecordId: string;
  processName: string;
  ownerId: string;
  baseline: LeanFigurePoint | null;
  measurements: LeanFigurePoint[];
  improvementsClosed: ClosedImprovementFigures[];
}

interface PointRow extends LeanFigurePoint {
  valueStreamId: string;
}

interface ClosedRow {
  valueStreamId: string;
  id: string;
  number: string;
  waste: Waste;
  problem: string;
  target: string;
  closedAt: Date;
  beforeLeadTime: number;
  beforeFlowEfficiency: number | null;
  afterLeadTime: number;
  afterFlowEfficiency: number | null;
}

/**
 * For the management review (ISO 9001 9.3.2 c, 10.3): every value stream's lead time and flow efficiency over the
 * period [from, to), against its baseline, and the improvement events closed in the period with their measured effect.
 * Takes the caller's EntityManager, so it reads inside the caller's transaction.
 */
export async function leanFiguresForPeriod(
  sql: SqlRunner,
  period: { from: Date; to: Date },
): Promise<ProcessLeanFigures[]> {
  const streams = await queryRows<{ id: string; processRecordId: string; name: string; ownerId: string }>(
    sql,
    `SELECT id, process_record_id AS "processRecordId", name, owner_id AS "ownerId" FROM value_streams
      WHERE opened_at < $1 ORDER BY name, id`,
    [period.to],
  );
  const points = await queryRows<PointRow>(
    sql,
    `SELECT value_stream_id AS "valueStreamId", kind, recorded_at AS "recordedAt", lead_time AS "leadTime",
            process_time AS "processTime", flow_efficiency AS "flowEfficiency",
            rolled_ca AS "rolledPercentCompleteAccurate"
       FROM value_stream_measurements
      WHERE kind = 'baseline' OR (recorded_at >= $1 AND recorded_at < $2)
      ORDER BY recorded_at, id`,
    [period.from, period.to],
  );
  const closed = await queryRows<ClosedRow>(
    sql,
    `SELECT e.value_stream_id AS "valueStreamId", e.id, e.number, e.waste, e.problem, e.target, e.closed_at AS "closedAt",
            e.before_lead_time AS "beforeLeadTime", e.before_flow_efficiency AS "beforeFlowEfficiency",
            m.lead_time AS "afterLeadTime", m.flow_efficiency AS "afterFlowEfficiency"
       FROM improvement_events e JOIN value_stream_measurements m ON m.id = e.close_measurement_id
      WHERE e.status = 'closed' AND e.closed_at >= $1 AND e.closed_at < $2
      ORDER BY e.closed_at, e.number`,
    [period.from, period.to],
  );
  return streams.map((s) => {
    const mine = points.filter((p) => p.valueStreamId === s.id).map(({ valueStreamId: _, ...point }) => point);
    const baseline = mine.find((p) => p.kind === 'baseline');
    return {
      valueStreamId: s.id,
      processRecordId: s.processRecordId,
      processName: s.name,
      ownerId: s.ownerId,
      baseline: baseline ?? null,
      measurements: mine.filter(
        (p) => p.kind !== 'baseline' && p.recordedAt >= period.from && p.recordedAt < period.to,
      ),
      improvementsClosed: closed
        .filter((c) => c.valueStreamId === s.id)
        .map((c) => ({
          id: c.id,
          number: c.number,
          waste: c.waste,
          problem: c.problem,
          target: c.target,
          closedAt: c.closedAt,
          effect: measuredEffect(
            { leadTime: c.beforeLeadTime, flowEfficiency: c.beforeFlowEfficiency },
            { leadTime: c.afterLeadTime, flowEfficiency: c.afterFlowEfficiency },
          ),
        })),
    };
  });
}
