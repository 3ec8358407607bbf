import { queryRows } from '@ambidex/platform';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { IngestEntry } from './domain/ingest-entry';
import { EntryOutcome, failed, Writer } from './entry-outcome';
import { correctedLearningSql } from './evidence/current-learning';
import { contentFingerprint, KEY_REUSED_REASON, sameContent } from './idempotency';
import { writableInitiatives } from './write-access';

export type LearningEntry = Extract<IngestEntry, { type: 'learning' }> & { index: number };

/**
 * Stores learning cards set-wise (the bulk path's hot loop): a few queries per chunk, not per card. Idempotency keys,
 * scoped to the writer and the initiative and looked up only once the writer may write there, make a resent card a
 * duplicate; a correction must supersede a card of the same initiative not yet corrected.
 * The caller holds the initiatives' locks (lockInitiatives), so writers to one initiative come one at a time.
 */
@Injectable()
export class LearningStore {
  async store(
    em: EntityManager,
    writer: Writer,
    entries: readonly LearningEntry[],
    batchId: string | null,
  ): Promise<Map<number, EntryOutcome>> {
    const outcomes = new Map<number, EntryOutcome>();
    if (entries.length === 0) return outcomes;
    const access = await writableInitiatives(
      em,
      writer,
      entries.map((e) => e.initiativeId),
    );
    const existing = await this.existingByKey(em, writer, entries);
    const experiments = await this.experimentOwners(
      em,
      entries.flatMap((e) => (e.experimentId === null ? [] : [e.experimentId])),
    );
    const superseded = await this.supersedable(
      em,
      entries.flatMap((e) => (e.supersedes === null ? [] : [e.supersedes])),
    );
    const seenKeys = new Set<string>();
    const claimed = new Set<string>();
    const toInsert: LearningEntry[] = [];
    for (const entry of entries) {
      const denied = accessProblem(entry, access);
      if (denied !== null) {
        outcomes.set(entry.index, failed(entry.index, denied.field, denied.reason));
        continue;
      }
      const known = existing.get(scopedKey(entry));
      if (known !== undefined) {
        outcomes.set(
          entry.index,
          sameContent(known.fingerprint, fingerprintOf(entry))
            ? { status: 'duplicate', id: known.id, initiativeId: entry.initiativeId }
            : failed(entry.index, 'idempotencyKey', KEY_REUSED_REASON),
        );
        continue;
      }
      const problem = this.problemOf(entry, experiments, superseded, seenKeys, claimed);
      if (problem !== null) {
        outcomes.set(entry.index, failed(entry.index, problem.field, problem.reason));
        continue;
      }
      seenKeys.add(scopedKey(entry));
      if (entry.supersedes !== null) claimed.add(entry.supersedes);
      toInsert.push(entry);
    }
    const inserted = await this.insert(em, writer, toInsert, batchId);
    for (const entry of toInsert) {
      const id = inserted.get(scopedKey(entry));
      outcomes.set(
        entry.index,
        id === undefined
          ? failed(
              entry.index,
              'idempotencyKey',
              'stored concurrently by another batch; resend to see it as a duplicate',
            )
          : { status: 'stored', id, initiativeId: entry.initiativeId },
      );
    }
    return outcomes;
  }

  private problemOf(
    entry: LearningEntry,
    experiments: Map<string, string>,
    superseded: Map<string, { initiativeId: string; corrected: boolean }>,
    seenKeys: Set<string>,
    claimed: Set<string>,
  ): { field: string; reason: string } | null {
    if (seenKeys.has(scopedKey(entry))) return { field: 'idempotencyKey', reason: 'appears twice in this batch' };
    if (entry.experimentId !== null && experiments.get(entry.experimentId) !== entry.initiativeId) {
      return { field: 'experimentId', reason: 'no such experiment on this initiative' };
    }
    if (entry.supersedes !== null) {
      const target = superseded.get(entry.supersedes);
      if (target === undefined || target.initiativeId !== entry.initiativeId)
        return { field: 'supersedes', reason: 'no such learning on this initiative' };
      if (target.corrected || claimed.has(entry.supersedes))
        return { field: 'supersedes', reason: 'that learning was already corrected' };
    }
    return null;
  }

