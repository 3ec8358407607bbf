import { EvidenceIndex, EvidenceRecord } from './domain/evidence-index';
import { zipArchive } from './zip-archive';

/** Written into every file of an export, so a reader knows what it holds and the verify command what to check. */
export const EVIDENCE_RECORD_FORMAT = 'ambidex-evidence-record/1';
export const EVIDENCE_INDEX_FORMAT = 'ambidex-evidence-index/1';

export const recordFile = (id: string): string => `records/${id}.json`;

const json = (value: unknown): Buffer => Buffer.from(`${JSON.stringify(value, null, 2)}\n`, 'utf8');

/** One JSON per record; the `entry` is exactly what the chain hashed, so it can be hashed again. */
export function recordJson(record: EvidenceRecord): unknown {
  return { format: EVIDENCE_RECORD_FORMAT, ...record };
}

/** The coverage report: clauses with and without evidence in the period. */
export function coverageJson(index: EvidenceIndex): unknown {
  return {
    from: index.from,
    to: index.to,
    generatedAt: index.generatedAt,
    clauses: index.clauses.length,
    covered: index.clauses.filter((c) => c.records.length > 0).map((c) => ({ id: c.id, records: c.records.length })),
    missing: index.missing,
  };
}

/** index.json (by clause), coverage.json and records/<id>.json for every record. */
export function evidenceZip(index: EvidenceIndex): Promise<Buffer> {
  const files = [
    {
      name: 'index.json',
      data: json({
        format: EVIDENCE_INDEX_FORMAT,
        from: index.from,
        to: index.to,
        generatedAt: index.generatedAt,
        records: index.records.length,
        clauses: index.clauses.map((c) => ({ id: c.id, title: c.title, records: c.records.map(recordFile) })),
      }),
    },
    { name: 'coverage.json', data: json(coverageJson(index)) },
    ...index.records.map((r) => ({ name: recordFile(r.id), data: json(recordJson(r)) })),
  ];
  return zipArchive(files, new Date(index.generatedAt));
}
