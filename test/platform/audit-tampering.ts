import { AuditFacts, GENESIS_HASH, hashAuditEntry } from '@ambidex/platform';
import { QueryRunner } from 'typeorm';

/**
 * What someone holding the owner's account (or a superuser) can do to the trail: switch the triggers off and
 * rewrite rows, re-hashing them with the published algorithm. Each kind runs on a chain of four entries that a
 * signed checkpoint covers, inside a transaction the test rolls back.
 */
export type Tampering = (owner: QueryRunner, chain: string) => Promise<void>;

interface Row {
  seq: number;
  occurred_at: Date;
  actor_id: string | null;
  actor_label: string;
  action: string;
  entity_type: string;
  entity_id: string;
  reason: string | null;
  before: unknown;
  after: unknown;
  request_id: string | null;
}

const factsOf = (chain: string, seq: number, row: Row): AuditFacts => ({
  chainKey: chain,
  seq,
  occurredAt: new Date(row.occurred_at).toISOString(),
  actorId: row.actor_id,
  actorLabel: row.actor_label,
  action: row.action,
  entityType: row.entity_type,
  entityId: row.entity_id,
  reason: row.reason,
  before: row.before,
  after: row.after,
  requestId: row.request_id,
});

const json = (value: unknown): string | null => (value === null ? null : JSON.stringify(value));

async function rows(owner: QueryRunner, chain: string): Promise<Row[]> {
  return (await owner.query(`SELECT * FROM audit_entries WHERE chain_key = $1 ORDER BY seq`, [chain])) as Row[];
}

/** Writes the chain back as `wanted` (renumbered from 1, correctly re-hashed) and moves the head onto its end. */
async function rewriteConsistently(owner: QueryRunner, chain: string, wanted: Row[]): Promise<void> {
  await owner.query(`DELETE FROM audit_entries WHERE chain_key = $1`, [chain]);
  let prev = GENESIS_HASH;
  for (const [index, row] of wanted.entries()) {
    const facts = factsOf(chain, index + 1, row);
    const hash = hashAuditEntry(prev, facts);
    await owner.query(
      `INSERT INTO audit_entries (chain_key, seq, prev_hash, hash, occurred_at, actor_id, actor_label, action, entity_type,
                                  entity_id, reason, before, after, request_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
      [
        chain,
        facts.seq,
        prev,
        hash,
        facts.occurredAt,
        facts.actorId,
        facts.actorLabel,
        facts.action,
        facts.entityType,
        facts.entityId,
        facts.reason,
        json(facts.before),
        json(facts.after),
        facts.requestId,
      ],
    );
    prev = hash;
  }
  await owner.query(`UPDATE audit_chain_heads SET seq = $2, hash = $3 WHERE chain_key = $1`, [
    chain,
    wanted.length,
    prev,
  ]);
}

/**
 * [kind, tampering, the problem verify must name, whether re-hashing the chains alone (no checkpoint) catches it].
 * The last four pass a chain-only check: only the signed checkpoints tell.
 */
export const TAMPERINGS: [kind: string, tamper: Tampering, problem: RegExp, chainAloneCatchesIt: boolean][] = [
  [
    'changed field (an entry edited in place)',
    async (owner, chain) => {
      await owner.query(`UPDATE audit_entries SET after = '{"n": 99}' WHERE chain_key = $1 AND seq = 2`, [chain]);
    },
    /changed/,
    true,
  ],
  [
    'deleted row (an entry removed from the middle)',
    async (owner, chain) => {
      await owner.query(`DELETE FROM audit_entries WHERE chain_key = $1 AND seq = 2`, [chain]);
    },
    /missing|prev_hash/,
    true,
  ],
  [
    'reordered rows (two entries swapped)',
    async (owner, chain) => {
      await owner.query(`UPDATE audit_entries SET seq = -2 WHERE chain_key = $1 AND seq = 2`, [chain]);
      await owner.query(`UPDATE audit_entries SET seq = 2 WHERE chain_key = $1 AND seq = 3`, [chain]);
      await owner.query(`UPDATE audit_entries SET seq = 3 WHERE chain_key = $1 AND seq = -2`, [chain]);
    },
    /prev_hash|changed/,
    true,
  ],
  [
    'forged row (a correctly hashed entry appended, head moved, dated back to when it would have mattered)',
    async (owner, chain) => {
      const all = await rows(owner, chain);
      const second = all[1] as Row;
      const aMonthAgo = new Date(Date.now() - 30 * 86_400_000);
      const forged: Row = { ...second, occurred_at: aMonthAgo, action: 'test.forged', after: { approvedBy: 'nobody' } };
      await rewriteConsistently(owner, chain, [...all, forged]);
    },
    /back-dated/,
    false,
  ],
  [
    'consistent rewrite (an entry changed and every later hash and the head recomputed)',
    async (owner, chain) => {
      const all = await rows(owner, chain);
      await rewriteConsistently(
        owner,
        chain,
        all.map((row) => (row.seq === 2 ? { ...row, after: { n: 99 } } : row)),
      );
    },
    /rewritten/,
    false,
  ],
  [
    'truncated tail (the last entries removed and the head moved back onto the new end)',
    async (owner, chain) => {
      const all = await rows(owner, chain);
      await rewriteConsistently(owner, chain, all.slice(0, 2));
    },
    /tail removed/,
    false,
  ],
  [
    'deleted chain (every entry and the head removed)',
    async (owner, chain) => {
      await owner.query(`DELETE FROM audit_entries WHERE chain_key = $1`, [chain]);
      await owner.query(`DELETE FROM audit_chain_heads WHERE chain_key = $1`, [chain]);
    },
    /deleted/,
    false,
  ],
];
