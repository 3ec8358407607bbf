import { EntityManager } from 'typeorm';

/** The typed reads behind DocumentQueries: one row type and one mapper per statement, camelCase out. */

export interface DocumentRecord {
  id: string;
  number: string | null;
  documentType: string;
  title: string;
  ownerId: string;
  status: string;
  originInitiativeId: string | null;
  packageId: string | null;
  retentionYears: number;
  trainingRoles: string[];
  reviewFlaggedAt: Date | null;
  reviewFlagReason: string | null;
}

interface DocumentRow {
  id: string;
  number: string | null;
  document_type: string;
  title: string;
  owner_id: string;
  status: string;
  origin_initiative_id: string | null;
  package_id: string | null;
  retention_years: number;
  training_roles: string[];
  review_flagged_at: Date | null;
  review_flag_reason: string | null;
}

export async function documentById(em: EntityManager, documentId: string): Promise<DocumentRecord | undefined> {
  const [row] = (await em.query(
    `SELECT id, number, document_type, title, owner_id, status, origin_initiative_id, package_id, retention_years,
            training_roles, review_flagged_at, review_flag_reason
       FROM controlled_documents WHERE id = $1`,
    [documentId],
  )) as DocumentRow[];
  return row === undefined ? undefined : toDocument(row);
}

function toDocument(row: DocumentRow): DocumentRecord {
  return {
    id: row.id,
    number: row.number,
    documentType: row.document_type,
    title: row.title,
    ownerId: row.owner_id,
    status: row.status,
    originInitiativeId: row.origin_initiative_id,
    packageId: row.package_id,
    retentionYears: row.retention_years,
    trainingRoles: row.training_roles,
    reviewFlaggedAt: row.review_flagged_at,
    reviewFlagReason: row.review_flag_reason,
  };
}

export interface RevisionContent {
  id: string;
  revision: number;
  state: string;
  title: string;
  body: string;
  effectiveFrom: Date | null;
  effectiveAt: Date | null;
  approvedAt: Date | null;
  endedAt: Date | null;
}

interface RevisionContentRow {
  id: string;
  revision: number;
  state: string;
  title: string;
  body: string;
  effective_from: Date | null;
  effective_at: Date | null;
  approved_at: Date | null;
  ended_at: Date | null;
}

export async function revisionsOfDocument(em: EntityManager, documentId: string): Promise<RevisionContent[]> {
  const rows = (await em.query(
    `SELECT id, revision, state, title, body, effective_from, effective_at, approved_at, ended_at
       FROM document_revisions WHERE document_id = $1 ORDER BY revision`,
    [documentId],
  )) as RevisionContentRow[];
  return rows.map(toRevisionContent);
}

function toRevisionContent(row: RevisionContentRow): RevisionContent {
  return {
    id: row.id,
    revision: row.revision,
    state: row.state,
    title: row.title,
    body: row.body,
    effectiveFrom: row.effective_from,
    effectiveAt: row.effective_at,
    approvedAt: row.approved_at,
    endedAt: row.ended_at,
  };
}

export interface ApprovalRecord {
  revisionId: string;
  approverId: string;
  dueAt: Date;
  decision: string | null;
  decidedAt: Date | null;
  comment: string | null;
}

interface ApprovalRow {
  revision_id: string;
  approver_id: string;
  due_at: Date;
  decision: string | null;
  decided_at: Date | null;
  comment: string | null;
}

export async function approvalsOfDocument(em: EntityManager, documentId: string): Promise<ApprovalRecord[]> {
  const rows = (await em.query(
    `SELECT a.revision_id, a.approver_id, a.due_at, a.decision, a.decided_at, a.comment
       FROM revision_approvals a JOIN document_revisions r ON r.id = a.revision_id WHERE r.document_id = $1 ORDER BY a.due_at`,
    [documentId],
  )) as ApprovalRow[];
  return rows.map(toApproval);
}

function toApproval(row: ApprovalRow): ApprovalRecord {
  return {
    revisionId: row.revision_id,
    approverId: row.approver_id,
    dueAt: row.due_at,
    decision: row.decision,
    decidedAt: row.decided_at,
    comment: row.comment,
  };
}

export interface TrainingCount {
  revisionId: string;
  assigned: number;
  acknowledged: number;
}

interface TrainingCountRow {
  revision_id: string;
  assigned: number;
  acknowledged: number;
}

export async function trainingOfDocument(em: EntityManager, documentId: string): Promise<TrainingCount[]> {
  const rows = (await em.query(
    `SELECT t.revision_id, count(*)::int AS assigned, count(t.acknowledged_at)::int AS acknowledged
       FROM training_assignments t JOIN document_revisions r ON r.id = t.revision_id WHERE r.document_id = $1 GROUP BY t.revision_id`,
    [documentId],
  )) as TrainingCountRow[];
  return rows.map((r) => ({ revisionId: r.revision_id, assigned: r.assigned, acknowledged: r.acknowledged }));
}

export async function assumptionsCitedBy(em: EntityManager, documentId: string): Promise<string[]> {
  const rows = (await em.query(
    `SELECT assumption_id FROM document_citations WHERE document_id = $1 ORDER BY assumption_id`,
    [documentId],
  )) as { assumption_id: string }[];
  return rows.map((r) => r.assumption_id);
}

export interface ChangeRequestSummary {
  id: string;
  status: string;
  reason: string;
  impact: string;
  diff: string;
  requestedAt: Date;
  newRevisionId: string | null;
}

interface ChangeRequestSummaryRow {
  id: string;
  status: string;
  reason: string;
  impact: string;
  diff: string;
  requested_at: Date;
  new_revision_id: string | null;
}

export async function changeRequestsOfDocument(em: EntityManager, documentId: string): Promise<ChangeRequestSummary[]> {
  const rows = (await em.query(
    `SELECT id, status, reason, impact, diff, requested_at, new_revision_id FROM change_requests WHERE document_id = $1 ORDER BY requested_at`,
    [documentId],
  )) as ChangeRequestSummaryRow[];
  return rows.map(toChangeRequestSummary);
}

function toChangeRequestSummary(row: ChangeRequestSummaryRow): ChangeRequestSummary {
  return {
    id: row.id,
    status: row.status,
    reason: row.reason,
    impact: row.impact,
    diff: row.diff,
    requestedAt: row.requested_at,
    newRevisionId: row.new_revision_id,
  };
}
