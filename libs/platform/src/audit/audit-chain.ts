import { createHash } from 'node:crypto';

/** The hash before a chain's first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields of an audit entry that its hash covers. */
export interface AuditFacts {
  chainKey: string;
  seq: number;
  occurredAt: string; // ISO 8601, millisecond precision
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

/** JSON with object keys sorted at every depth, so jsonb's own key order cannot change the hash. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function hashAuditEntry(prevHash: string, facts: AuditFacts): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalJson(facts)).digest('hex');
}

export interface ChainProblem {
  chainKey: string;
  seq: number | null;
  problem: string;
}

export interface StoredAuditEntry extends AuditFacts {
  prevHash: string;
  hash: string;
}

/**
 * Walks one chain's entries (in seq order) and its head; reports every break.
 * A changed row breaks its own hash, a removed row leaves a gap, a removed tail disagrees with the head.
 */
export function verifyChain(
  chainKey: string,
  entries: StoredAuditEntry[],
  head: { seq: number; hash: string } | null,
): ChainProblem[] {
  const problems: ChainProblem[] = [];
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  for (const entry of entries) {
    if (entry.seq !== expectedSeq) {
      problems.push({ chainKey, seq: entry.seq, problem: `expected seq ${expectedSeq}: entries are missing` });
    }
    if (entry.prevHash !== prevHash) {
      problems.push({ chainKey, seq: entry.seq, problem: 'prev_hash does not match the previous entry' });
    }
    if (hashAuditEntry(entry.prevHash, factsOf(entry)) !== entry.hash) {
      problems.push({ chainKey, seq: entry.seq, problem: 'content does not match its hash: the entry was changed' });
    }
    expectedSeq = entry.seq + 1;
    prevHash = entry.hash;
  }
  if (head === null) {
    problems.push({ chainKey, seq: null, problem: 'chain has entries but no head' });
  } else if (head.seq !== expectedSeq - 1 || head.hash !== prevHash) {
    problems.push({
      chainKey,
      seq: head.seq,
      problem: 'chain head does not match the last entry: entries were removed',
    });
  }
  return problems;
}

function factsOf(entry: StoredAuditEntry): AuditFacts {
  const { prevHash: _prevHash, hash: _hash, ...facts } = entry;
  return facts;
}
