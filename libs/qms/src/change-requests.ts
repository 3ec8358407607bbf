import { actorOf, Principal } from '@ambidex/identity';
import { AuditTrail, isUniqueViolation, QueueProducer, returnedId, TransactionRunner } from '@ambidex/platform';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { effectiveRevisionOf, insertApprovedRevision, lockChangeRequest } from './change-request-rows';
import { diffLines, renderDiff } from './domain/line-diff';
import { ChangeRequestError } from './domain/qms.errors';
import { RevisionEffectivity } from './revision-effectivity';
import { revisionSubject } from './revision-subject';
import { ElectronicSignatures } from './electronic-signatures';
import { EFFECTIVITY_QUEUE } from './qms-job-types';

export interface ChangeRequestInput {
  reason: string;
  impact: string;
  proposedTitle: string;
  proposedBody: string;
}

/**
 * Controlled change (ISO 9001 8.3.6, 8.5.6): against the effective revision, with reason, impact, proposed content
 * and its diff. A quality head's signed approval makes the next revision, approved and effective (now or on a date).
 */
@Injectable()
export class ChangeRequests {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditTrail,
    private readonly signatures: ElectronicSignatures,
    private readonly effectivity: RevisionEffectivity,
    private readonly producer: QueueProducer,
  ) {}

  async raise(principal: Principal, documentId: string, input: ChangeRequestInput): Promise<string> {
    try {
      return await this.tx.run((em) => this.raiseIn(em, principal, documentId, input));
    } catch (error) {
      throw changeRequestConflict(error);
    }
  }

  /**
   * Raises it inside the caller's transaction (a periodic review that finds a change needed). The caller maps a
   * violation of the one-open-request index with `changeRequestConflict` once its transaction has rolled back.
   */
  async raiseIn(
    em: EntityManager,
    principal: Principal,
    documentId: string,
    input: ChangeRequestInput,
  ): Promise<string> {
    const effective = await effectiveRevisionOf(em, documentId);
    if (effective === undefined)
      throw new ChangeRequestError(
        'NO_EFFECTIVE_REVISION',
        'conflict',
        'Only a document with an effective revision takes change requests',
      );
    const waiting = (await em.query(
      `SELECT 1 FROM document_revisions WHERE document_id = $1 AND state IN ('approved', 'in_review', 'draft') AND revision > 1`,
      [documentId],
    )) as unknown[];
    if (waiting.length > 0)
      throw new ChangeRequestError(
        'REVISION_WAITING',
        'conflict',
        'A newer revision is already on its way (in review or approved for a later date): change that one',
      );
    const diff = renderDiff(
      diffLines(`${effective.title}\n${effective.body}`, `${input.proposedTitle}\n${input.proposedBody}`),
    );
    const changeRequestId = returnedId(
      await em.query(
        `INSERT INTO change_requests (document_id, base_revision_id, reason, impact, proposed_title, proposed_body, diff, requested_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
        [
          documentId,
          effective.id,
          input.reason,
          input.impact,
          input.proposedTitle,
          input.proposedBody,
          diff,
          principal.userId,
        ],
      ),
      'a change request',
    );
    await this.audit.append(em, {
      actor: actorOf(principal),
      action: 'qms.change-request.raised',
      entityType: 'controlled_document',
      entityId: documentId,
      chainKey: `controlled_document:${documentId}`,
      reason: input.reason,
      after: { changeRequestId, impact: input.impact, diff },
    });
    return changeRequestId;
  }

  async decide(
    principal: Principal,
    changeRequestId: string,
    input: { password: string; approve: boolean; comment: string | null; effectiveFrom: Date | null },
  ): Promise<{ documentId: string; newRevisionId: string | null }> {
    const signer = await this.signatures.authenticate({ userId: principal.userId, password: input.password });
    const result = await this.tx.run(async (em) => {
      // The document before the change request (the global lock order): approving makes a revision effective, which
      // locks the document.
      await em.query(
        `SELECT d.id FROM controlled_documents d JOIN change_requests c ON c.document_id = d.id WHERE c.id = $1 FOR UPDATE OF d`,
        [changeRequestId],
      );
      const cr = await lockChangeRequest(em, changeRequestId);
      if (cr === undefined)
        throw new ChangeRequestError(
          'CHANGE_REQUEST_NOT_FOUND',
          'not_found',
          `Change request ${changeRequestId} was not found`,
        );
      if (cr.status !== 'open')
        throw new ChangeRequestError('CHANGE_REQUEST_DECIDED', 'conflict', 'The change request was already decided');
      let newRevisionId: string | null = null;
      let scheduled: { revisionId: string; at: Date } | null = null;
      if (input.approve) {
        const next = await insertApprovedRevision(em, cr, principal.userId, input.effectiveFrom);
        newRevisionId = next.id;
        await this.signatures.sign(
          em,
          signer,
          revisionSubject({
            id: next.id,
            documentId: cr.documentId,
            number: cr.number,
            revision: next.revision,
            title: cr.proposedTitle,
            body: cr.proposedBody,
          }),
          'approved',
        );
        if (input.effectiveFrom === null || input.effectiveFrom.getTime() <= Date.now())
          await this.effectivity.makeEffective(em, next.id);
        else scheduled = { revisionId: next.id, at: input.effectiveFrom };
      }
      await em.query(
        `UPDATE change_requests SET status = $2, decided_by = $3, decided_at = now(), decision_comment = $4, new_revision_id = $5 WHERE id = $1`,
        [cr.id, input.approve ? 'approved' : 'rejected', principal.userId, input.comment, newRevisionId],
      );
      if (!input.approve) await reopenPeriodicReview(em, cr.id);
      await this.audit.append(em, {
        actor: actorOf(principal),
        action: `qms.change-request.${input.approve ? 'approved' : 'rejected'}`,
        entityType: 'controlled_document',
        entityId: cr.documentId,
        chainKey: `controlled_document:${cr.documentId}`,
        reason: input.comment,
        after: { changeRequestId, newRevisionId },
      });
      return { documentId: cr.documentId, newRevisionId, scheduled };
    });
    if (result.scheduled !== null) {
      // Best effort: the handover sweeper also makes due revisions effective.
      await this.producer
        .add(
          { queue: EFFECTIVITY_QUEUE, name: 'make-effective', data: { revisionId: result.scheduled.revisionId } },
          { jobId: `effective-${result.scheduled.revisionId}`, delay: result.scheduled.at.getTime() - Date.now() },
        )
        .catch(() => undefined);
    }
    return { documentId: result.documentId, newRevisionId: result.newRevisionId };
  }
}

/** Two requests raised at once on one document: the one-open-request index refuses the second. */
export function changeRequestConflict(error: unknown): unknown {
  if (isUniqueViolation(error, 'uq_change_requests_open'))
    return new ChangeRequestError(
      'CHANGE_REQUEST_OPEN',
      'conflict',
      'This document already has an open change request',
    );
  return error;
}

/**
 * A periodic review that found a change needed is answered by that change; rejecting it leaves the document
 * unreviewed, so the review falls due again now (a new due date: reminded, escalated and recorded afresh).
 */
async function reopenPeriodicReview(em: EntityManager, changeRequestId: string): Promise<void> {
  await em.query(
    `UPDATE controlled_documents d SET review_due_at = date_trunc('second', now())
       FROM document_reviews v
      WHERE v.change_request_id = $1 AND d.id = v.document_id AND d.review_due_at = v.due_at`,
    [changeRequestId],
  );
}
