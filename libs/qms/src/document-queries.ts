import { nameIn, UserNames } from '@ambidex/identity';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DocumentNotFoundError, RevisionNotFoundError } from './domain/qms.errors';
import {
  approvalsOfDocument,
  assumptionsCitedBy,
  changeRequestsOfDocument,
  documentById,
  RevisionContent,
  revisionsOfDocument,
  trainingOfDocument,
} from './document-reads';
import { revisionSubject } from './revision-subject';
import { DocumentReviewReads, PeriodicReviewStatus } from './document-review-reads';
import { REVIEW_REMINDER_DAYS, reviewState, ReviewState } from './domain/periodic-review';
import { ElectronicSignatures, SignatureView } from './electronic-signatures';

export interface RevisionView extends RevisionContent {
  approvals: {
    approverId: string;
    approverName: string | null;
    dueAt: Date;
    decision: string | null;
    decidedAt: Date | null;
    comment: string | null;
  }[];
  signatures: SignatureView[];
  training: { assigned: number; acknowledged: number };
}

export interface DocumentView {
  id: string;
  number: string | null;
  documentType: string;
  title: string;
  ownerId: string;
  ownerName: string | null;
  status: string;
  originInitiativeId: string | null;
  packageId: string | null;
  retentionYears: number;
  trainingRoles: string[];
  reviewFlaggedAt: Date | null;
  reviewFlagReason: string | null;
  citedAssumptionIds: string[];
  revisions: RevisionView[];
  changeRequests: {
    id: string;
    status: string;
    reason: string;
    impact: string;
    diff: string;
    requestedAt: Date;
    newRevisionId: string | null;
  }[];
  /** Periodic review (ISO 9001 7.5.2): the next due date, where it stands, the reviews recorded. */
  periodicReview: PeriodicReviewStatus;
}

/** A revision with the document it belongs to: what a link to a revision (inbox, training) resolves to. */
export interface RevisionWithDocumentView extends RevisionView {
  documentId: string;
  documentNumber: string | null;
  documentTitle: string;
}