  /** The writer's own cards under these (initiative, key) pairs: another writer's keys are never seen. */
  private async existingByKey(
    em: EntityManager,
    writer: Writer,
    entries: readonly LearningEntry[],
  ): Promise<Map<string, { id: string; fingerprint: string | null }>> {
    const rows = await queryRows<{
      id: string;
      initiative_id: string;
      idempotency_key: string;
      request_hash: string | null;
    }>(
      em,
      `SELECT l.id, l.initiative_id, l.idempotency_key, l.request_hash FROM learnings l
         JOIN unnest($2::uuid[], $3::text[]) AS k(initiative_id, idempotency_key)
           ON l.initiative_id = k.initiative_id AND l.idempotency_key = k.idempotency_key
        WHERE l.recorded_by = $1`,
      [writer.userId, entries.map((e) => e.initiativeId), entries.map((e) => e.idempotencyKey)],
    );
    return new Map(
      rows.map((r) => [`${r.initiative_id}\n${r.idempotency_key}`, { id: r.id, fingerprint: r.request_hash }]),
    );
  }

  private async experimentOwners(em: EntityManager, ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await queryRows<{ id: string; initiative_id: string }>(
      em,
      `SELECT id, initiative_id FROM experiments WHERE id = ANY($1::uuid[])`,
      [[...new Set(ids)]],
    );
    return new Map(rows.map((r) => [r.id, r.initiative_id]));
  }

  private async supersedable(
    em: EntityManager,
    ids: string[],
  ): Promise<Map<string, { initiativeId: string; corrected: boolean }>> {
    if (ids.length === 0) return new Map();
    const rows = await queryRows<{ id: string; initiative_id: string; corrected: boolean }>(
      em,
      `SELECT l.id, l.initiative_id, ${correctedLearningSql('l')} AS corrected
         FROM learnings l WHERE l.id = ANY($1::uuid[])`,
      [[...new Set(ids)]],
    );
    return new Map(rows.map((r) => [r.id, { initiativeId: r.initiative_id, corrected: r.corrected }]));
  }

  /** One multi-row INSERT for the chunk; ON CONFLICT keeps a racing duplicate out. */
  private async insert(
    em: EntityManager,
    writer: Writer,
    entries: LearningEntry[],
    batchId: string | null,
  ): Promise<Map<string, string>> {
    if (entries.length === 0) return new Map();
    const rows = await queryRows<{ id: string; initiative_id: string; idempotency_key: string }>(
      em,
      `INSERT INTO learnings (initiative_id, experiment_id, observed, belief, decision, confidence, evidence, supersedes_id, idempotency_key,
                             request_hash, recorded_by, batch_id)
       SELECT x.initiative_id, x.experiment_id, x.observed, x.belief, x.decision, x.confidence, x.evidence, x.supersedes_id, x.idempotency_key,
              x.request_hash, $2, $3
         FROM jsonb_to_recordset($1::jsonb) AS x(initiative_id uuid, experiment_id uuid, observed text, belief text, decision text,
                                                  confidence text, evidence jsonb, supersedes_id uuid, idempotency_key text, request_hash text)
       ON CONFLICT DO NOTHING
       RETURNING id, initiative_id, idempotency_key`,
      [
        JSON.stringify(
          entries.map((e) => ({
            initiative_id: e.initiativeId,
            experiment_id: e.experimentId,
            observed: e.observed,
            belief: e.belief,
            decision: e.decision,
            confidence: e.confidence,
            evidence: e.evidence,
            supersedes_id: e.supersedes,
            idempotency_key: e.idempotencyKey,
            request_hash: fingerprintOf(e),
          })),
        ),
        writer.userId,
        batchId,
      ],
    );
    return new Map(rows.map((r) => [`${r.initiative_id}\n${r.idempotency_key}`, r.id]));
  }
}

function accessProblem(entry: LearningEntry, access: Map<string, boolean>): { field: string; reason: string } | null {
  const writable = access.get(entry.initiativeId);
  if (writable === undefined) return { field: 'initiativeId', reason: 'no such initiative' };
  if (!writable) return { field: 'initiativeId', reason: "you are not on this initiative's team" };
  return null;
}

/** The writer is implied: every lookup is already limited to the writer's own cards. */
function scopedKey(entry: LearningEntry): string {
  return `${entry.initiativeId.toLowerCase()}\n${entry.idempotencyKey}`;
}

function fingerprintOf(e: LearningEntry): string {
  return contentFingerprint({
    initiativeId: e.initiativeId,
    experimentId: e.experimentId,
    observed: e.observed,
    belief: e.belief,
    decision: e.decision,
    confidence: e.confidence,
    evidence: e.evidence,
    supersedes: e.supersedes,
  });
}
