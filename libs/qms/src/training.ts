import { actorOf, InboxService, Principal } from '@ambidex/identity';
import { AuditTrail, NotFoundError, Outbox, TransactionRunner } from '@ambidex/platform';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { documentPortfolio } from './document-portfolio';
import { TRAINING_ACKNOWLEDGED_EVENT } from './qms-events';

export interface TrainingView {
  id: string;
  revisionId: string;
  documentNumber: string | null;
  revision: number;
  title: string;
  assignedAt: Date;
  acknowledgedAt: Date | null;
}

/** ISO 9001 7.2: who must read an effective revision, and their acknowledgement. */
@Injectable()
export class Training {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly audit: AuditTrail,
    private readonly outbox: Outbox,
    private readonly inbox: InboxService,
  ) {}

  async mine(userId: string): Promise<TrainingView[]> {
    return this.assignments(userId, null);
  }

  /** One of my assignments, exactly as it reads in my list (what acknowledging answers). */
  async one(userId: string, assignmentId: string): Promise<TrainingView> {
    const [view] = await this.assignments(userId, assignmentId);
    if (view === undefined) throw new NotFoundError('QMS.TRAINING_NOT_FOUND', `Training assignment ${assignmentId}`);
    return view;
  }

  private async assignments(userId: string, assignmentId: string | null): Promise<TrainingView[]> {
    const rows = (await this.dataSource.query(
      `SELECT t.id, t.revision_id, d.number, r.revision, r.title, t.assigned_at, t.acknowledged_at
         FROM training_assignments t JOIN document_revisions r ON r.id = t.revision_id JOIN controlled_documents d ON d.id = r.document_id
        WHERE t.user_id = $1 AND ($2::uuid IS NULL OR t.id = $2) ORDER BY t.assigned_at DESC LIMIT 200`,
      [userId, assignmentId],
    )) as AssignmentRow[];
    return rows.map(toTrainingView);
  }

  async acknowledge(principal: Principal, assignmentId: string): Promise<void> {
    await this.tx.run(async (em) => {
      const [rows] = (await em.query(
        `UPDATE training_assignments t SET acknowledged_at = now() FROM document_revisions r
          WHERE t.id = $1 AND t.user_id = $2 AND t.acknowledged_at IS NULL AND r.id = t.revision_id
          RETURNING t.revision_id, r.document_id`,
        [assignmentId, principal.userId],
      )) as [AcknowledgedRow[], number];
      const done = rows.map(toAcknowledged)[0];
      if (done === undefined) {
        const exists = (await em.query(`SELECT 1 FROM training_assignments WHERE id = $1 AND user_id = $2`, [
          assignmentId,
          principal.userId,
        ])) as unknown[];
        if (exists.length === 0)
          throw new NotFoundError('QMS.TRAINING_NOT_FOUND', `Training assignment ${assignmentId}`);
        return;
      }
      await this.inbox.complete(em, done.revisionId, ['training'], principal.userId);
      await this.audit.append(em, {
        actor: actorOf(principal),
        action: 'qms.training.acknowledged',
        entityType: 'controlled_document',
        entityId: done.documentId,
        chainKey: `controlled_document:${done.documentId}`,
        after: { assignmentId, revisionId: done.revisionId },
      });
      await this.outbox.record(em, {
        type: TRAINING_ACKNOWLEDGED_EVENT,
        aggregateType: 'controlled_document',
        aggregateId: done.documentId,
        payload: {
          documentId: done.documentId,
          revisionId: done.revisionId,
          portfolioId: await documentPortfolio(em, done.documentId),
        },
      });
    });
  }
}

interface AssignmentRow {
  id: string;
  revision_id: string;
  number: string | null;
  revision: number;
  title: string;
  assigned_at: Date;
  acknowledged_at: Date | null;
}

function toTrainingView(row: AssignmentRow): TrainingView {
  return {
    id: row.id,
    revisionId: row.revision_id,
    documentNumber: row.number,
    revision: row.revision,
    title: row.title,
    assignedAt: row.assigned_at,
    acknowledgedAt: row.acknowledged_at,
  };
}

interface AcknowledgedRow {
  revision_id: string;
  document_id: string;
}

function toAcknowledged(row: AcknowledgedRow): { revisionId: string; documentId: string } {
  return { revisionId: row.revision_id, documentId: row.document_id };
}
