import { actorOf, InboxService, Principal } from '@ambidex/identity';
import { AuditTrail, QueueProducer, TransactionRunner } from '@ambidex/platform';
import { Injectable } from '@nestjs/common';
import { NotRoutedToYouError, RevisionStateError } from './domain/qms.errors';
import { RevisionEffectivity } from './revision-effectivity';
import { loadRevision, revisionSubject } from './revision-subject';
import { ElectronicSignatures } from './electronic-signatures';
import { EFFECTIVITY_QUEUE } from './qms-job-types';

export interface ApprovalInput {
  password: string;
  decision: 'approved' | 'rejected';
  comment: string | null;
  /** Effective on approval when absent or past; otherwise a job makes it effective then. */
  effectiveFrom: Date | null;
}

/**
 * An approver routed to a revision approves (with a signature over its exact content) or sends it back.
 * When the last routed approver approves, the revision is approved and becomes effective now or on its date.
 */
@Injectable()
export class RevisionApprovals {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditTrail,
    private readonly inbox: InboxService,
    private readonly signatures: ElectronicSignatures,
    private readonly effectivity: RevisionEffectivity,
    private readonly producer: QueueProducer,
  ) {}

  async decide(principal: Principal, revisionId: string, input: ApprovalInput): Promise<{ state: string }> {
    const signer = await this.signatures.authenticate({ userId: principal.userId, password: input.password });
    const outcome = await this.tx.run(async (em) => {
      const revision = await loadRevision(em, revisionId, true);
      const [approval] = (await em.query(
        `SELECT id, decision FROM revision_approvals WHERE revision_id = $1 AND approver_id = $2 FOR UPDATE`,
        [revisionId, principal.userId],
      )) as ApprovalDecisionRow[];
      if (approval === undefined) throw new NotRoutedToYouError();
      if (revision.state !== 'in_review')
        throw new RevisionStateError(`The revision is ${revision.state}; only a revision in review can be decided`);
      if (approval.decision !== null) throw new RevisionStateError('You have already decided on this revision');
      const signatureId =
        input.decision === 'approved'
          ? await this.signatures.sign(em, signer, revisionSubject(revision), 'approved')
          : null;
      await em.query(
        `UPDATE revision_approvals SET decision = $2, comment = $3, decided_at = now(), signature_id = $4 WHERE id = $1`,
        [approval.id, input.decision, input.comment, signatureId],
      );
      await this.inbox.complete(em, revisionId, ['approve_revision'], principal.userId);
      await this.audit.append(em, {
        actor: actorOf(principal),
        action: `qms.revision.${input.decision}`,
        entityType: 'controlled_document',
        entityId: revision.documentId,
        chainKey: `controlled_document:${revision.documentId}`,
        reason: input.comment,
        after: { revisionId, revision: revision.revision, signatureId },
      });
      if (input.decision === 'rejected') {
        await em.query(
          `UPDATE document_revisions SET state = 'draft', submitted_at = NULL WHERE id = $1 AND state = 'in_review'`,
          [revisionId],
        );
        await em.query(`DELETE FROM revision_approvals WHERE revision_id = $1 AND decision IS NULL`, [revisionId]);
        await this.inbox.complete(em, revisionId, ['approve_revision']);
        return { state: 'draft', schedule: null };
      }
      const [pending] = (await em.query(
        `SELECT count(*)::int AS n FROM revision_approvals WHERE revision_id = $1 AND decision IS DISTINCT FROM 'approved'`,
        [revisionId],
      )) as CountRow[];
      if ((pending?.n ?? 0) > 0) return { state: 'in_review', schedule: null };
      const effectiveFrom =
        input.effectiveFrom !== null && input.effectiveFrom.getTime() > Date.now() ? input.effectiveFrom : null;
      await em.query(
        `UPDATE document_revisions SET state = 'approved', approved_at = now(), effective_from = $2 WHERE id = $1 AND state = 'in_review'`,
        [revisionId, effectiveFrom],
      );
      if (effectiveFrom === null) {
        await this.effectivity.makeEffective(em, revisionId);
        return { state: 'effective', schedule: null };
      }
      return { state: 'approved', schedule: effectiveFrom };
    });
    if (outcome.schedule !== null) {
      // Best effort: the handover sweeper also makes due revisions effective.
      await this.producer
        .add(
          { queue: EFFECTIVITY_QUEUE, name: 'make-effective', data: { revisionId } },
          { jobId: `effective-${revisionId}`, delay: outcome.schedule.getTime() - Date.now() },
        )
        .catch(() => undefined);
    }
    return { state: outcome.state };
  }
}

interface ApprovalDecisionRow {
  id: string;
  decision: string | null;
}

interface CountRow {
  n: number;
}
