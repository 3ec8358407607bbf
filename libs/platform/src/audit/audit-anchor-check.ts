import { EntityManager } from 'typeorm';
import { queryRows } from '../database/query-rows';
import { ChainProblem } from './audit-chain';
import { AnchoredHead, ReplayedCheckpoints } from './audit-checkpoint';
import { ChainSeqRow } from './chain-head-rows';

/** What the signed checkpoints fix, and what is newer than the latest of them (not anchored yet). */
export interface AnchorReport {
  checkpointFile: string;
  checkpoints: number;
  latestAt: string | null;
  keyId: string | null;
  covered: { chains: number; entries: number };
  newer: { chains: number; entries: number };
}

const BATCH = 5000;

/** An anchored head as the database has it now: its hash (null when the entry is gone) and the chain's last seq. */
interface AnchoredEntryRow {
  chain_key: string;
  seq: number;
  hash: string | null;
  last: number | null;
}

/**
 * How long before a checkpoint's snapshot an entry it does not cover may be dated: a transaction that started
 * before the snapshot commits after it. Anything older that the checkpoint missed was back-dated.
 */
export const BACKDATING_SLACK_MS = 15 * 60_000;

/**
 * Every anchored head must still be in the database under its anchored hash. With the chains re-hashed from their
 * start, that proves every anchored entry intact: a truncated tail, a deleted chain and a consistent rewrite of
 * anchored history all fail here, however well they were re-hashed.
 */
export async function checkAnchors(
  em: EntityManager,
  replayed: ReplayedCheckpoints,
  onlyChain: string | undefined,
): Promise<{ problems: ChainProblem[]; covered: AnchorReport['covered']; newer: AnchorReport['newer'] }> {
  const anchored = [...replayed.heads].filter(([key]) => onlyChain === undefined || key === onlyChain);
  const problems: ChainProblem[] = replayed.problems.map((problem) => ({
    chainKey: '(checkpoints)',
    seq: null,
    problem,
  }));
  for (let i = 0; i < anchored.length; i += BATCH) {
    const batch = anchored.slice(i, i + BATCH);
    const rows = await queryRows<AnchoredEntryRow>(
      em,
      `SELECT k.chain_key, k.seq, e.hash,
              (SELECT max(x.seq) FROM audit_entries x WHERE x.chain_key = k.chain_key) AS last
         FROM unnest($1::text[], $2::int[]) AS k(chain_key, seq)
         LEFT JOIN audit_entries e ON e.chain_key = k.chain_key AND e.seq = k.seq`,
      [batch.map(([key]) => key), batch.map(([, head]) => head.seq)],
    );
    for (const row of rows) {
      const head = replayed.heads.get(row.chain_key) as AnchoredHead;
      if (row.last === null) {
        problems.push({
          chainKey: row.chain_key,
          seq: null,
          problem: `chain was deleted: a checkpoint anchored ${head.seq} entries`,
        });
      } else if (row.hash === null) {
        problems.push({
          chainKey: row.chain_key,
          seq: head.seq,
          problem: `anchored entry is gone: the chain ends at ${row.last} (tail removed)`,
        });
      } else if (row.hash !== head.hash) {
        problems.push({
          chainKey: row.chain_key,
          seq: head.seq,
          problem: 'anchored entry has another hash: history was rewritten',
        });
      }
    }
  }
  if (replayed.latest !== null) problems.push(...(await backdated(em, anchored, replayed.latest.at, onlyChain)));
  const covered = { chains: anchored.length, entries: anchored.reduce((n, [, head]) => n + head.seq, 0) };
  const current = await queryRows<ChainSeqRow>(
    em,
    `SELECT chain_key, seq FROM audit_chain_heads WHERE seq > 0 ${onlyChain === undefined ? '' : 'AND chain_key = $1'}`,
    onlyChain === undefined ? [] : [onlyChain],
  );
  const newer = { chains: 0, entries: 0 };
  for (const row of current) {
    const head = replayed.heads.get(row.chain_key);
    if (head === undefined) newer.chains += 1;
    newer.entries += Math.max(0, row.seq - (head?.seq ?? 0));
  }
  return { problems, covered, newer };
}

/** Entries no checkpoint covers, though dated well before the latest one: forged and back-dated. */
async function backdated(
  em: EntityManager,
  anchored: [string, AnchoredHead][],
  latestAt: string,
  onlyChain: string | undefined,
): Promise<ChainProblem[]> {
  const before = new Date(new Date(latestAt).getTime() - BACKDATING_SLACK_MS).toISOString();
  const rows = await queryRows<ChainSeqRow>(
    em,
    `SELECT e.chain_key, e.seq FROM audit_entries e
       LEFT JOIN unnest($1::text[], $2::int[]) AS k(chain_key, seq) ON k.chain_key = e.chain_key
      WHERE e.occurred_at < $3 AND e.seq > coalesce(k.seq, 0) ${onlyChain === undefined ? '' : 'AND e.chain_key = $4'}
      ORDER BY e.chain_key, e.seq LIMIT 1000`,
    [
      anchored.map(([key]) => key),
      anchored.map(([, head]) => head.seq),
      before,
      ...(onlyChain === undefined ? [] : [onlyChain]),
    ],
  );
  return rows.map((row) => ({
    chainKey: row.chain_key,
    seq: row.seq,
    problem: `entry is dated before the checkpoint of ${latestAt} but not covered by it: it was added later and back-dated`,
  }));
}
