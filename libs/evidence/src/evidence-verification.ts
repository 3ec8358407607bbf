import { auditEntriesAt, hashAuditEntry, StoredAuditEntry } from '@ambidex/platform';
import { signaturesOfRecords } from '@ambidex/qms';
import { EntityManager } from 'typeorm';
import { EvidenceRecord } from './domain/evidence-index';
import { EVIDENCE_RECORD_FORMAT } from './evidence-archive';
import { readZipArchive, ZipFile } from './zip-archive';

export interface EvidenceProblem {
  file: string;
  problem: string;
}

export interface EvidenceVerification {
  ok: boolean;
  records: number;
  signatures: number;
  problems: EvidenceProblem[];
}

const BATCH = 5_000;

function factsOf(entry: StoredAuditEntry): Parameters<typeof hashAuditEntry>[1] {
  const { prevHash: _prevHash, hash: _hash, ...facts } = entry;
  return facts;
}

function parseRecord(file: ZipFile): EvidenceRecord | string {
  try {
    const value = JSON.parse(file.data.toString('utf8')) as Partial<EvidenceRecord> & { format?: string };
    if (value.format !== EVIDENCE_RECORD_FORMAT) return `not an evidence record (format ${String(value.format)})`;
    if (value.entry === undefined || typeof value.contentHash !== 'string') return 'the record has no entry or hash';
    return value as EvidenceRecord;
  } catch {
    return 'not valid JSON';
  }
}

/**
 * Checks an evidence ZIP against the trail: each record's entry is hashed again (a changed fact breaks it), its hash
 * must be the content hash it states, and the trail must hold that very hash at the same chain position. Each
 * signature listed must exist with the same signed hash. Every problem is reported, not only the first.
 */
export async function verifyEvidenceArchive(em: EntityManager, zip: Buffer): Promise<EvidenceVerification> {
  const problems: EvidenceProblem[] = [];
  const records: { file: string; record: EvidenceRecord }[] = [];
  for (const file of readZipArchive(zip).filter((f) => f.name.startsWith('records/'))) {
    const parsed = parseRecord(file);
    if (typeof parsed === 'string') problems.push({ file: file.name, problem: parsed });
    else records.push({ file: file.name, record: parsed });
  }
  let signatures = 0;
  for (let i = 0; i < records.length; i += BATCH) {
    const batch = records.slice(i, i + BATCH);
    const stored = await auditEntriesAt(
      em,
      batch.map(({ record }) => ({ chainKey: record.entry.chainKey, seq: record.entry.seq })),
    );
    const trail = new Map(stored.map((e) => [`${e.chainKey}#${e.seq}`, e.hash]));
    const signatureIds = batch.flatMap(({ record }) => record.signatures.map((s) => s.id));
    const signed = new Map(
      (await signaturesOfRecords(em, { ids: signatureIds })).map((s) => [s.id, s.contentHash] as const),
    );
    for (const { file, record } of batch) {
      const entry = record.entry;
      const recomputed = hashAuditEntry(entry.prevHash, factsOf(entry));
      if (recomputed !== entry.hash)
        problems.push({ file, problem: 'the entry does not hash to its stated hash: its content was changed' });
      if (record.contentHash !== entry.hash) problems.push({ file, problem: 'the content hash is not the entry hash' });
      const inTrail = trail.get(`${entry.chainKey}#${entry.seq}`);
      if (inTrail === undefined)
        problems.push({ file, problem: `no entry ${entry.chainKey} #${entry.seq} in the audit trail` });
      else if (inTrail !== entry.hash)
        problems.push({ file, problem: `the audit trail holds another hash at ${entry.chainKey} #${entry.seq}` });
      for (const s of record.signatures) {
        signatures += 1;
        const hash = signed.get(s.id);
        if (hash === undefined) problems.push({ file, problem: `signature ${s.id} is not on record` });
        else if (hash !== s.signedHash) problems.push({ file, problem: `signature ${s.id} signed another hash` });
      }
    }
  }
  return { ok: problems.length === 0, records: records.length, signatures, problems };
}
