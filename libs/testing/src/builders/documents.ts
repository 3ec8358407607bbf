import { actorOf, Principal } from '@ambidex/identity';
import { TransactionRunner } from '@ambidex/platform';
import { DocumentControl, DocumentType } from '@ambidex/qms';
import { DataSource } from 'typeorm';
import { Services } from './people';

export interface DocumentInReview {
  documentId: string;
  revisionId: string;
}

/**
 * A controlled document whose revision 1 is in review, routed to `approvers` (quality heads): drafted, numbered and
 * routed through DocumentControl in one transaction, as accepting a handover package does.
 */
export async function documentInReview(
  services: Services,
  owner: Principal,
  approvers: Principal[],
  type: DocumentType = 'work_instruction',
): Promise<DocumentInReview> {
  const control = services.get(DocumentControl);
  const documentId = await services.get(TransactionRunner).run(async (em) => {
    const id = await control.draft(em, actorOf(owner), {
      type,
      title: `Kiosk check-in ${type}`,
      body: '# Steps\n1. Greet the patient\n',
      ownerId: owner.userId,
      packageId: null,
      initiativeId: null,
      trainingRoles: [],
      citedAssumptionIds: [],
    });
    const dueAt = new Date(Date.now() + 7 * 86_400_000);
    await control.control(
      em,
      actorOf(owner),
      [id],
      approvers.map((a) => a.userId),
      dueAt,
    );
    return id;
  });
  const [revision] = (await services
    .get(DataSource)
    .query(`SELECT id FROM document_revisions WHERE document_id = $1 AND revision = 1`, [documentId])) as {
    id: string;
  }[];
  if (revision === undefined) throw new Error('the document has no first revision');
  return { documentId, revisionId: revision.id };
}
