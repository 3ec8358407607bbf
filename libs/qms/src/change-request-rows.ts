import { EntityManager } from 'typeorm';

/** The typed statements of ChangeRequests: one row type and one mapper each, camelCase out. */

export interface EffectiveContent {
  id: string;
  title: string;
  body: string;
}

/** The document's effective revision, the base a change request is raised against. */
export async function effectiveRevisionOf(
  em: EntityManager,
  documentId: string,
): Promise<EffectiveContent | undefined> {
  const [row] = (await em.query(
    `SELECT r.id, r.title, r.body FROM document_revisions r WHERE r.document_id = $1 AND r.state = 'effective'`,
    [documentId],
  )) as EffectiveContent[];
  return row === undefined ? undefined : { id: row.id, title: row.title, body: row.body };
}

export interface ChangeRequestToDecide {
  id: string;
  documentId: string;
  baseRevisionId: string;
  proposedTitle: string;
  proposedBody: string;
  status: string;
  number: string;
}

interface ChangeRequestToDecideRow {
  id: string;
  document_id: string;
  base_revision_id: string;
  proposed_title: string;
  proposed_body: string;
  status: string;
  number: string;
}

/** The change request with its document's number, row-locked for the decision. */
export async function lockChangeRequest(
  em: EntityManager,
  changeRequestId: string,
): Promise<ChangeRequestToDecide | undefined> {
  const [row] = (await em.query(
    `SELECT c.id, c.document_id, c.base_revision_id, c.proposed_title, c.proposed_body, c.status, d.number
       FROM change_requests c JOIN controlled_documents d ON d.id = c.document_id WHERE c.id = $1 FOR UPDATE OF c`,
    [changeRequestId],
  )) as ChangeRequestToDecideRow[];
  return row === undefined ? undefined : toChangeRequestToDecide(row);
}

function toChangeRequestToDecide(row: ChangeRequestToDecideRow): ChangeRequestToDecide {
  return {
    id: row.id,
    documentId: row.document_id,
    baseRevisionId: row.base_revision_id,
    proposedTitle: row.proposed_title,
    proposedBody: row.proposed_body,
    status: row.status,
    number: row.number,
  };
}

/** The next revision, made from an approved change request: approved at once, effective now or on its date. */
export async function insertApprovedRevision(
  em: EntityManager,
  cr: ChangeRequestToDecide,
  createdBy: string,
  effectiveFrom: Date | null,
): Promise<{ id: string; revision: number }> {
  const [row] = (await em.query(
    `INSERT INTO document_revisions (document_id, revision, state, title, body, change_request_id, created_by, submitted_at, approved_at, effective_from)
     SELECT $1, max(revision) + 1, 'approved', $2, $3, $4, $5, now(), now(), $6 FROM document_revisions WHERE document_id = $1
     RETURNING id, revision`,
    [cr.documentId, cr.proposedTitle, cr.proposedBody, cr.id, createdBy, effectiveFrom],
  )) as { id: string; revision: number }[];
  if (row === undefined) throw new Error('the next revision was not created');
  return { id: row.id, revision: row.revision };
}
