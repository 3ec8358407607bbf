import { nameIn, UserNames } from '@ambidex/identity';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DocumentNotFoundError, RevisionNotFoundError } from './domain/qms.errors';
import { revisionSubject } from './revision-subject';
import { ElectronicSignatures, SignatureView } from './electronic-signatures';

export interface RevisionView {
  id: string;
  revision: number;
  state: string;
  title: string;
  body: string;
  effectiveFrom: Date | null;
  effectiveAt: Date | null;
  approvedAt: Date | null;
  endedAt: Date | null;
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
  ) {}

  async get(documentId: string): Promise<DocumentView> {
    const [doc] = (await this.dataSource.query(`SELECT * FROM controlled_documents WHERE id = $1`, [
      documentId,
    ])) as Record<string, unknown>[];
    if (doc === undefined) throw new DocumentNotFoundError(documentId);
    const revisions = (await this.dataSource.query(
      `SELECT * FROM document_revisions WHERE document_id = $1 ORDER BY revision`,
      [documentId],
    )) as Record<string, unknown>[];
    const approvals = (await this.dataSource.query(
      `SELECT a.* FROM revision_approvals a JOIN document_revisions r ON r.id = a.revision_id WHERE r.document_id = $1 ORDER BY a.due_at`,
      [documentId],
    )) as Record<string, unknown>[];
    const training = (await this.dataSource.query(
      `SELECT t.revision_id, count(*)::int AS assigned, count(t.acknowledged_at)::int AS acknowledged
         FROM training_assignments t JOIN document_revisions r ON r.id = t.revision_id WHERE r.document_id = $1 GROUP BY t.revision_id`,
      [documentId],
    )) as { revision_id: string; assigned: number; acknowledged: number }[];
    const citations = (await this.dataSource.query(
      `SELECT assumption_id FROM document_citations WHERE document_id = $1 ORDER BY assumption_id`,
      [documentId],
    )) as {
      assumption_id: string;
    }[];
    const changeRequests = (await this.dataSource.query(
      `SELECT id, status, reason, impact, diff, requested_at, new_revision_id FROM change_requests WHERE document_id = $1 ORDER BY requested_at`,
      [documentId],
    )) as {
      id: string;
      status: string;
      reason: string;
      impact: string;
      diff: string;
      requested_at: Date;
      new_revision_id: string | null;
    }[];
    const names = await this.users.names([doc.owner_id as string, ...approvals.map((a) => a.approver_id as string)]);
    const views: RevisionView[] = [];
    for (const r of revisions) {
      const id = r.id as string;
      const subject = revisionSubject({
        id,
        document_id: documentId,
        number: doc.number as string | null,
        revision: r.revision as number,
        title: r.title as string,
        body: r.body as string,
      });
      const t = training.find((x) => x.revision_id === id);
      views.push({
        id,
        revision: r.revision as number,
        state: r.state as string,
        title: r.title as string,
        body: r.body as string,
        effectiveFrom: r.effective_from as Date | null,
        effectiveAt: r.effective_at as Date | null,
        approvedAt: r.approved_at as Date | null,
        endedAt: r.ended_at as Date | null,
        approvals: approvals
          .filter((a) => a.revision_id === id)
          .map((a) => ({
            approverId: a.approver_id as string,
            approverName: nameIn(names, a.approver_id as string),
            dueAt: a.due_at as Date,
            decision: a.decision as string | null,
            decidedAt: a.decided_at as Date | null,
            comment: a.comment as string | null,
          })),
        signatures: await this.signatures.of(subject),
        training: { assigned: t?.assigned ?? 0, acknowledged: t?.acknowledged ?? 0 },
      });
    }
    return {
      id: documentId,
      number: doc.number as string | null,
      documentType: doc.document_type as string,
      title: doc.title as string,
      ownerId: doc.owner_id as string,
      ownerName: nameIn(names, doc.owner_id as string),
      status: doc.status as string,
      originInitiativeId: doc.origin_initiative_id as string | null,
      packageId: doc.package_id as string | null,
      retentionYears: doc.retention_years as number,
      trainingRoles: doc.training_roles as string[],
      reviewFlaggedAt: doc.review_flagged_at as Date | null,
      reviewFlagReason: doc.review_flag_reason as string | null,
      citedAssumptionIds: citations.map((c) => c.assumption_id),
      revisions: views,
      changeRequests: changeRequests.map((c) => ({
        id: c.id,
        status: c.status,
        reason: c.reason,
        impact: c.impact,
        diff: c.diff,
        requestedAt: c.requested_at,
        newRevisionId: c.new_revision_id,
      })),
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

  /** Documents in the QMS (withdrawn drafts of rejected handover packages left out), with the package each came from. */
  async list(filter: { initiativeId?: string; flagged?: boolean }): Promise<DocumentSummary[]> {
    const rows = (await this.dataSource.query(
      `SELECT d.id, d.number, d.document_type, d.title, d.owner_id, d.status, d.review_flagged_at, d.package_id,
              (SELECT r.revision FROM document_revisions r WHERE r.document_id = d.id AND r.state = 'effective') AS effective_revision
         FROM controlled_documents d
        WHERE d.status <> 'withdrawn' AND ($1::uuid IS NULL OR d.origin_initiative_id = $1) AND ($2::boolean IS NULL OR (d.review_flagged_at IS NOT NULL) = $2)
        ORDER BY d.number NULLS LAST, d.created_at LIMIT 500`,
      [filter.initiativeId ?? null, filter.flagged ?? null],
    )) as {
      id: string;
      number: string | null;
      document_type: string;
      title: string;
      owner_id: string;
      status: string;
      review_flagged_at: Date | null;
      effective_revision: number | null;
      package_id: string | null;
    }[];
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
}
