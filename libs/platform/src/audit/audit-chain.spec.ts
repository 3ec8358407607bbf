import fc from 'fast-check';
import { AuditFacts, canonicalJson, GENESIS_HASH, hashAuditEntry, StoredAuditEntry, verifyChain } from './audit-chain';

function buildChain(actions: string[]): StoredAuditEntry[] {
  let prevHash = GENESIS_HASH;
  return actions.map((action, index) => {
    const facts: AuditFacts = {
      chainKey: 'user:1',
      seq: index + 1,
      occurredAt: new Date(Date.UTC(2026, 0, 1, 0, 0, index)).toISOString(),
      actorId: null,
      actorLabel: 'system',
      action,
      entityType: 'user',
      entityId: '1',
      reason: null,
      before: { n: index },
      after: { n: index + 1, nested: { b: 1, a: [1, 2] } },
      requestId: null,
    };
    const hash = hashAuditEntry(prevHash, facts);
    const entry = { ...facts, prevHash, hash };
    prevHash = hash;
    return entry;
  });
}

const headOf = (chain: StoredAuditEntry[]): { seq: number; hash: string } => ({
  seq: chain.length,
  hash: chain[chain.length - 1]?.hash ?? GENESIS_HASH,
});

describe('audit hash chain', () => {
  it('canonical JSON ignores key order at every depth', () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: [3, { f: 1, e: 2 }] } })).toBe(
      canonicalJson({ a: { c: [3, { e: 2, f: 1 }], d: 2 }, b: 1 }),
    );
  });

  it('an untouched chain verifies', () => {
    const chain = buildChain(['a', 'b', 'c']);
    expect(verifyChain('user:1', chain, headOf(chain))).toEqual([]);
  });

  it('detects any changed field of any entry', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 4 }),
        fc.constantFrom('action', 'actorLabel', 'reason', 'after'),
        (index, field) => {
          const chain = buildChain(['a', 'b', 'c', 'd', 'e']);
          const head = headOf(chain);
          const entry = chain[index]!;
          (entry as unknown as Record<string, unknown>)[field] = field === 'after' ? { n: -1 } : 'forged';
          const problems = verifyChain('user:1', chain, head);
          return problems.some((p) => p.seq === index + 1 && p.problem.includes('changed'));
        },
      ),
    );
  });

  it('detects a removed entry in the middle', () => {
    const chain = buildChain(['a', 'b', 'c', 'd']);
    const head = headOf(chain);
    chain.splice(1, 1);
    expect(verifyChain('user:1', chain, head).map((p) => p.problem)).toEqual(
      expect.arrayContaining([expect.stringContaining('missing'), expect.stringContaining('prev_hash')]),
    );
  });

  it('detects a removed tail through the head', () => {
    const chain = buildChain(['a', 'b', 'c']);
    const head = headOf(chain);
    chain.pop();
    expect(verifyChain('user:1', chain, head)).toEqual([
      expect.objectContaining({ problem: expect.stringContaining('removed') }),
    ]);
  });

  it('detects a rewritten chain that was re-hashed but not re-headed', () => {
    const original = buildChain(['a', 'b']);
    const forged = buildChain(['a', 'x']);
    expect(verifyChain('user:1', forged, headOf(original))).not.toEqual([]);
  });
});
