import { activeUserIdsWithAnyRole, InboxService } from '@ambidex/identity';
import { AuditTrail, Outbox, queryRows, SYSTEM_ACTOR, TransactionRunner } from '@ambidex/platform';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { documentPortfolio } from './document-portfolio';
import { REVISION_EFFECTIVE_EVENT } from './qms-events';
import { loadRevision } from './revision-subject';

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

  /** Approved revisions whose effective date has come (at most 200): what the sweeper makes effective. */
  async dueRevisionIds(em: EntityManager): Promise<string[]> {
    const rows = (await em.query(
      `SELECT id FROM document_revisions WHERE state = 'approved' AND coalesce(effective_from, now()) <= now() LIMIT 200`,
    )) as IdRow[];
    return rows.map((r) => r.id);
  }

  /** The scheduled job's entry: only an approved revision whose date has come. Idempotent. */
  async runScheduled(revisionId: string): Promise<boolean> {
    return this.tx.run(async (em) => {
      const revision = await loadRevision(em, revisionId, true);
      if (
        revision.state !== 'approved' ||
        (revision.effectiveFrom !== null && revision.effectiveFrom.getTime() > Date.now())
      )
        return false;
      await this.makeEffective(em, revisionId);
      return true;
    });
  }

  async makeEffective(em: EntityManager, revisionId: string): Promise<void> {
    const revision = await loadRevision(em, revisionId, true);
    if (revision.state !== 'approved') return;
    await em.query(`SELECT id FROM controlled_documents WHERE id = $1 FOR UPDATE`, [revision.documentId]);
    const [newer] = (await em.query(
      `SELECT revision FROM document_revisions WHERE document_id = $1 AND state = 'effective' AND revision > $2`,
      [revision.documentId, revision.revision],
    )) as unknown[];
    // A later revision is already effective: an older one approved for a later date must not replace it.
    if (newer !== undefined) return;
    await em.query(
      `UPDATE document_revisions SET state = 'superseded', ended_at = now() WHERE document_id = $1 AND state = 'effective'`,
      [revision.documentId],
    );
    await em.query(
      `UPDATE document_revisions SET state = 'effective', effective_at = now() WHERE id = $1 AND state = 'approved'`,
      [revisionId],
    );
    await em.query(
      `UPDATE controlled_documents SET review_flagged_at = NULL, review_flag_reason = NULL WHERE id = $1 AND review_flagged_at IS NOT NULL`,
      [revision.documentId],
    );
    // The periodic review clock restarts with the new revision (ISO 9001 7.5.2). Whole seconds: clients send the
    // due date back, and a JSON date has no microseconds.
    await em.query(
      `UPDATE controlled_documents d SET review_due_at = date_trunc('second', now() + make_interval(months => i.interval_months))
         FROM document_review_intervals i WHERE d.id = $1 AND i.document_type = d.document_type`,
      [revision.documentId],
    );
    // The new revision answers the review: the owner's "review this document" items are done with it.
    await this.inbox.complete(em, revision.documentId, [
      'document_review_flagged',
      'document_review_due',
      'document_review_overdue',
    ]);
    const [document] = await queryRows<{ training_roles: string[] }>(
      em,
      `SELECT training_roles FROM controlled_documents WHERE id = $1`,
      [revision.documentId],
    );
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
      entityId: revision.documentId,
      chainKey: `controlled_document:${revision.documentId}`,
      after: { revisionId, revision: revision.revision, number: revision.number, trainees: trainees.length },
    });
    await this.outbox.record(em, {
      type: REVISION_EFFECTIVE_EVENT,
      aggregateType: 'controlled_document',
      aggregateId: revision.documentId,
      payload: {
        documentId: revision.documentId,
        revisionId,
        initiativeId: revision.originInitiativeId,
        packageId: revision.packageId,
        portfolioId: await documentPortfolio(em, revision.documentId),
      },
    });
  }
}

interface IdRow {
  id: string;
}
