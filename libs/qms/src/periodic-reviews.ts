import { actorOf, InboxService, Principal } from '@ambidex/identity';
import { AuditTrail, isUniqueViolation, queryChanges, queryRows, TransactionRunner } from '@ambidex/platform';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { ChangeRequestInput, ChangeRequests, changeRequestConflict } from './change-requests';
import { reviewSubject } from './document-review-subject';
import { ReviewOutcome } from './domain/periodic-review';
import { DocumentNotFoundError, NotDocumentOwnerError, PeriodicReviewError } from './domain/qms.errors';
import { ElectronicSignatures } from './electronic-signatures';

export interface PeriodicReviewInput {
  outcome: ReviewOutcome;
  /** The due date being answered, as the reviewer read it: a review already recorded for it is a 409. */
  dueAt: Date;
  comment: string | null;
  /** still_valid: the signer's password (re-authentication). */
  password?: string;
  /** change_needed: the change request raised on the document. */
  change?: ChangeRequestInput;
}

/** Inbox kinds a recorded review (or a new effective revision) closes. */
export const REVIEW_INBOX_KINDS = ['document_review_due', 'document_review_overdue'];

/**
 * Records a periodic review by the owner or a quality head: "still valid", signed, sets the next due date; "change
 * needed" raises a change request linked to the review. One review per document and due date: the document's row
 * lock queues two reviewers, the second finds the due date answered, and `uq_document_reviews_due` backs it.
 */
@Injectable()
export class PeriodicReviews {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditTrail,
    private readonly inbox: InboxService,
    private readonly signatures: ElectronicSignatures,
    private readonly changes: ChangeRequests,
  ) {}

  async record(principal: Principal, documentId: string, input: PeriodicReviewInput): Promise<string> {
    // Before the transaction: argon2 is slow and must not hold a connection.
    const signer =
      input.outcome === 'still_valid'
        ? await this.signatures.authenticate({ userId: principal.userId, password: input.password ?? '' })
        : null;
    try {
      return await this.tx.run(async (em) => {
        const doc = await this.lockDueDocument(em, principal, documentId, input.dueAt);
        const reviewId = randomUUID();
        let after: Record<string, unknown>;
        if (signer !== null) {
          const [next] = await queryRows<{ next_due_at: Date }>(
            em,
            `SELECT date_trunc('second', now() + make_interval(months => interval_months)) AS next_due_at FROM document_review_intervals WHERE document_type = $1`,
            [doc.document_type],
          );
          const subject = reviewSubject({
            reviewId,
            documentId,
            number: doc.number,
            revisionId: doc.revision_id,
            revision: doc.revision,
            dueAt: doc.review_due_at,
            comment: input.comment,
          });
          const signatureId = await this.signatures.sign(em, signer, subject, 'reviewed');
          await this.insertReview(em, reviewId, doc, principal.userId, input, {
            nextDueAt: next?.next_due_at,
            signatureId,
          });
          const moved = await queryChanges(
            em,
            `UPDATE controlled_documents SET review_due_at = $3 WHERE id = $1 AND review_due_at = $2`,
            [documentId, doc.review_due_at, next?.next_due_at],
          );
          if (moved.count !== 1) throw alreadyRecorded();
          after = {
            reviewId,
            outcome: input.outcome,
            dueAt: doc.review_due_at,
            nextDueAt: next?.next_due_at,
            signatureId,
          };
        } else {
          const changeRequestId = await this.changes.raiseIn(em, principal, documentId, input.change!);
          await this.insertReview(em, reviewId, doc, principal.userId, input, { changeRequestId });
          after = { reviewId, outcome: input.outcome, dueAt: doc.review_due_at, changeRequestId };
        }
        await this.inbox.complete(em, documentId, REVIEW_INBOX_KINDS);
        await this.audit.append(em, {
          actor: actorOf(principal),
          action: 'qms.document.reviewed',
          entityType: 'controlled_document',
          entityId: documentId,
          chainKey: `controlled_document:${documentId}`,
          reason: input.comment,
          after,
        });
        return reviewId;
      });
    } catch (error) {
      if (isUniqueViolation(error, 'uq_document_reviews_due')) throw alreadyRecorded();
      throw changeRequestConflict(error);
    }
  }

  /** The document, locked, with its effective revision, checked: the reviewer may review it and the date is open. */
  private async lockDueDocument(
    em: EntityManager,
    principal: Principal,
    documentId: string,
    dueAt: Date,
  ): Promise<DueDocumentRow> {
    const [doc] = await queryRows<LockedDocumentRow>(
      em,
      `SELECT d.id, d.owner_id, d.number, d.document_type, d.status, d.review_due_at, r.id AS revision_id, r.revision
         FROM controlled_documents d LEFT JOIN document_revisions r ON r.document_id = d.id AND r.state = 'effective'
        WHERE d.id = $1 FOR UPDATE OF d`,
      [documentId],
    );
    if (doc === undefined) throw new DocumentNotFoundError(documentId);
    if (doc.owner_id !== principal.userId && !principal.roles.includes('quality_head'))
      throw new NotDocumentOwnerError();
    if (doc.status !== 'controlled' || doc.review_due_at === null || doc.revision_id === null)
      throw new PeriodicReviewError('REVIEW_NOT_SCHEDULED', 'This document has no effective revision to review');
    if (doc.review_due_at.getTime() !== dueAt.getTime()) throw alreadyRecorded();
    const recorded = await queryRows(
      em,
      `SELECT 1 FROM document_reviews WHERE document_id = $1 AND revision_id = $2 AND due_at = $3`,
      [documentId, doc.revision_id, doc.review_due_at],
    );
    if (recorded.length > 0) throw alreadyRecorded();
    return { ...doc, review_due_at: doc.review_due_at, revision_id: doc.revision_id, revision: doc.revision ?? 0 };
  }

  private async insertReview(
    em: EntityManager,
    reviewId: string,
    doc: DueDocumentRow,
    reviewerId: string,
    input: PeriodicReviewInput,
    link: { nextDueAt?: Date; signatureId?: string; changeRequestId?: string },
  ): Promise<void> {
    await em.query(
      `INSERT INTO document_reviews (id, document_id, revision_id, due_at, outcome, comment, reviewed_by, next_due_at, signature_id, change_request_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        reviewId,
        doc.id,
        doc.revision_id,
        doc.review_due_at,
        input.outcome,
        input.comment,
        reviewerId,
        link.nextDueAt ?? null,
        link.signatureId ?? null,
        link.changeRequestId ?? null,
      ],
    );
  }
}

function alreadyRecorded(): PeriodicReviewError {
  return new PeriodicReviewError(
    'REVIEW_ALREADY_RECORDED',
    'The review for this due date was already recorded (or the due date moved): reload the document',
  );
}

interface LockedDocumentRow {
  id: string;
  owner_id: string;
  number: string | null;
  document_type: string;
  status: string;
  review_due_at: Date | null;
  revision_id: string | null;
  revision: number | null;
}

interface DueDocumentRow {
  id: string;
  owner_id: string;
  number: string | null;
  document_type: string;
  status: string;
  review_due_at: Date;
  revision_id: string;
  revision: number;
}
