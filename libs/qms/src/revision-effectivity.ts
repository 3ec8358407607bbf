import { activeUserIdsWithAnyRole, InboxService } from '@ambidex/identity';
import { AuditTrail, Outbox, SYSTEM_ACTOR, TransactionRunner } from '@ambidex/platform';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { loadRevision } from './revision-subject';

export const REVISION_EFFECTIVE_EVENT = 'qms.revision-effective';

/**
 * Makes an approved revision effective: the previous one is superseded in the same transaction (a partial
 * unique index holds "one effective per document"), training goes to the roles the process names.
 */
@Injectable()
export class RevisionEffectivity {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditTrail,
    private readonly outbox: Outbox,
    private readonly inbox: InboxService,
  ) {}

  /** The scheduled job's entry: only an approved revision whose date has come. Idempotent. */
  async runScheduled(revisionId: string): Promise<boolean> {
    return this.tx.run(async (em) => {
      const revision = await loadRevision(em, revisionId, true);
      if (
        revision.state !== 'approved' ||
        (revision.effective_from !== null && revision.effective_from.getTime() > Date.now())
      )
        return false;
      await this.makeEffective(em, revisionId);
      return true;
    });
  }

  async makeEffective(em: EntityManager, revisionId: string): Promise<void> {
    const revision = await loadRevision(em, revisionId, true);
    if (revision.state !== 'approved') return;
    await em.query(`SELECT id FROM controlled_documents WHERE id = $1 FOR UPDATE`, [revision.document_id]);
    const [newer] = (await em.query(
      `SELECT revision FROM document_revisions WHERE document_id = $1 AND state = 'effective' AND revision > $2`,
      [revision.document_id, revision.revision],
    )) as unknown[];
    // A later revision is already effective: an older one approved for a later date must not replace it.
    if (newer !== undefined) return;
    await em.query(
      `UPDATE document_revisions SET state = 'superseded', ended_at = now() WHERE document_id = $1 AND state = 'effective'`,
      [revision.document_id],
    );
    await em.query(
      `UPDATE document_revisions SET state = 'effective', effective_at = now() WHERE id = $1 AND state = 'approved'`,
      [revisionId],
    );
    await em.query(
      `UPDATE controlled_documents SET review_flagged_at = NULL, review_flag_reason = NULL WHERE id = $1 AND review_flagged_at IS NOT NULL`,
      [revision.document_id],
    );
    // The new revision answers the review: the owner's "review this document" items are done with it.
    await this.inbox.complete(em, revision.document_id, ['document_review_flagged']);
    const [document] = (await em.query(`SELECT training_roles FROM controlled_documents WHERE id = $1`, [
      revision.document_id,
    ])) as { training_roles: string[] }[];
    const trainees = await activeUserIdsWithAnyRole(em, document?.training_roles ?? []);
    for (const userId of trainees) {
      await em.query(`INSERT INTO training_assignments (revision_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [
        revisionId,
        userId,
      ]);
      await this.inbox.add(em, {
        userId,
        kind: 'training',
        subjectType: 'document_revision',
        subjectId: revisionId,
        title: `Read and acknowledge ${revision.number ?? 'document'} rev ${revision.revision}: ${revision.title}`,
        dedupeKey: `training:${revisionId}:${userId}`,
      });
    }
    await this.audit.append(em, {
      actor: SYSTEM_ACTOR,
      action: 'qms.revision.effective',
      entityType: 'controlled_document',
      entityId: revision.document_id,
      chainKey: `controlled_document:${revision.document_id}`,
      after: { revisionId, revision: revision.revision, number: revision.number, trainees: trainees.length },
    });
    await this.outbox.record(em, {
      type: REVISION_EFFECTIVE_EVENT,
      aggregateType: 'controlled_document',
      aggregateId: revision.document_id,
      payload: {
        documentId: revision.document_id,
        revisionId,
        initiativeId: revision.origin_initiative_id,
        packageId: revision.package_id,
      },
    });
  }
}
