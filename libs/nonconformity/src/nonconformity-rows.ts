import { queryRows, SqlRunner } from '@ambidex/platform';
import type { CauseCategory, NcSeverity, NcSource, NcStatus, NcSubjectType } from './domain/nonconformity-rules';
import { NonconformityNotFoundError } from './domain/nonconformity.errors';

/** Typed reads of the context's own rows: one row type and one mapper each, camelCase out. */

export interface NonconformityRecord {
  id: string;
  number: string;
  status: NcStatus;
  subjectType: NcSubjectType | null;
  subjectId: string | null;
  source: NcSource;
  severity: NcSeverity;
  probability: number;
  description: string;
  evidenceLinks: string[];
  raisedBy: string;
  raisedAt: Date;
  containment: string | null;
  containedBy: string | null;
  containedAt: Date | null;
  whys: string[] | null;
  causeCategory: CauseCategory | null;
  rootCauseBy: string | null;
  rootCauseAt: Date | null;
  effectivenessAfterDays: number | null;
  effectivenessDueAt: Date | null;
  effectivenessNotifiedAt: Date | null;
  effectivenessRound: number;
  changeRequestId: string | null;
  /** The initiative the NC raised as an opportunity (ISO 56001 8.3.2). */
  opportunityInitiativeId: string | null;
  closedBy: string | null;
  closedAt: Date | null;
}

interface NonconformityRow {
  id: string;
  number: string;
  status: NcStatus;
  subject_type: NcSubjectType | null;
  subject_id: string | null;
  source: NcSource;
  severity: NcSeverity;
  probability: number;
  description: string;
  evidence_links: string[];
  raised_by: string;
  raised_at: Date;
  containment: string | null;
  contained_by: string | null;
  contained_at: Date | null;
  whys: string[] | null;
  cause_category: CauseCategory | null;
  root_cause_by: string | null;
  root_cause_at: Date | null;
  effectiveness_after_days: number | null;
  effectiveness_due_at: Date | null;
  effectiveness_notified_at: Date | null;
  effectiveness_round: number;
  change_request_id: string | null;
  opportunity_initiative_id: string | null;
  closed_by: string | null;
  closed_at: Date | null;
}

export const NONCONFORMITY_COLUMNS = `id, number, status, subject_type, subject_id, source, severity, probability, description,
  evidence_links, raised_by, raised_at, containment, contained_by, contained_at, whys, cause_category, root_cause_by,
  root_cause_at, effectiveness_after_days, effectiveness_due_at, effectiveness_notified_at, effectiveness_round,
  change_request_id, opportunity_initiative_id, closed_by, closed_at`;

export function toNonconformity(row: NonconformityRow): NonconformityRecord {
  return {
    id: row.id,
    number: row.number,
    status: row.status,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    source: row.source,
    severity: row.severity,
    probability: row.probability,
    description: row.description,
    evidenceLinks: row.evidence_links,
    raisedBy: row.raised_by,
    raisedAt: row.raised_at,
    containment: row.containment,
    containedBy: row.contained_by,
    containedAt: row.contained_at,
    whys: row.whys,
    causeCategory: row.cause_category,
    rootCauseBy: row.root_cause_by,
    rootCauseAt: row.root_cause_at,
    effectivenessAfterDays: row.effectiveness_after_days,
    effectivenessDueAt: row.effectiveness_due_at,
    effectivenessNotifiedAt: row.effectiveness_notified_at,
    effectivenessRound: row.effectiveness_round,
    changeRequestId: row.change_request_id,
    opportunityInitiativeId: row.opportunity_initiative_id,
    closedBy: row.closed_by,
    closedAt: row.closed_at,
  };
}

