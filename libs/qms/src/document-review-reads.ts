import { nameIn, UserNames } from '@ambidex/identity';
import { queryRows } from '@ambidex/platform';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { reviewSubject } from './document-review-subject';
import { ReviewOutcome, reviewState, ReviewState } from './domain/periodic-review';
import { ElectronicSignatures, SignatureView } from './electronic-signatures';

export interface RecordedReviewView {
  id: string;
  revision: number;
  dueAt: Date;
  outcome: ReviewOutcome;
  comment: string | null;
  reviewedBy: string;
  reviewerName: string | null;
  reviewedAt: Date;
  nextDueAt: Date | null;
  changeRequestId: string | null;
  /** The reviewer's signature on a "still valid" review, judged against the review's content. */
  signature: SignatureView | null;
}

export interface PeriodicReviewStatus {
  /** When the effective revision is next due for review; null while the document has no effective revision. */
  dueAt: Date | null;
  state: ReviewState;
  intervalMonths: number | null;
  reviews: RecordedReviewView[];
}

interface HeadRow {
  review_due_at: Date | null;
  interval_months: number | null;
  effective_revision_id: string | null;
}

interface ReviewRow {
  id: string;
  revision_id: string;
  revision: number;
  due_at: Date;
  outcome: ReviewOutcome;
  comment: string | null;
  reviewed_by: string;
  reviewed_at: Date;
  next_due_at: Date | null;
  change_request_id: string | null;
  signature_id: string | null;
}

/** A document's periodic review: where it stands and every review recorded, newest first. */
@Injectable()
export class DocumentReviewReads {
  constructor(
    private readonly signatures: ElectronicSignatures,
    private readonly users: UserNames,
  ) {}

  async statusOf(
    em: EntityManager,
    doc: { id: string; number: string | null; documentType: string },
  ): Promise<PeriodicReviewStatus> {
    const [head] = await queryRows<HeadRow>(
      em,
      `SELECT d.review_due_at, i.interval_months, e.id AS effective_revision_id FROM controlled_documents d
         LEFT JOIN document_review_intervals i ON i.document_type = d.document_type
         LEFT JOIN document_revisions e ON e.document_id = d.id AND e.state = 'effective'
        WHERE d.id = $1`,
      [doc.id],
    );
    const rows = await queryRows<ReviewRow>(
      em,
      `SELECT v.id, v.revision_id, r.revision, v.due_at, v.outcome, v.comment, v.reviewed_by, v.reviewed_at,
              v.next_due_at, v.change_request_id, v.signature_id
         FROM document_reviews v JOIN document_revisions r ON r.id = v.revision_id
        WHERE v.document_id = $1 ORDER BY v.reviewed_at DESC`,
      [doc.id],
    );
    const names = await this.users.names(rows.map((r) => r.reviewed_by));
    const reviews: RecordedReviewView[] = [];
    for (const row of rows) {
      const subject = reviewSubject({
        reviewId: row.id,
        documentId: doc.id,
        number: doc.number,
        revisionId: row.revision_id,
        revision: row.revision,
        dueAt: row.due_at,
        comment: row.comment,
      });
      const [signature] = row.signature_id === null ? [] : await this.signatures.of(subject, em);
      reviews.push({
        id: row.id,
        revision: row.revision,
        dueAt: row.due_at,
        outcome: row.outcome,
        comment: row.comment,
        reviewedBy: row.reviewed_by,
        reviewerName: nameIn(names, row.reviewed_by),
        reviewedAt: row.reviewed_at,
        nextDueAt: row.next_due_at,
        changeRequestId: row.change_request_id,
        signature: signature ?? null,
      });
    }
    const dueAt = head?.review_due_at ?? null;
    // Answered: the effective revision was reviewed for this due date (a change needed waits for its change).
    const answered =
      dueAt !== null &&
      rows.some((r) => r.revision_id === head?.effective_revision_id && r.due_at.getTime() === dueAt.getTime());
    return {
      dueAt,
      state: reviewState(dueAt, new Date(), answered),
      intervalMonths: head?.interval_months ?? null,
      reviews,
    };
  }
}
