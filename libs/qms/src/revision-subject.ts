import { EntityManager } from 'typeorm';
import { SignedSubject } from './domain/electronic-signature';
import { RevisionNotFoundError } from './domain/qms.errors';
import { RevisionState } from './domain/revision-lifecycle';

/** A revision with what its use cases need of its document. */
export interface RevisionRecord {
  id: string;
  documentId: string;
  revision: number;
  state: RevisionState;
  title: string;
  body: string;
  number: string | null;
  ownerId: string;
  documentType: string;
  originInitiativeId: string | null;
  packageId: string | null;
  effectiveFrom: Date | null;
}

interface RevisionRow {
  id: string;
  document_id: string;
  revision: number;
  state: RevisionState;
  title: string;
  body: string;
  number: string | null;
  owner_id: string;
  document_type: string;
  origin_initiative_id: string | null;
  package_id: string | null;
  effective_from: Date | null;
}

function toRevisionRecord(row: RevisionRow): RevisionRecord {
  return {
    id: row.id,
    documentId: row.document_id,
    revision: row.revision,
    state: row.state,
    title: row.title,
    body: row.body,
    number: row.number,
    ownerId: row.owner_id,
    documentType: row.document_type,
    originInitiativeId: row.origin_initiative_id,
    packageId: row.package_id,
    effectiveFrom: row.effective_from,
  };
}

/**
 * With lock, the revision's document is locked first and then the revision row: the global lock order puts an
 * aggregate's root before the rows under it (document → revision → approvals → audit chain head), as numbering and
 * control already do, so making a revision effective never holds the revision while waiting for its document.
 */
export async function loadRevision(em: EntityManager, revisionId: string, lock = false): Promise<RevisionRecord> {
  if (lock)
    await em.query(
      `SELECT d.id FROM controlled_documents d JOIN document_revisions r ON r.document_id = d.id WHERE r.id = $1 FOR UPDATE OF d`,
      [revisionId],
    );
  const [row] = (await em.query(
    `SELECT r.id, r.document_id, r.revision, r.state, r.title, r.body, r.effective_from, d.number, d.owner_id, d.document_type,
            d.origin_initiative_id, d.package_id
       FROM document_revisions r JOIN controlled_documents d ON d.id = r.document_id
      WHERE r.id = $1 ${lock ? 'FOR UPDATE OF r' : ''}`,
    [revisionId],
  )) as RevisionRow[];
  if (row === undefined) throw new RevisionNotFoundError(revisionId);
  return toRevisionRecord(row);
}

/** What an approval signs: the document's number, the revision and its exact content. */
export function revisionSubject(
  row: Pick<RevisionRecord, 'id' | 'documentId' | 'number' | 'revision' | 'title' | 'body'>,
): SignedSubject {
  return {
    recordType: 'document_revision',
    recordId: row.id,
    content: {
      documentId: row.documentId,
      number: row.number,
      revision: row.revision,
      title: row.title,
      body: row.body,
    },
  };
}
