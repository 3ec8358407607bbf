import { clausesOfAction, recordLink } from './evidence-sources';

/** An audit entry as exported: every fact its hash covers, and its hashes (the trail's StoredAuditEntry). */
export interface EvidenceEntry {
  chainKey: string;
  seq: number;
  prevHash: string;
  hash: string;
  occurredAt: string;
  actorId: string | null;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: string;
  reason: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
}

export interface EvidenceSignature {
  id: string;
  signer: string;
  signerId: string;
  meaning: string;
  signedAt: string;
  /** The SHA-256 of exactly what was signed, as stored with the signature. */
  signedHash: string;
}

/** One record of evidence: an audit entry, where it lives in the console, its signatures and its content hash. */
export interface EvidenceRecord {
  /** The entry's row id; its file in the ZIP is records/<id>.json. */
  id: string;
  clauses: string[];
  link: string | null;
  /** The entry's hash in the chain: recomputed from `entry` by the verify command and looked up in the trail. */
  contentHash: string;
  signatures: EvidenceSignature[];
  entry: EvidenceEntry;
}

export interface ClauseRef {
  id: string;
  title: string;
}

export interface EvidenceClause extends ClauseRef {
  /** Record ids, oldest first. */
  records: string[];
}

export interface EvidenceIndex {
  from: string;
  to: string;
  generatedAt: string;
  clauses: EvidenceClause[];
  /** The coverage report: every clause of the catalogue with no record in the period. */
  missing: ClauseRef[];
  records: EvidenceRecord[];
}

/**
 * Files the period's entries under the clauses they evidence, in catalogue order; a clause without one is missing.
 * Entries that evidence no clause of the catalogue are left out.
 */
export function buildEvidenceIndex(input: {
  from: string;
  to: string;
  generatedAt: Date;
  catalogue: readonly ClauseRef[];
  entries: readonly (EvidenceEntry & { id: string })[];
  signaturesOf: (entry: EvidenceEntry) => EvidenceSignature[];
}): EvidenceIndex {
  const known = new Set(input.catalogue.map((c) => c.id));
  const byClause = new Map<string, string[]>(input.catalogue.map((c) => [c.id, []]));
  const records: EvidenceRecord[] = [];
  for (const { id, ...entry } of input.entries) {
    const clauses = clausesOfAction(entry.action).filter((c) => known.has(c));
    if (clauses.length === 0) continue;
    for (const clause of clauses) byClause.get(clause)?.push(id);
    records.push({
      id,
      clauses,
      link: recordLink(entry),
      contentHash: entry.hash,
      signatures: input.signaturesOf(entry),
      entry,
    });
  }
  const clauses = input.catalogue.map((c) => ({ id: c.id, title: c.title, records: byClause.get(c.id) ?? [] }));
  return {
    from: input.from,
    to: input.to,
    generatedAt: input.generatedAt.toISOString(),
    clauses,
    missing: clauses.filter((c) => c.records.length === 0).map((c) => ({ id: c.id, title: c.title })),
    records,
  };
}
