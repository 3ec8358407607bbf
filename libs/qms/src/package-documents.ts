import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

/** A package document's first revision as the package's signatures cover it. */
export interface PackageDocumentContent {
  documentType: string;
  title: string;
  body: string;
}

/** How far a package's documents are from controlled: every one effective, every training acknowledged. */
export interface PackageControlState {
  documents: number;
  effective: number;
  untrained: number;
}

/** One package document as the trace shows it: effective revision, training on it, assumptions it cites. */
export interface PackageDocumentTrace {
  id: string;
  number: string | null;
  title: string;
  reviewFlaggedAt: Date | null;
  effectiveRevision: number | null;
  assigned: number;
  acknowledged: number;
  citedAssumptionIds: string[];
}

/**
 * What handover reads of the documents its packages drafted. Handover asks here instead of querying qms's tables;
 * each method takes the caller's transaction when it has one.
 */
@Injectable()
export class PackageDocuments {
  constructor(private readonly dataSource: DataSource) {}

  /** The package's document ids, by document type. */
  async idsOf(packageId: string, em: EntityManager = this.dataSource.manager): Promise<string[]> {
    const rows = (await em.query(`SELECT id FROM controlled_documents WHERE package_id = $1 ORDER BY document_type`, [
      packageId,
    ])) as { id: string }[];
    return rows.map((r) => r.id);
  }

  /** The package that drafted a document; null for a document outside any package or an unknown id. */
  async packageOf(documentId: string, em: EntityManager = this.dataSource.manager): Promise<string | null> {
    const [row] = (await em.query(`SELECT package_id FROM controlled_documents WHERE id = $1`, [documentId])) as {
      package_id: string | null;
    }[];
    return row?.package_id ?? null;
  }

  /** Each document's type and owner, as the readiness checklist needs them. */
  async ownersOf(packageId: string, em: EntityManager): Promise<{ type: string; ownerId: string | null }[]> {
    const rows = (await em.query(`SELECT document_type, owner_id FROM controlled_documents WHERE package_id = $1`, [
      packageId,
    ])) as OwnerRow[];
    return rows.map((r) => ({ type: r.document_type, ownerId: r.owner_id }));
  }

  async controlStateOf(packageId: string, em: EntityManager): Promise<PackageControlState> {
    const [row] = (await em.query(
      `SELECT (SELECT count(*) FROM controlled_documents d WHERE d.package_id = $1) AS documents,
              (SELECT count(*) FROM controlled_documents d JOIN document_revisions r ON r.document_id = d.id AND r.state = 'effective' WHERE d.package_id = $1) AS effective,
              (SELECT count(*) FROM training_assignments t JOIN document_revisions r ON r.id = t.revision_id AND r.state = 'effective'
                 JOIN controlled_documents d ON d.id = r.document_id WHERE d.package_id = $1 AND t.acknowledged_at IS NULL) AS untrained`,
      [packageId],
    )) as ControlStateRow[];
    return {
      documents: Number(row?.documents ?? 0),
      effective: Number(row?.effective ?? 0),
      untrained: Number(row?.untrained ?? 0),
    };
  }

  async traceOf(packageId: string, em: EntityManager = this.dataSource.manager): Promise<PackageDocumentTrace[]> {
    const rows = (await em.query(
      `SELECT d.id, d.number, d.title, d.review_flagged_at,
              (SELECT r.revision FROM document_revisions r WHERE r.document_id = d.id AND r.state = 'effective') AS effective_revision,
              (SELECT count(*)::int FROM training_assignments t JOIN document_revisions r ON r.id = t.revision_id AND r.state = 'effective' WHERE r.document_id = d.id) AS assigned,
              (SELECT count(t.acknowledged_at)::int FROM training_assignments t JOIN document_revisions r ON r.id = t.revision_id AND r.state = 'effective' WHERE r.document_id = d.id) AS acknowledged,
              coalesce((SELECT array_agg(c.assumption_id) FROM document_citations c WHERE c.document_id = d.id), '{}') AS cited
         FROM controlled_documents d WHERE d.package_id = $1 ORDER BY d.document_type`,
      [packageId],
    )) as TraceRow[];
    return rows.map(toTrace);
  }
}

/** The package documents' first revisions, by type: part of what the package's signatures hash. */
export async function packageDocumentContents(em: EntityManager, packageId: string): Promise<PackageDocumentContent[]> {
  const rows = (await em.query(
    `SELECT d.document_type, r.title, r.body FROM controlled_documents d JOIN document_revisions r ON r.document_id = d.id AND r.revision = 1
      WHERE d.package_id = $1 ORDER BY d.document_type`,
    [packageId],
  )) as ContentRow[];
  return rows.map(toContent);
}

interface ContentRow {
  document_type: string;
  title: string;
  body: string;
}

function toContent(row: ContentRow): PackageDocumentContent {
  return { documentType: row.document_type, title: row.title, body: row.body };
}

interface OwnerRow {
  document_type: string;
  owner_id: string | null;
}

/** count(*) comes back from pg as a string. */
interface ControlStateRow {
  documents: string;
  effective: string;
  untrained: string;
}

interface TraceRow {
  id: string;
  number: string | null;
  title: string;
  review_flagged_at: Date | null;
  effective_revision: number | null;
  assigned: number;
  acknowledged: number;
  cited: string[];
}

function toTrace(row: TraceRow): PackageDocumentTrace {
  return {
    id: row.id,
    number: row.number,
    title: row.title,
    reviewFlaggedAt: row.review_flagged_at,
    effectiveRevision: row.effective_revision,
    assigned: row.assigned,
    acknowledged: row.acknowledged,
    citedAssumptionIds: row.cited,
  };
}
