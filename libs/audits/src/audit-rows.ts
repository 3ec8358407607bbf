import { queryRows, SqlRunner } from '@ambidex/platform';
import type { AuditStatus, AuditSubjectType, FindingKind } from './domain/audit-rules';
import { AuditNotFoundError } from './domain/audit.errors';

/** Typed reads of the context's own rows, camelCase out. */

export interface AuditRecord {
  id: string;
  number: string;
  status: AuditStatus;
  plannedFor: string;
  scope: string;
  subjectType: AuditSubjectType | null;
  subjectId: string | null;
  clauses: string[];
  auditorId: string;
  plannedBy: string;
  plannedAt: Date;
  startedAt: Date | null;
  summary: string | null;
  signatureId: string | null;
  signedAt: Date | null;
  remindedAt: Date | null;
  escalatedAt: Date | null;
}

export interface AuditItemRecord {
  id: string;
  auditId: string;
  clause: string;
  position: number;
  finding: FindingKind | null;
  note: string | null;
  evidenceLinks: string[];
  nonconformityId: string | null;
  recordedAt: Date | null;
}

interface AuditRow {
  id: string;
  number: string;
  status: AuditStatus;
  planned_for: string;
  scope: string;
  subject_type: AuditSubjectType | null;
  subject_id: string | null;
  clauses: string[];
  auditor_id: string;
  planned_by: string;
  planned_at: Date;
  started_at: Date | null;
  summary: string | null;
  signature_id: string | null;
  signed_at: Date | null;
  reminded_at: Date | null;
  escalated_at: Date | null;
}

interface AuditItemRow {
  id: string;
  audit_id: string;
  clause: string;
  position: number;
  finding: FindingKind | null;
  note: string | null;
  evidence_links: string[];
  nonconformity_id: string | null;
  recorded_at: Date | null;
}

// planned_for as text: a calendar date, not an instant shifted by the session's time zone.
const AUDIT_COLUMNS = `id, number, status, planned_for::text AS planned_for, scope, subject_type, subject_id, clauses,
  auditor_id, planned_by, planned_at, started_at, summary, signature_id, signed_at, reminded_at, escalated_at`;

function auditOf(r: AuditRow): AuditRecord {
  return {
    id: r.id,
    number: r.number,
    status: r.status,
    plannedFor: r.planned_for,
    scope: r.scope,
    subjectType: r.subject_type,
    subjectId: r.subject_id,
    clauses: r.clauses,
    auditorId: r.auditor_id,
    plannedBy: r.planned_by,
    plannedAt: r.planned_at,
    startedAt: r.started_at,
    summary: r.summary,
    signatureId: r.signature_id,
    signedAt: r.signed_at,
    remindedAt: r.reminded_at,
    escalatedAt: r.escalated_at,
  };
}

function itemOf(r: AuditItemRow): AuditItemRecord {
  return {
    id: r.id,
    auditId: r.audit_id,
    clause: r.clause,
    position: r.position,
    finding: r.finding,
    note: r.note,
    evidenceLinks: r.evidence_links,
    nonconformityId: r.nonconformity_id,
    recordedAt: r.recorded_at,
  };
}

export async function loadAudit(sql: SqlRunner, id: string, forUpdate = false): Promise<AuditRecord> {
  const [row] = await queryRows<AuditRow>(
    sql,
    `SELECT ${AUDIT_COLUMNS} FROM internal_audits WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`,
    [id],
  );
  if (row === undefined) throw new AuditNotFoundError(id);
  return auditOf(row);
}

export async function listAudits(sql: SqlRunner, status: AuditStatus | null, limit: number): Promise<AuditRecord[]> {
  const rows = await queryRows<AuditRow>(
    sql,
    `SELECT ${AUDIT_COLUMNS} FROM internal_audits WHERE ($1::text IS NULL OR status = $1)
      ORDER BY planned_for, number LIMIT $2`,
    [status, limit],
  );
  return rows.map(auditOf);
}

export async function itemsOfAudit(sql: SqlRunner, auditId: string): Promise<AuditItemRecord[]> {
  const rows = await queryRows<AuditItemRow>(
    sql,
    `SELECT id, audit_id, clause, position, finding, note, evidence_links, nonconformity_id, recorded_at
       FROM internal_audit_items WHERE audit_id = $1 ORDER BY position`,
    [auditId],
  );
  return rows.map(itemOf);
}

/** Planned audits whose date is within `days`, not yet in the auditor's inbox; and overdue ones not escalated. */
export async function auditsToRemind(sql: SqlRunner, days: number, limit: number): Promise<AuditRecord[]> {
  const rows = await queryRows<AuditRow>(
    sql,
    `SELECT ${AUDIT_COLUMNS} FROM internal_audits
      WHERE status = 'planned' AND ((reminded_at IS NULL AND planned_for <= current_date + $1::int)
                                 OR (escalated_at IS NULL AND planned_for < current_date))
      ORDER BY planned_for LIMIT $2`,
    [days, limit],
  );
  return rows.map(auditOf);
}

/**
 * The opportunities the audit's observations raised, by checklist item. Kept apart from the items themselves: the
 * signed report's content is built from the items, and an opportunity raised after signing must not change it.
 */
export async function opportunitiesOfAudit(sql: SqlRunner, auditId: string): Promise<Map<string, string>> {
  const rows = await queryRows<{ item_id: string; initiative_id: string }>(
    sql,
    `SELECT o.item_id, o.initiative_id FROM audit_observation_opportunities o
       JOIN internal_audit_items i ON i.id = o.item_id WHERE i.audit_id = $1`,
    [auditId],
  );
  return new Map(rows.map((r) => [r.item_id, r.initiative_id]));
}
