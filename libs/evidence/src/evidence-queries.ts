import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EvidenceIndex, EvidenceRecord } from './domain/evidence-index';
import { evidenceRange } from './domain/evidence-range';
import { collectEvidence } from './evidence-collector';

/** A record as the console lists it under its clause. */
export interface EvidenceRecordSummary {
  id: string;
  action: string;
  occurredAt: string;
  actorLabel: string;
  entityType: string;
  entityId: string;
  link: string | null;
  contentHash: string;
  signatures: number;
}

export interface EvidenceClauseView {
  id: string;
  title: string;
  recordCount: number;
  /** The latest records, at most RECORDS_SHOWN: the exports hold them all. */
  records: EvidenceRecordSummary[];
}

export interface EvidenceOverview {
  from: string;
  to: string;
  generatedAt: string;
  recordCount: number;
  clauses: EvidenceClauseView[];
  missing: { id: string; title: string }[];
}

export const RECORDS_SHOWN = 20;

const summary = (r: EvidenceRecord): EvidenceRecordSummary => ({
  id: r.id,
  action: r.entry.action,
  occurredAt: r.entry.occurredAt,
  actorLabel: r.entry.actorLabel,
  entityType: r.entry.entityType,
  entityId: r.entry.entityId,
  link: r.link,
  contentHash: r.contentHash,
  signatures: r.signatures.length,
});

/** The index by clause and the coverage report of a period, for the console page; reading records nothing. */
@Injectable()
export class EvidenceQueries {
  constructor(private readonly dataSource: DataSource) {}

  async overview(from: unknown, to: unknown): Promise<EvidenceOverview> {
    const range = evidenceRange(from, to);
    const index = await this.dataSource.transaction('REPEATABLE READ', (em) => collectEvidence(em, range, new Date()));
    return overviewOf(index);
  }
}

export function overviewOf(index: EvidenceIndex): EvidenceOverview {
  const byId = new Map(index.records.map((r) => [r.id, r]));
  return {
    from: index.from,
    to: index.to,
    generatedAt: index.generatedAt,
    recordCount: index.records.length,
    clauses: index.clauses.map((c) => ({
      id: c.id,
      title: c.title,
      recordCount: c.records.length,
      records: c.records
        .slice(-RECORDS_SHOWN)
        .reverse()
        .flatMap((id) => {
          const r = byId.get(id);
          return r === undefined ? [] : [summary(r)];
        }),
    })),
    missing: index.missing,
  };
}
