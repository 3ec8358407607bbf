import { EvidenceReader } from '@ambidex/experiments';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PackageNotFoundError } from './domain/handover.errors';

export interface TraceChain {
  requirement: { key: string; text: string };
  assumption: { id: string; statement: string; status: string } | null;
  experiments: { id: string; metric: string; result: string | null }[];
  learnings: { id: string; belief: string }[];
  documents: { id: string; number: string | null; effectiveRevision: number | null; flaggedForReview: boolean }[];
  training: { assigned: number; acknowledged: number };
}

export interface TraceGap {
  kind:
    | 'requirement_without_evidence'
    | 'document_without_source'
    | 'training_not_done'
    | 'document_not_effective'
    | 'document_flagged';
  subject: string;
  detail: string;
}

/**
 * One trace from assumption to training: assumption → experiment → learning → requirement → controlled document →
 * training, with its gaps listed automatically.
 */
@Injectable()
export class TraceView {
  constructor(
    private readonly dataSource: DataSource,
    private readonly evidence: EvidenceReader,
  ) {}

  async forPackage(packageId: string): Promise<{ chains: TraceChain[]; gaps: TraceGap[] }> {
    const [pkg] = (await this.dataSource.query(`SELECT id FROM handover_packages WHERE id = $1`, [
      packageId,
    ])) as unknown[];
    if (pkg === undefined) throw new PackageNotFoundError(packageId);
    const requirements = (await this.dataSource.query(
      `SELECT r.key, r.text, r.assumption_id, r.experiment_ids, r.learning_ids
         FROM handover_requirements r WHERE r.package_id = $1 ORDER BY r.key`,
      [packageId],
    )) as {
      key: string;
      text: string;
      assumption_id: string | null;
      experiment_ids: string[];
      learning_ids: string[];
    }[];
    const documents = (await this.dataSource.query(
      `SELECT d.id, d.number, d.title, d.review_flagged_at,
              (SELECT r.revision FROM document_revisions r WHERE r.document_id = d.id AND r.state = 'effective') AS effective_revision,
              (SELECT count(*)::int FROM training_assignments t JOIN document_revisions r ON r.id = t.revision_id AND r.state = 'effective' WHERE r.document_id = d.id) AS assigned,
              (SELECT count(t.acknowledged_at)::int FROM training_assignments t JOIN document_revisions r ON r.id = t.revision_id AND r.state = 'effective' WHERE r.document_id = d.id) AS acknowledged,
              coalesce((SELECT array_agg(c.assumption_id) FROM document_citations c WHERE c.document_id = d.id), '{}') AS cited
         FROM controlled_documents d WHERE d.package_id = $1 ORDER BY d.document_type`,
      [packageId],
    )) as {
      id: string;
      number: string | null;
      title: string;
      review_flagged_at: Date | null;
      effective_revision: number | null;
      assigned: number;
      acknowledged: number;
      cited: string[];
    }[];
    const experimentIds = [...new Set(requirements.flatMap((r) => r.experiment_ids))];
    const learningIds = [...new Set(requirements.flatMap((r) => r.learning_ids))];
    const em = this.dataSource.manager;
    const assumptionIds = requirements.flatMap((r) => (r.assumption_id === null ? [] : [r.assumption_id]));
    const assumptions = new Map((await this.evidence.assumptionsByIds(em, assumptionIds)).map((a) => [a.id, a]));
    const experiments = (await this.evidence.experimentsByIds(em, experimentIds)).map((e) => ({
      id: e.id,
      metric: e.metric,
      result: e.result?.result ?? null,
    }));
    const learnings = (await this.evidence.learningsByIds(em, learningIds)).map((l) => ({
      id: l.id,
      belief: l.belief,
    }));

    const chains: TraceChain[] = requirements.map((r) => {
      const docs = documents.filter((d) => r.assumption_id !== null && d.cited.includes(r.assumption_id));
      const assumption = r.assumption_id === null ? undefined : assumptions.get(r.assumption_id);
      return {
        requirement: { key: r.key, text: r.text },
        assumption:
          r.assumption_id === null
            ? null
            : { id: r.assumption_id, statement: assumption?.statement ?? '', status: assumption?.status ?? 'unknown' },
        experiments: experiments.filter((e) => r.experiment_ids.includes(e.id)),
        learnings: learnings.filter((l) => r.learning_ids.includes(l.id)),
        documents: docs.map((d) => ({
          id: d.id,
          number: d.number,
          effectiveRevision: d.effective_revision,
          flaggedForReview: d.review_flagged_at !== null,
        })),
        training: {
          assigned: docs.reduce((n, d) => n + d.assigned, 0),
          acknowledged: docs.reduce((n, d) => n + d.acknowledged, 0),
        },
      };
    });
    const gaps: TraceGap[] = [
      ...requirements
        .filter((r) => r.experiment_ids.length === 0)
        .map((r) => gap('requirement_without_evidence', r.key, 'no validating experiment linked')),
      ...documents
        .filter((d) => d.cited.length === 0)
        .map((d) => gap('document_without_source', d.number ?? d.title, 'cites no assumption or requirement')),
      ...documents
        .filter((d) => d.effective_revision === null)
        .map((d) => gap('document_not_effective', d.number ?? d.title, 'no effective revision yet')),
      ...documents
        .filter((d) => d.effective_revision !== null && d.acknowledged < d.assigned)
        .map((d) =>
          gap(
            'training_not_done',
            d.number ?? d.title,
            `${d.assigned - d.acknowledged} of ${d.assigned} not acknowledged`,
          ),
        ),
      ...documents
        .filter((d) => d.review_flagged_at !== null)
        .map((d) =>
          gap('document_flagged', d.number ?? d.title, 'flagged for review: a cited assumption was invalidated'),
        ),
    ];
    return { chains, gaps };
  }

  /** The same trace seen from one document: the package it came from. */
  async packageOfDocument(documentId: string): Promise<string | null> {
    const [row] = (await this.dataSource.query(`SELECT package_id FROM controlled_documents WHERE id = $1`, [
      documentId,
    ])) as { package_id: string | null }[];
    return row?.package_id ?? null;
  }
}

function gap(kind: TraceGap['kind'], subject: string, detail: string): TraceGap {
  return { kind, subject, detail };
}
