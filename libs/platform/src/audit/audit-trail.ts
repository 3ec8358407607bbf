import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { queryRows } from '../database/query-rows';
import { requestContext } from '../logging/request-context';
import { Actor } from './actor';
import { AuditFacts, hashAuditEntry } from './audit-chain';

export interface AuditRecord {
  actor: Actor;
  action: string;
  entityType: string;
  entityId: string;
  reason?: string | null;
  before?: unknown;
  after?: unknown;
  /** Defaults to the entity: one chain per aggregate keeps writers to different aggregates apart. */
  chainKey?: string;
}

/** A chain's head, locked: where the next entry goes, and the database's clock for it. */
interface LockedHeadRow {
  seq: number;
  hash: string;
  occurred_at: Date;
}

/** Appends to the hash-chained audit trail inside the caller's transaction. */
@Injectable()
export class AuditTrail {
  async append(em: EntityManager, record: AuditRecord): Promise<void> {
    const chainKey = record.chainKey ?? `${record.entityType}:${record.entityId}`;
    // Locks the chain (an advisory lock per chain, until this transaction ends), then reads its head and the
    // database's clock: PostgreSQL refuses an entry that does not extend the head or carries another time.
    const [head] = await queryRows<LockedHeadRow>(em, `SELECT seq, hash, occurred_at FROM audit_lock_head($1)`, [
      chainKey,
    ]);
    if (head === undefined) throw new Error(`audit chain head for ${chainKey} could not be locked`);
    const facts: AuditFacts = {
      chainKey,
      seq: head.seq + 1,
      occurredAt: new Date(head.occurred_at).toISOString(),
      actorId: record.actor.userId,
      actorLabel: record.actor.label,
      action: record.action,
      entityType: record.entityType,
      entityId: record.entityId,
      reason: record.reason ?? null,
      before: normalise(record.before),
      after: normalise(record.after),
      requestId: requestContext.requestId(),
    };
    const hash = hashAuditEntry(head.hash, facts);
    // The insert moves the head (a trigger): the application may not update the trail itself.
    await em.query(
      `INSERT INTO audit_entries (chain_key, seq, prev_hash, hash, occurred_at, actor_id, actor_label, action,
                                  entity_type, entity_id, reason, before, after, request_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
      [
        chainKey,
        facts.seq,
        head.hash,
        hash,
        facts.occurredAt,
        facts.actorId,
        facts.actorLabel,
        facts.action,
        facts.entityType,
        facts.entityId,
        facts.reason,
        jsonParam(facts.before),
        jsonParam(facts.after),
        facts.requestId,
      ],
    );
  }
}

/** What is hashed must be exactly what jsonb gives back: plain JSON, no undefined, no Date objects. */
function normalise(value: unknown): unknown {
  return value === undefined ? null : (JSON.parse(JSON.stringify(value)) as unknown);
}

function jsonParam(value: unknown): string | null {
  return value === null ? null : JSON.stringify(value);
}
