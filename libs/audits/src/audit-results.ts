import { queryRows, SqlRunner } from '@ambidex/platform';
import type { AuditStatus } from './domain/audit-rules';

/** One audit planned for the period, with its findings counted by kind (for a management review, ISO 9001 9.3.2 c 6). */
export interface AuditResultLine {
  id: string;
  number: string;
  status: AuditStatus;
  plannedFor: string;
  scope: string;
  signedAt: string | null;
  findings: Record<string, number>;
}

export interface AuditResults {
  planned: number;
  signed: number;
  findings: Record<string, number>;
  audits: AuditResultLine[];
}

/** The audits planned for days in [fromDay, toDay), by date; findings only of signed reports (the others may change). */
export async function auditResults(
  sql: SqlRunner,
  period: { fromDay: string; toDay: string },
  limit: number,
): Promise<AuditResults> {
  const rows = await queryRows<{
    id: string;
    number: string;
    status: AuditStatus;
    planned_for: string;
    scope: string;
    signed_at: Date | null;
    findings: Record<string, number> | null;
  }>(
    sql,
    `SELECT a.id, a.number, a.status, a.planned_for::text AS planned_for, left(a.scope, 300) AS scope, a.signed_at,
            (SELECT jsonb_object_agg(f.finding, f.n) FROM (
               SELECT i.finding, count(*)::int AS n FROM internal_audit_items i
                WHERE i.audit_id = a.id AND i.finding IS NOT NULL AND a.status = 'signed' GROUP BY i.finding) f) AS findings
       FROM internal_audits a
      WHERE a.planned_for >= $1::date AND a.planned_for < $2::date
      ORDER BY a.planned_for, a.number LIMIT $3`,
    [period.fromDay, period.toDay, limit],
  );
  const audits = rows.map((r) => ({
    id: r.id,
    number: r.number,
    status: r.status,
    plannedFor: r.planned_for,
    scope: r.scope,
    signedAt: r.signed_at?.toISOString() ?? null,
    findings: r.findings ?? {},
  }));
  const findings: Record<string, number> = {};
  for (const a of audits)
    for (const [kind, n] of Object.entries(a.findings)) findings[kind] = (findings[kind] ?? 0) + n;
  return { planned: audits.length, signed: audits.filter((a) => a.status === 'signed').length, findings, audits };
}
