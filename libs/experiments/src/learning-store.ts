import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { IngestEntry } from './domain/ingest-entry';
import { EntryOutcome, failed, Writer } from './entry-outcome';
import { writableInitiatives } from './write-access';

export type LearningEntry = Extract<IngestEntry, { type: 'learning' }> & { index: number };

/**
 * Stores learning cards set-wise (the bulk path's hot loop): a few queries per chunk, not per card. Idempotency keys
 * make a resent card a duplicate; a correction must supersede a card of the same initiative not yet corrected.
 */
@Injectable()
export class LearningStore {
  async store(em: EntityManager, writer: Writer, entries: readonly LearningEntry[], batchId: string | null): Promise<Map<number, EntryOutcome>> {
    const outcomes = new Map<number, EntryOutcome>();
    if (entries.length === 0) return outcomes;
    const existing = await this.existingByKey(em, entries.map((e) => e.idempotencyKey));
    const access = await writableInitiatives(em, writer, entries.map((e) => e.initiativeId));
    const experiments = await this.experimentOwners(em, entries.flatMap((e) => (e.experimentId === null ? [] : [e.experimentId])));
    const superseded = await this.supersedable(em, entries.flatMap((e) => (e.supersedes === null ? [] : [e.supersedes])));
    const seenKeys = new Set<string>();
    const claimed = new Set<string>();
    const toInsert: LearningEntry[] = [];
    for (const entry of entries) {
      const known = existing.get(entry.idempotencyKey);
      if (known !== undefined) {
        outcomes.set(entry.index, { status: 'duplicate', id: known.id, initiativeId: known.initiativeId });
        continue;
      }
      const problem = this.problemOf(entry, access, experiments, superseded, seenKeys, claimed);
      if (problem !== null) {
        outcomes.set(entry.index, failed(entry.index, problem.field, problem.reason));
        continue;
      }
      seenKeys.add(entry.idempotencyKey);
      if (entry.supersedes !== null) claimed.add(entry.supersedes);
      toInsert.push(entry);
    }
    const inserted = await this.insert(em, writer, toInsert, batchId);
    for (const entry of toInsert) {
      const id = inserted.get(entry.idempotencyKey);
      outcomes.set(
        entry.index,
        id === undefined
          ? failed(entry.index, 'idempotencyKey', 'stored concurrently by another batch; resend to see it as a duplicate')
          : { status: 'stored', id, initiativeId: entry.initiativeId },
      );
    }
    return outcomes;
  }

  private problemOf(
    entry: LearningEntry,
    access: Map<string, boolean>,
    experiments: Map<string, string>,
    superseded: Map<string, { initiativeId: string; corrected: boolean }>,
    seenKeys: Set<string>,
    claimed: Set<string>,
  ): { field: string; reason: string } | null {
    if (seenKeys.has(entry.idempotencyKey)) return { field: 'idempotencyKey', reason: 'appears twice in this batch' };
    const writable = access.get(entry.initiativeId);
    if (writable === undefined) return { field: 'initiativeId', reason: 'no such initiative' };
    if (!writable) return { field: 'initiativeId', reason: "you are not on this initiative's team" };
    if (entry.experimentId !== null && experiments.get(entry.experimentId) !== entry.initiativeId) {
      return { field: 'experimentId', reason: 'no such experiment on this initiative' };
    }
    if (entry.supersedes !== null) {
      const target = superseded.get(entry.supersedes);
      if (target === undefined || target.initiativeId !== entry.initiativeId) return { field: 'supersedes', reason: 'no such learning on this initiative' };
      if (target.corrected || claimed.has(entry.supersedes)) return { field: 'supersedes', reason: 'that learning was already corrected' };
    }
    return null;
  }

  private async existingByKey(em: EntityManager, keys: string[]): Promise<Map<string, { id: string; initiativeId: string }>> {
    const rows = (await em.query(`SELECT id, initiative_id, idempotency_key FROM learnings WHERE idempotency_key = ANY($1::text[])`, [keys])) as {
      id: string;
      initiative_id: string;
      idempotency_key: string;
    }[];
    return new Map(rows.map((r) => [r.idempotency_key, { id: r.id, initiativeId: r.initiative_id }]));
  }

  private async experimentOwners(em: EntityManager, ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = (await em.query(`SELECT id, initiative_id FROM experiments WHERE id = ANY($1::uuid[])`, [[...new Set(ids)]])) as { id: string; initiative_id: string }[];
    return new Map(rows.map((r) => [r.id, r.initiative_id]));
  }

  private async supersedable(em: EntityManager, ids: string[]): Promise<Map<string, { initiativeId: string; corrected: boolean }>> {
    if (ids.length === 0) return new Map();
    const rows = (await em.query(
      `SELECT l.id, l.initiative_id, EXISTS (SELECT 1 FROM learnings c WHERE c.supersedes_id = l.id) AS corrected
         FROM learnings l WHERE l.id = ANY($1::uuid[])`,
      [[...new Set(ids)]],
    )) as { id: string; initiative_id: string; corrected: boolean }[];
    return new Map(rows.map((r) => [r.id, { initiativeId: r.initiative_id, corrected: r.corrected }]));
  }

  /** One multi-row INSERT for the chunk; ON CONFLICT keeps a racing duplicate out. */
  private async insert(em: EntityManager, writer: Writer, entries: LearningEntry[], batchId: string | null): Promise<Map<string, string>> {
    if (entries.length === 0) return new Map();
    const rows = (await em.query(
      `INSERT INTO learnings (initiative_id, experiment_id, observed, belief, decision, confidence, evidence, supersedes_id, idempotency_key, recorded_by, batch_id)
       SELECT x.initiative_id, x.experiment_id, x.observed, x.belief, x.decision, x.confidence, x.evidence, x.supersedes_id, x.idempotency_key, $2, $3
         FROM jsonb_to_recordset($1::jsonb) AS x(initiative_id uuid, experiment_id uuid, observed text, belief text, decision text,
                                                  confidence text, evidence jsonb, supersedes_id uuid, idempotency_key text)
       ON CONFLICT DO NOTHING
       RETURNING id, idempotency_key`,
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
          })),
        ),
        writer.userId,
        batchId,
      ],
    )) as { id: string; idempotency_key: string }[];
    return new Map(rows.map((r) => [r.idempotency_key, r.id]));
  }
}
