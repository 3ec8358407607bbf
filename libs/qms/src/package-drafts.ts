import { Actor, AuditTrail } from '@ambidex/platform';
import { InboxService } from '@ambidex/identity';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

export interface PackageDraft {
  documentId: string;
  type: string;
  title: string;
  body: string;
}

/**
 * The draft documents of a handover package, as the package sees them: read, rewritten and given their training
 * audience while the package is a draft, and withdrawn when the package is rejected. Handover goes through here
 * rather than writing qms tables itself.
 */
@Injectable()
export class PackageDrafts {
  constructor(
    private readonly audit: AuditTrail,
    private readonly inbox: InboxService,
  ) {}

  /** The first-revision drafts of the package's documents still in the package, by type. */
  async of(em: EntityManager, packageId: string): Promise<PackageDraft[]> {
    const rows = (await em.query(
      `SELECT d.id, d.document_type, r.title, r.body
         FROM controlled_documents d JOIN document_revisions r ON r.document_id = d.id AND r.revision = 1 AND r.state = 'draft'
        WHERE d.package_id = $1 AND d.status = 'draft_in_package' ORDER BY d.document_type FOR UPDATE OF r`,
      [packageId],
    )) as DraftRow[];
    return rows.map(toDraft);
  }

  /** Renders a draft again from the package (the template's own text, not an edit by a person). */
  async rewrite(
    em: EntityManager,
    packageId: string,
    type: string,
    changes: { title?: string; body?: string },
  ): Promise<void> {
    await em.query(
      `UPDATE document_revisions r SET title = coalesce($3, r.title), body = coalesce($4, r.body)
         FROM controlled_documents d
        WHERE d.package_id = $1 AND d.document_type = $2 AND d.status = 'draft_in_package' AND r.document_id = d.id AND r.revision = 1 AND r.state = 'draft'`,
      [packageId, type, changes.title ?? null, changes.body ?? null],
    );
  }

  /**
   * A person edits a package's draft by hand: the edit goes on the document's own audit chain, like an edit of
   * a controlled document's draft. A type with no draft left in the package, or no change, changes nothing.
   */
  async edit(
    em: EntityManager,
    actor: Actor,
    packageId: string,
    type: string,
    changes: { title?: string; body?: string },
  ): Promise<void> {
    if (changes.title === undefined && changes.body === undefined) return;
    const [draft] = (await em.query(
      `SELECT d.id, d.document_type, r.title, r.body
         FROM controlled_documents d JOIN document_revisions r ON r.document_id = d.id AND r.revision = 1 AND r.state = 'draft'
        WHERE d.package_id = $1 AND d.document_type = $2 AND d.status = 'draft_in_package' FOR UPDATE OF r`,
      [packageId, type],
    )) as DraftRow[];
    if (draft === undefined) return;
    await this.rewrite(em, packageId, type, changes);
    await this.audit.append(em, {
      actor,
      action: 'qms.revision.edited',
      entityType: 'controlled_document',
      entityId: draft.id,
      chainKey: `controlled_document:${draft.id}`,
      before: { title: draft.title, body: draft.body },
      after: { title: changes.title ?? draft.title, body: changes.body ?? draft.body, packageId },
    });
  }

  async setTrainingRoles(em: EntityManager, packageId: string, roles: string[]): Promise<void> {
    await em.query(
      `UPDATE controlled_documents SET training_roles = $2 WHERE package_id = $1 AND status = 'draft_in_package'`,
      [packageId, roles],
    );
  }

  /**
   * A rejected package's drafts leave every list: the next package drafts them again, so keeping both would list,
   * flag and notify the owner twice. They stay readable by id and in the rejected package.
   */
  async withdraw(em: EntityManager, actor: Actor, packageId: string, reason: string): Promise<string[]> {
    const [rows] = (await em.query(
      `UPDATE controlled_documents SET status = 'withdrawn' WHERE package_id = $1 AND status = 'draft_in_package' RETURNING id`,
      [packageId],
    )) as [IdRow[], number];
    for (const { id } of rows) {
      await this.inbox.complete(em, id, ['document_review_flagged']);
      await this.audit.append(em, {
        actor,
        action: 'qms.document.withdrawn',
        entityType: 'controlled_document',
        entityId: id,
        chainKey: `controlled_document:${id}`,
        reason,
        after: { packageId },
      });
    }
    return rows.map((r) => r.id);
  }
}

interface DraftRow {
  id: string;
  document_type: string;
  title: string;
  body: string;
}

interface IdRow {
  id: string;
}

function toDraft(row: DraftRow): PackageDraft {
  return { documentId: row.id, type: row.document_type, title: row.title, body: row.body };
}
