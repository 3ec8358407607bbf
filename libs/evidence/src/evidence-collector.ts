import { auditEntriesInPeriod } from '@ambidex/platform';
import { signaturesOfRecords, StoredSignatureRecord } from '@ambidex/qms';
import { EntityManager } from 'typeorm';
import { buildEvidenceIndex, EvidenceIndex, EvidenceSignature } from './domain/evidence-index';
import { EvidenceRange } from './domain/evidence-range';
import { EVIDENCE_PREFIXES, signatureRefs } from './domain/evidence-sources';
import { EVIDENCE_CATALOGUE } from './evidence-catalogue';

const BATCH = 5_000;

const signatureOf = (s: StoredSignatureRecord): EvidenceSignature => ({
  id: s.id,
  signer: s.printedName,
  signerId: s.signerId,
  meaning: s.meaning,
  signedAt: s.signedAt.toISOString(),
  signedHash: s.contentHash,
});

/**
 * The period's evidence, read through the readers of platform (the audit trail) and qms (e-signatures) in the
 * caller's transaction: run it in one REPEATABLE READ snapshot so the records and their signatures agree.
 */
export async function collectEvidence(em: EntityManager, range: EvidenceRange, now: Date): Promise<EvidenceIndex> {
  const entries = await auditEntriesInPeriod(em, {
    from: range.start,
    to: range.end,
    actionPrefixes: EVIDENCE_PREFIXES,
  });
  const refs = entries.map((e) => signatureRefs(e));
  const records = new Map<string, { recordType: string; recordId: string }>();
  const ids = new Set<string>();
  for (const ref of refs) {
    for (const r of ref.records) records.set(`${r.recordType}:${r.recordId}`, r);
    ref.signatureIds.forEach((id) => ids.add(id));
  }
  const byRecord = new Map<string, StoredSignatureRecord[]>();
  const byId = new Map<string, StoredSignatureRecord>();
  const recordList = [...records.values()];
  const idList = [...ids];
  // Batches keep each statement's arrays small on a year of records.
  for (let i = 0; i < Math.max(recordList.length, idList.length); i += BATCH) {
    const found = await signaturesOfRecords(em, {
      records: recordList.slice(i, i + BATCH),
      ids: idList.slice(i, i + BATCH),
    });
    for (const s of found) {
      byId.set(s.id, s);
      const key = `${s.recordType}:${s.recordId}`;
      const list = byRecord.get(key) ?? [];
      if (!list.some((x) => x.id === s.id)) list.push(s);
      byRecord.set(key, list);
    }
  }
  return buildEvidenceIndex({
    from: range.from,
    to: range.to,
    generatedAt: now,
    catalogue: EVIDENCE_CATALOGUE,
    entries,
    signaturesOf: (entry) => {
      const ref = signatureRefs(entry);
      const found = new Map<string, StoredSignatureRecord>();
      for (const r of ref.records)
        for (const s of byRecord.get(`${r.recordType}:${r.recordId}`) ?? []) found.set(s.id, s);
      for (const id of ref.signatureIds) {
        const s = byId.get(id);
        if (s !== undefined) found.set(s.id, s);
      }
      return [...found.values()].sort((a, b) => a.signedAt.getTime() - b.signedAt.getTime()).map(signatureOf);
    },
  });
}