/** A document as people read or print it: every revision (superseded ones stay readable) with its signatures. */
@Injectable()
export class DocumentQueries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly signatures: ElectronicSignatures,
    private readonly users: UserNames,
    private readonly reviews: DocumentReviewReads,
  ) {}

  async get(documentId: string): Promise<DocumentView> {
    const em = this.dataSource.manager;
    const doc = await documentById(em, documentId);
    if (doc === undefined) throw new DocumentNotFoundError(documentId);
    const revisions = await revisionsOfDocument(em, documentId);
    const approvals = await approvalsOfDocument(em, documentId);
    const training = await trainingOfDocument(em, documentId);
    const citedAssumptionIds = await assumptionsCitedBy(em, documentId);
    const changeRequests = await changeRequestsOfDocument(em, documentId);
    const names = await this.users.names([doc.ownerId, ...approvals.map((a) => a.approverId)]);
    const views: RevisionView[] = [];
    for (const r of revisions) {
      const subject = revisionSubject({
        id: r.id,
        documentId,
        number: doc.number,
        revision: r.revision,
        title: r.title,
        body: r.body,
      });
      const t = training.find((x) => x.revisionId === r.id);
      views.push({
        ...r,
        approvals: approvals
          .filter((a) => a.revisionId === r.id)
          .map((a) => ({
            approverId: a.approverId,
            approverName: nameIn(names, a.approverId),
            dueAt: a.dueAt,
            decision: a.decision,
            decidedAt: a.decidedAt,
            comment: a.comment,
          })),
        signatures: await this.signatures.of(subject),
        training: { assigned: t?.assigned ?? 0, acknowledged: t?.acknowledged ?? 0 },
      });
    }
    return {
      id: documentId,
      number: doc.number,
      documentType: doc.documentType,
      title: doc.title,
      ownerId: doc.ownerId,
      ownerName: nameIn(names, doc.ownerId),
      status: doc.status,
      originInitiativeId: doc.originInitiativeId,
      packageId: doc.packageId,
      retentionYears: doc.retentionYears,
      trainingRoles: doc.trainingRoles,
      reviewFlaggedAt: doc.reviewFlaggedAt,
      reviewFlagReason: doc.reviewFlagReason,
      citedAssumptionIds,
      revisions: views,
      changeRequests,
      periodicReview: await this.reviews.statusOf(em, doc),
    };
  }

  /** One revision, exactly as it reads inside its document (the same mapping), with the document's id, number and title. */
  async revision(revisionId: string): Promise<RevisionWithDocumentView> {
    const [row] = (await this.dataSource.query(`SELECT document_id FROM document_revisions WHERE id = $1`, [
      revisionId,
    ])) as { document_id: string }[];
    if (row === undefined) throw new RevisionNotFoundError(revisionId);
    const doc = await this.get(row.document_id);
    const revision = doc.revisions.find((r) => r.id === revisionId);
    if (revision === undefined) throw new RevisionNotFoundError(revisionId);
    return { ...revision, documentId: doc.id, documentNumber: doc.number, documentTitle: doc.title };
  }

  /** The initiative a document came from (null outside one or for an unknown id): where its events belong. */
  async originInitiativeOf(documentId: string): Promise<string | null> {
    const doc = await documentById(this.dataSource.manager, documentId);
    return doc?.originInitiativeId ?? null;
  }

  /** Documents in the QMS (withdrawn drafts of rejected handover packages left out), with the package each came from. */
  /** reviewDue: only documents whose periodic review is due within REVIEW_REMINDER_DAYS or overdue, unanswered. */
  async list(filter: { initiativeId?: string; flagged?: boolean; reviewDue?: boolean }): Promise<DocumentSummary[]> {
    const rows = (await this.dataSource.query(
      `SELECT * FROM (
         SELECT d.id, d.number, d.document_type, d.title, d.owner_id, d.status, d.review_flagged_at, d.package_id,
                d.review_due_at, d.number AS sort_number, d.created_at,
                (SELECT r.revision FROM document_revisions r WHERE r.document_id = d.id AND r.state = 'effective') AS effective_revision,
                EXISTS (SELECT 1 FROM document_reviews v JOIN document_revisions e ON e.id = v.revision_id AND e.state = 'effective'
                         WHERE v.document_id = d.id AND v.due_at = d.review_due_at) AS review_answered
           FROM controlled_documents d
          WHERE d.status <> 'withdrawn' AND ($1::uuid IS NULL OR d.origin_initiative_id = $1) AND ($2::boolean IS NULL OR (d.review_flagged_at IS NOT NULL) = $2)
       ) d
        WHERE $3::boolean IS NULL OR (d.review_due_at IS NOT NULL AND d.status = 'controlled' AND NOT d.review_answered
                                      AND d.review_due_at <= now() + make_interval(days => $4)) = $3
        ORDER BY d.sort_number NULLS LAST, d.created_at LIMIT 500`,
      [filter.initiativeId ?? null, filter.flagged ?? null, filter.reviewDue ?? null, REVIEW_REMINDER_DAYS],
    )) as DocumentSummaryRow[];
    const now = new Date();
    const names = await this.users.names(rows.map((r) => r.owner_id));
    return rows.map((r) => ({
      id: r.id,
      number: r.number,
      documentType: r.document_type,
      title: r.title,
      ownerId: r.owner_id,
      ownerName: nameIn(names, r.owner_id),
      status: r.status,
      effectiveRevision: r.effective_revision,
      reviewFlaggedAt: r.review_flagged_at,
      packageId: r.package_id,
      reviewDueAt: r.review_due_at,
      reviewState: reviewState(r.review_due_at, now, r.review_answered),
    }));
  }
}

export interface DocumentSummary {
  id: string;
  number: string | null;
  documentType: string;
  title: string;
  ownerId: string;
  ownerName: string | null;
  status: string;
  effectiveRevision: number | null;
  reviewFlaggedAt: Date | null;
  /** The handover package the document was drafted in; null for documents created outside a handover. */
  packageId: string | null;
  reviewDueAt: Date | null;
  reviewState: ReviewState;
}

interface DocumentSummaryRow {
  id: string;
  number: string | null;
  document_type: string;
  title: string;
  owner_id: string;
  status: string;
  review_flagged_at: Date | null;
  effective_revision: number | null;
  package_id: string | null;
  review_due_at: Date | null;
  review_answered: boolean;
}
