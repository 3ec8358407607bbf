import { EntityManager } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { queryRows } from '../database/query-rows';
import { AnchorReport, checkAnchors } from './audit-anchor-check';
import { ChainProblem, StoredAuditEntry, verifyChain } from './audit-chain';
import { replayCheckpoints } from './audit-checkpoint';
import { AuditCheckpointStore } from './audit-checkpoint-store';
import { ChainHeadRow } from './chain-head-rows';

export interface AuditVerification {
  ok: boolean;
  chains: number;
  entries: number;
  problems: ChainProblem[];
  /** Present when checked against the signed checkpoints (verifyAnchoredAuditTrail). */
  anchor?: AnchorReport;
}

/**
 * The chains re-hashed (verifyAuditTrail) and compared with the signed checkpoints outside the database. Call it in
 * a REPEATABLE READ transaction, so appends during the walk cannot look like breaks.
 */
export async function verifyAnchoredAuditTrail(
  em: EntityManager,
  settings: AppConfig['audit'],
  onlyChain?: string,
): Promise<AuditVerification> {
  const chains = await verifyAuditTrail(em, onlyChain);
  const store = new AuditCheckpointStore(settings);
  const [db] = await queryRows<{ name: string }>(em, `SELECT current_database() AS name`);
  const key = store.verifyingKey();
  const replayed = replayCheckpoints(store.lines(), key, db?.name ?? '');
  const anchors = await checkAnchors(em, replayed, onlyChain);
  const problems = [...chains.problems, ...anchors.problems];
  return {
    ...chains,
    ok: problems.length === 0,
    problems,
    anchor: {
      checkpointFile: store.checkpointFile,
      checkpoints: replayed.count,
      latestAt: replayed.latest?.at ?? null,
      keyId: replayed.latest?.keyId ?? null,
      covered: anchors.covered,
      newer: anchors.newer,
    },
  };
}

/** An audit_entries row as the driver gives it (also read by audit-entry-reader). */
export interface EntryRow {
  chain_key: string;
  seq: number;
  prev_hash: string;
  hash: string;
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

const PAGE = 5000;

/**
 * Re-hashes every chain. Takes an EntityManager so a caller can verify inside its own transaction
 * (the tamper test changes a row and checks it is caught, then rolls back).
 */
export async function verifyAuditTrail(em: EntityManager, onlyChain?: string): Promise<AuditVerification> {
  const heads = new Map<string, { seq: number; hash: string }>();
  const headRows = await queryRows<ChainHeadRow>(
    em,
    `SELECT chain_key, seq, hash FROM audit_chain_heads ${onlyChain === undefined ? '' : 'WHERE chain_key = $1'}`,
    onlyChain === undefined ? [] : [onlyChain],
  );
  for (const row of headRows) heads.set(row.chain_key, { seq: row.seq, hash: row.hash });

  const problems: ChainProblem[] = [];
  let entries = 0;
  let current: { key: string; rows: StoredAuditEntry[] } | null = null;
  const seen = new Set<string>();
  const finish = (): void => {
    if (current === null) return;
    seen.add(current.key);
    problems.push(...verifyChain(current.key, current.rows, heads.get(current.key) ?? null));
  };

  let after: [string, number] = ['', 0];
  for (;;) {
    const rows = await queryRows<EntryRow>(
      em,
      `SELECT * FROM audit_entries WHERE (chain_key, seq) > ($1, $2) ${onlyChain === undefined ? '' : 'AND chain_key = $4'}
       ORDER BY chain_key, seq LIMIT $3`,
      onlyChain === undefined ? [after[0], after[1], PAGE] : [after[0], after[1], PAGE, onlyChain],
    );
    for (const row of rows) {
      if (current === null || current.key !== row.chain_key) {
        finish();
        current = { key: row.chain_key, rows: [] };
      }
      current.rows.push(toStored(row));
      entries += 1;
    }
    const last = rows[rows.length - 1];
    if (last === undefined || rows.length < PAGE) break;
    after = [last.chain_key, last.seq];
  }
  finish();
  for (const [key, head] of heads) {
    if (!seen.has(key) && head.seq > 0) {
      problems.push({ chainKey: key, seq: null, problem: 'chain head points at entries that no longer exist' });
    }
  }
  return { ok: problems.length === 0, chains: heads.size, entries, problems };
}

export function toStored(row: EntryRow): StoredAuditEntry {
  return {
    chainKey: row.chain_key,
    seq: row.seq,
    prevHash: row.prev_hash,
    hash: row.hash,
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
  };
}
