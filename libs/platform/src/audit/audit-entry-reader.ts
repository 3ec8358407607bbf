import { EntityManager } from 'typeorm';
import { queryRows } from '../database/query-rows';
import { StoredAuditEntry } from './audit-chain';
import { EntryRow, toStored } from './audit-verifier';

/** An entry of the trail as other contexts read it: every hashed fact, its hashes, and its row id. */
export interface AuditEntryRecord extends StoredAuditEntry {
  id: string;
}

export interface AuditEntryPeriod {
  /** Inclusive. */
  from: Date;
  /** Exclusive. */
  to: Date;
  /** Only entries whose action starts with one of these ('qms.revision.'); an empty list reads none. */
  actionPrefixes: readonly string[];
}

/** LIKE's own wildcards in a prefix are meant literally. */
function likePrefix(prefix: string): string {
  return `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * The trail's entries in a period, oldest first, for contexts that report on it (the evidence export). Read in the
 * caller's transaction, so a report and what it records about itself see the same trail.
 */
export async function auditEntriesInPeriod(em: EntityManager, period: AuditEntryPeriod): Promise<AuditEntryRecord[]> {
  if (period.actionPrefixes.length === 0) return [];
  const rows = await queryRows<EntryRow & { id: string }>(
    em,
    `SELECT * FROM audit_entries
      WHERE occurred_at >= $1 AND occurred_at < $2 AND action LIKE ANY ($3::text[])
      ORDER BY occurred_at, id`,
    [period.from, period.to, period.actionPrefixes.map(likePrefix)],
  );
  return rows.map((row) => ({ id: String(row.id), ...toStored(row) }));
}

/** The entries at these chain positions, as stored now: what an exported copy is checked against. */
export async function auditEntriesAt(
  em: EntityManager,
  positions: readonly { chainKey: string; seq: number }[],
): Promise<AuditEntryRecord[]> {
  if (positions.length === 0) return [];
  const rows = await queryRows<EntryRow & { id: string }>(
    em,
    `SELECT e.* FROM audit_entries e
       JOIN unnest($1::text[], $2::int[]) AS p(chain_key, seq) ON e.chain_key = p.chain_key AND e.seq = p.seq`,
    [positions.map((p) => p.chainKey), positions.map((p) => p.seq)],
  );
  return rows.map((row) => ({ id: String(row.id), ...toStored(row) }));
}
