import { activeUserIds, InboxService } from '@ambidex/identity';
import { Actor, AuditTrail, returnedId } from '@ambidex/platform';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DocumentType, formatDocumentNumber } from './domain/document-types';
import { InvalidApproversError } from './domain/qms.errors';

export interface DraftDocumentInput {
  type: DocumentType;
  title: string;
  body: string;
  ownerId: string;
  packageId: string | null;
  initiativeId: string | null;
  trainingRoles: string[];
  citedAssumptionIds: string[];
}

/** Drafts, numbering and routing: how a draft becomes a controlled document in review. */
@Injectable()
export class DocumentControl {
  constructor(
    private readonly audit: AuditTrail,
    private readonly inbox: InboxService,
  ) {}

  async draft(em: EntityManager, actor: Actor, input: DraftDocumentInput): Promise<string> {
    const documentId = returnedId(
      await em.query(
        `INSERT INTO controlled_documents (document_type, title, owner_id, package_id, origin_initiative_id, training_roles)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [
          input.type,
          input.title,
          input.ownerId,
          input.packageId,
          input.initiativeId,
          input.trainingRoles.length > 0 ? input.trainingRoles : ['quality_head'],
        ],
      ),
      'a controlled document',
    );
    await em.query(
      `INSERT INTO document_revisions (document_id, revision, title, body, created_by) VALUES ($1, 1, $2, $3, $4)`,
      [documentId, input.title, input.body, actor.userId ?? input.ownerId],
    );
    if (input.citedAssumptionIds.length > 0) {
      await em.query(
        `INSERT INTO document_citations (document_id, assumption_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING`,
        [documentId, [...new Set(input.citedAssumptionIds)]],
      );
    }
    return documentId;
  }

  /** The next number of a type, under the scheme's row lock: concurrent allocations never share one. */
  async allocateNumber(em: EntityManager, type: string): Promise<string> {
    const [rows] = (await em.query(
      `UPDATE numbering_schemes SET next_value = next_value + 1 WHERE document_type = $1 RETURNING prefix, padding, next_value - 1 AS value`,
      [type],
    )) as [IssuedNumberRow[], number];
    const scheme = rows[0];
    if (scheme === undefined) throw new Error(`no numbering scheme for ${type}`);
    return formatDocumentNumber(scheme, scheme.value);
  }

  /** Numbers each draft document, makes it controlled and routes its first revision to the approvers. */
  async control(
    em: EntityManager,
    actor: Actor,
    documentIds: string[],
    approverIds: string[],
    dueAt: Date,
  ): Promise<void> {
    for (const documentId of documentIds) {
      const [doc] = (await em.query(
        `SELECT document_type, title, status FROM controlled_documents WHERE id = $1 FOR UPDATE`,
        [documentId],
      )) as DraftDocumentRow[];
      if (doc === undefined || doc.status !== 'draft_in_package') continue;
      const number = await this.allocateNumber(em, doc.document_type);
      await em.query(`UPDATE controlled_documents SET number = $2, status = 'controlled' WHERE id = $1`, [
        documentId,
        number,
      ]);
      const [revision] = (await em.query(
        `UPDATE document_revisions SET state = 'in_review', submitted_at = now() WHERE document_id = $1 AND revision = 1 AND state = 'draft' RETURNING id`,
        [documentId],
      )) as [IdRow[], number];
      const revisionId = revision[0]?.id;
      if (revisionId !== undefined)
        await this.route(em, revisionId, `${number} rev 1: ${doc.title}`, approverIds, dueAt);
      await this.audit.append(em, {
        actor,
        action: 'qms.document.controlled',
        entityType: 'controlled_document',
        entityId: documentId,
        chainKey: `controlled_document:${documentId}`,
        after: { number, approverIds, dueAt },
      });
    }
  }

  /** Only active quality heads approve controlled documents (ISO 9001 7.5.2). */
  async assertApprovers(em: EntityManager, approverIds: string[]): Promise<void> {
    const ids = [...new Set(approverIds)];
    const ok = await activeUserIds(em, ids, 'quality_head');
    const bad = ids.filter((id) => !ok.has(id));
    if (ids.length === 0 || bad.length > 0) throw new InvalidApproversError(ids.length === 0 ? ['(none)'] : bad);
  }

  /** Named approvers, each with the deadline; their inbox says what waits. */
  async route(em: EntityManager, revisionId: string, label: string, approverIds: string[], dueAt: Date): Promise<void> {
    await this.assertApprovers(em, approverIds);
    for (const approverId of [...new Set(approverIds)]) {
      await em.query(
        `INSERT INTO revision_approvals (revision_id, approver_id, due_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
        [revisionId, approverId, dueAt],
      );
      await this.inbox.add(em, {
        userId: approverId,
        kind: 'approve_revision',
        subjectType: 'document_revision',
        subjectId: revisionId,
        title: `Review and approve ${label} by ${dueAt.toISOString().slice(0, 10)}`,
        dedupeKey: `approve:${revisionId}:${approverId}`,
        dueAt,
      });
    }
  }
}

/** The number a scheme issued: its prefix and padding with the value taken. */
interface IssuedNumberRow {
  prefix: string;
  padding: number;
  value: number;
}

interface DraftDocumentRow {
  document_type: string;
  title: string;
  status: string;
}

interface IdRow {
  id: string;
}
