import { queryRows, SqlRunner } from '@ambidex/platform';
import type { NcSeverity, NcSource, NcStatus } from './domain/nonconformity-rules';

/** Whole UTC days, half-open [fromDay, toDay): the reporting period of a review or a dashboard. */
export interface NcPeriod {
  fromDay: string;
  toDay: string;
}

/** For a management review (ISO 9001 9.3.2 c 4): nonconformities and corrective actions over a period. */
export interface NonconformityTrends {
  raised: number;
  raisedBySource: Record<string, number>;
  raisedBySeverity: Record<string, number>;
  closed: number;
  /** Open (not closed) at the end of the period. */
  openAtEnd: number;
  byMonth: { month: string; raised: number; closed: number }[];
  effectivenessChecks: { effective: number; ineffective: number };
  correctiveActions: { due: number; doneOnTime: number; doneLate: number; stillOpen: number };
}

export interface CustomerComplaintLine {
  id: string;
  number: string;
  status: NcStatus;
  severity: NcSeverity;
  raisedAt: string;
  description: string;
}

export async function nonconformityTrends(sql: SqlRunner, period: NcPeriod): Promise<NonconformityTrends> {
  const params = [period.fromDay, period.toDay];
  const inPeriod = (column: string): string => `${column} >= $1::date AND ${column} < $2::date`;
  const [totals] = await queryRows<{ raised: number; closed: number; open_at_end: number }>(
    sql,
    `SELECT count(*) FILTER (WHERE ${inPeriod('raised_at')})::int AS raised,
            count(*) FILTER (WHERE ${inPeriod('closed_at')})::int AS closed,
            count(*) FILTER (WHERE raised_at < $2::date AND (closed_at IS NULL OR closed_at >= $2::date))::int AS open_at_end
       FROM nonconformities WHERE raised_at < $2::date`,
    params,
  );
  const grouped = await queryRows<{ source: NcSource; severity: NcSeverity; n: number }>(
    sql,
    `SELECT source, severity, count(*)::int AS n FROM nonconformities WHERE ${inPeriod('raised_at')} GROUP BY source, severity`,
    params,
  );
  const months = await queryRows<{ month: string; raised: number; closed: number }>(
    sql,
    `SELECT to_char(m.month, 'YYYY-MM') AS month,
            count(*) FILTER (WHERE m.kind = 'raised')::int AS raised, count(*) FILTER (WHERE m.kind = 'closed')::int AS closed
       FROM (SELECT date_trunc('month', raised_at AT TIME ZONE 'UTC') AS month, 'raised' AS kind FROM nonconformities WHERE ${inPeriod('raised_at')}
             UNION ALL
             SELECT date_trunc('month', closed_at AT TIME ZONE 'UTC'), 'closed' FROM nonconformities WHERE ${inPeriod('closed_at')}) m
      GROUP BY m.month ORDER BY m.month`,
    params,
  );
  const [checks] = await queryRows<{ effective: number; ineffective: number }>(
    sql,
    `SELECT count(*) FILTER (WHERE effective)::int AS effective, count(*) FILTER (WHERE NOT effective)::int AS ineffective
       FROM nonconformity_effectiveness_checks WHERE ${inPeriod('checked_at')}`,
    params,
  );
  const [actions] = await queryRows<{ due: number; on_time: number; late: number; still_open: number }>(
    sql,
    `SELECT count(*)::int AS due, count(*) FILTER (WHERE done_at <= due_at)::int AS on_time,
            count(*) FILTER (WHERE done_at > due_at)::int AS late, count(*) FILTER (WHERE done_at IS NULL)::int AS still_open
       FROM nonconformity_actions WHERE ${inPeriod('due_at')}`,
    params,
  );
  const count = (key: 'source' | 'severity'): Record<string, number> =>
    grouped.reduce<Record<string, number>>((acc, r) => ({ ...acc, [r[key]]: (acc[r[key]] ?? 0) + r.n }), {});
  return {
    raised: totals?.raised ?? 0,
    raisedBySource: count('source'),
    raisedBySeverity: count('severity'),
    closed: totals?.closed ?? 0,
    openAtEnd: totals?.open_at_end ?? 0,
    byMonth: months,
    effectivenessChecks: { effective: checks?.effective ?? 0, ineffective: checks?.ineffective ?? 0 },
    correctiveActions: {
      due: actions?.due ?? 0,
      doneOnTime: actions?.on_time ?? 0,
      doneLate: actions?.late ?? 0,
      stillOpen: actions?.still_open ?? 0,
    },
  };
}

/** Customer feedback as recorded today: the NCs whose source is a customer complaint, raised in the period. */
export async function customerComplaints(
  sql: SqlRunner,
  period: NcPeriod,
  limit: number,
): Promise<{ total: number; complaints: CustomerComplaintLine[] }> {
  const [total] = await queryRows<{ n: number }>(
    sql,
    `SELECT count(*)::int AS n FROM nonconformities
      WHERE source = 'customer_complaint' AND raised_at >= $1::date AND raised_at < $2::date`,
    [period.fromDay, period.toDay],
  );
  const rows = await queryRows<{
    id: string;
    number: string;
    status: NcStatus;
    severity: NcSeverity;
    raised_at: Date;
    description: string;
  }>(
    sql,
    `SELECT id, number, status, severity, raised_at, left(description, 300) AS description FROM nonconformities
      WHERE source = 'customer_complaint' AND raised_at >= $1::date AND raised_at < $2::date
      ORDER BY raised_at DESC, number LIMIT $3`,
    [period.fromDay, period.toDay, limit],
  );
  return {
    total: total?.n ?? 0,
    complaints: rows.map((r) => ({
      id: r.id,
      number: r.number,
      status: r.status,
      severity: r.severity,
      raisedAt: r.raised_at.toISOString(),
      description: r.description,
    })),
  };
}