/** The NC, locked FOR UPDATE when a use case is about to change it; not found is a 404. */
export async function loadNonconformity(em: SqlRunner, id: string, lock = false): Promise<NonconformityRecord> {
  const [row] = await queryRows<NonconformityRow>(
    em,
    `SELECT ${NONCONFORMITY_COLUMNS} FROM nonconformities WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
    [id],
  );
  if (row === undefined) throw new NonconformityNotFoundError(id);
  return toNonconformity(row);
}

export async function selectNonconformities(
  em: SqlRunner,
  where: string,
  params: readonly unknown[],
  tail = 'ORDER BY raised_at DESC',
): Promise<NonconformityRecord[]> {
  const rows = await queryRows<NonconformityRow>(
    em,
    `SELECT ${NONCONFORMITY_COLUMNS} FROM nonconformities WHERE ${where} ${tail}`,
    params,
  );
  return rows.map(toNonconformity);
}

export interface CorrectiveActionRecord {
  id: string;
  nonconformityId: string;
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

interface ActionRow {
  id: string;
  nonconformity_id: string;
  text: string;
  owner_id: string;
  due_at: Date;
  created_at: Date;
  done_at: Date | null;
  done_by: string | null;
  done_note: string | null;
  escalated_to_owner_at: Date | null;
  escalated_to_quality_at: Date | null;
}

const ACTION_COLUMNS = `id, nonconformity_id, text, owner_id, due_at, created_at, done_at, done_by, done_note,
  escalated_to_owner_at, escalated_to_quality_at`;

function toAction(row: ActionRow): CorrectiveActionRecord {
  return {
    id: row.id,
    nonconformityId: row.nonconformity_id,
    text: row.text,
    ownerId: row.owner_id,
    dueAt: row.due_at,
    createdAt: row.created_at,
    doneAt: row.done_at,
    doneBy: row.done_by,
    doneNote: row.done_note,
    escalatedToOwnerAt: row.escalated_to_owner_at,
    escalatedToQualityAt: row.escalated_to_quality_at,
  };
}

export async function actionsOfNonconformity(
  em: SqlRunner,
  nonconformityId: string,
): Promise<CorrectiveActionRecord[]> {
  const rows = await queryRows<ActionRow>(
    em,
    `SELECT ${ACTION_COLUMNS} FROM nonconformity_actions WHERE nonconformity_id = $1 ORDER BY due_at, created_at`,
    [nonconformityId],
  );
  return rows.map(toAction);
}

export async function loadAction(em: SqlRunner, actionId: string): Promise<CorrectiveActionRecord | undefined> {
  const [row] = await queryRows<ActionRow>(em, `SELECT ${ACTION_COLUMNS} FROM nonconformity_actions WHERE id = $1`, [
    actionId,
  ]);
  return row === undefined ? undefined : toAction(row);
}

/** Open actions past their due date that still owe an escalation (to the owner, or to the quality heads). */
export async function overdueActions(
  em: SqlRunner,
  qualityAfter: Date,
  limit: number,
): Promise<CorrectiveActionRecord[]> {
  const rows = await queryRows<ActionRow>(
    em,
    `SELECT ${ACTION_COLUMNS} FROM nonconformity_actions
      WHERE done_at IS NULL AND due_at < now()
        AND (escalated_to_owner_at IS NULL OR (escalated_to_quality_at IS NULL AND due_at < $1))
      ORDER BY due_at LIMIT $2`,
    [qualityAfter, limit],
  );
  return rows.map(toAction);
}

export interface EffectivenessCheckRecord {
  id: string;
  effective: boolean;
  comment: string;
  checkedBy: string;
  checkedAt: Date;
  signatureId: string | null;
}

interface CheckRow {
  id: string;
  effective: boolean;
  comment: string;
  checked_by: string;
  checked_at: Date;
  signature_id: string | null;
}

export async function checksOfNonconformity(
  em: SqlRunner,
  nonconformityId: string,
): Promise<EffectivenessCheckRecord[]> {
  const rows = await queryRows<CheckRow>(
    em,
    `SELECT id, effective, comment, checked_by, checked_at, signature_id FROM nonconformity_effectiveness_checks
      WHERE nonconformity_id = $1 ORDER BY checked_at`,
    [nonconformityId],
  );
  return rows.map((r) => ({
    id: r.id,
    effective: r.effective,
    comment: r.comment,
    checkedBy: r.checked_by,
    checkedAt: r.checked_at,
    signatureId: r.signature_id,
  }));
}
