import { actorOf, Principal } from '@ambidex/identity';
import { AuditTrail, TransactionRunner } from '@ambidex/platform';
import { Injectable } from '@nestjs/common';
import { EditThroughPackageError, NotDocumentOwnerError, RevisionStateError } from './domain/qms.errors';
import { DocumentControl } from './document-control';
import { loadRevision } from './revision-subject';

/** Editing happens only on drafts; a draft revision of a controlled document goes back into review when ready. */
@Injectable()
export class DocumentDrafts {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditTrail,
    private readonly control: DocumentControl,
  ) {}

  async edit(principal: Principal, revisionId: string, changes: { title?: string; body?: string }): Promise<void> {
    await this.tx.run(async (em) => {
      const revision = await loadRevision(em, revisionId, true);
      if (revision.ownerId !== principal.userId && !principal.roles.includes('quality_head'))
        throw new NotDocumentOwnerError();
      if (revision.number === null) throw new EditThroughPackageError();
      if (revision.state !== 'draft')
        throw new RevisionStateError(
          `Revision ${revision.revision} is ${revision.state}: only drafts change; raise a change request`,
        );
      await em.query(
        `UPDATE document_revisions SET title = coalesce($2, title), body = coalesce($3, body) WHERE id = $1`,
        [revisionId, changes.title ?? null, changes.body ?? null],
      );
      await this.audit.append(em, {
        actor: actorOf(principal),
        action: 'qms.revision.edited',
        entityType: 'controlled_document',
        entityId: revision.documentId,
        chainKey: `controlled_document:${revision.documentId}`,
        before: { title: revision.title, body: revision.body },
        after: { title: changes.title ?? revision.title, body: changes.body ?? revision.body },
      });
    });
  }

  /** A draft sent back by an approver returns to review, routed again. */
  async resubmit(principal: Principal, revisionId: string, approverIds: string[], dueAt: Date): Promise<void> {
    await this.tx.run(async (em) => {
      const revision = await loadRevision(em, revisionId, true);
      if (revision.ownerId !== principal.userId && !principal.roles.includes('quality_head'))
        throw new NotDocumentOwnerError();
      if (revision.number === null)
        throw new RevisionStateError('The document is still a draft in its handover package');
      const [, changed] = (await em.query(
        `UPDATE document_revisions SET state = 'in_review', submitted_at = now() WHERE id = $1 AND state = 'draft'`,
        [revisionId],
      )) as [unknown, number];
      if (changed !== 1)
        throw new RevisionStateError(`Revision ${revision.revision} is ${revision.state}; only a draft goes to review`);
      await em.query(`DELETE FROM revision_approvals WHERE revision_id = $1`, [revisionId]);
      await this.control.route(
        em,
        revisionId,
        `${revision.number} rev ${revision.revision}: ${revision.title}`,
        approverIds,
        dueAt,
      );
      await this.audit.append(em, {
        actor: actorOf(principal),
        action: 'qms.revision.submitted',
        entityType: 'controlled_document',
        entityId: revision.documentId,
        chainKey: `controlled_document:${revision.documentId}`,
        after: { revisionId, approverIds, dueAt },
      });
    });
  }
}
