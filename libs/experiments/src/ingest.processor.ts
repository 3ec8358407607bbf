import { userStanding } from '@ambidex/identity';
import { queryChanges, queryRows, TransactionRunner } from '@ambidex/platform';
import { lockInitiatives } from '@ambidex/portfolio';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { checkEntry } from './domain/ingest-entry';
import { EntryOutcome, failed, Writer } from './entry-outcome';
import { LearningEntry, LearningStore } from './learning-store';
import { ResultEntry, ResultStore } from './result-store';
import { LearningRollups } from './learning-rollups';
import { withSavepoint } from './savepoint';

const CHUNK = 1000;

/**
 * The worker's side of a batch: chunk by chunk, each in one transaction, entries are checked, stored and marked
 * with their outcome; the touched initiatives are rolled up when the batch completes. An entry leaves 'pending' in the same transaction that
 * stores it, so a retried or resumed job picks up exactly where the last one stopped.
 */
@Injectable()
export class IngestProcessor {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly learnings: LearningStore,
    private readonly results: ResultStore,
    private readonly rollups: LearningRollups,
  ) {}

  async process(batchId: string): Promise<{ chunks: number }> {
    let chunks = 0;
    while (await this.tx.run((em) => this.processChunk(em, batchId))) chunks += 1;
    return { chunks };
  }

  /** Returns false when nothing was left to do. */
  private async processChunk(em: EntityManager, batchId: string): Promise<boolean> {
    const { rows: batch } = await queryChanges<{ submitted_by: string }>(
      em,
      `UPDATE ingest_batches SET status = 'processing' WHERE id = $1 AND status <> 'completed' RETURNING submitted_by`,
      [batchId],
    );
    const submitter = batch[0]?.submitted_by;
    if (submitter === undefined) return false;
    const entries = await queryRows<{ index: number; payload: unknown }>(
      em,
      `SELECT index, payload FROM ingest_entries WHERE batch_id = $1 AND status = 'pending' ORDER BY index LIMIT $2 FOR UPDATE`,
      [batchId, CHUNK],
    );
    if (entries.length === 0) {
      await this.complete(em, batchId);
      return false;
    }
    const standing = await userStanding(em, submitter);
    const user = standing?.active === true ? standing : undefined;
    const writer: Writer = { userId: submitter, roles: user?.roles ?? [] };
    const outcomes = new Map<number, EntryOutcome>();
    const learnings: LearningEntry[] = [];
    const results: ResultEntry[] = [];
    for (const { index, payload } of entries) {
      const check = checkEntry(payload, index);
      if (!check.ok) outcomes.set(index, { status: 'failed', problems: check.problems });
      else if (check.entry.type === 'learning') learnings.push({ ...check.entry, index });
      else results.push({ ...check.entry, index });
    }
    if (user === undefined) {
      for (const e of [...learnings, ...results])
        outcomes.set(e.index, {
          status: 'failed',
          problems: [{ index: e.index, field: '', reason: 'the submitter is no longer active' }],
        });
    } else {
      await this.lockTouchedInitiatives(em, learnings, results);
      for (const [index, outcome] of await this.storeLearnings(em, writer, learnings, batchId))
        outcomes.set(index, outcome);
      for (const entry of results) {
        const stored = await withSavepoint(em, () => this.results.store(em, writer, entry, batchId));
        outcomes.set(entry.index, stored.ok ? stored.value : failed(entry.index, '', stored.reason));
      }
    }
    await this.mark(em, batchId, outcomes);
    return true;
  }

  /**
   * The batch's own rows are locked first (no use case takes them after anything else); then, in the global order,
   * every initiative the chunk writes to, in ascending id order, before any experiment, learning or assumption row:
   * two chunks, or a chunk and a request, touching the same initiatives then queue up instead of deadlocking.
   */
  private async lockTouchedInitiatives(
    em: EntityManager,
    learnings: LearningEntry[],
    results: ResultEntry[],
  ): Promise<void> {
    const experimentIds = [...new Set(results.map((r) => r.experimentId))];
    const ofExperiments =
      experimentIds.length === 0
        ? []
        : await queryRows<{ initiative_id: string }>(
            em,
            `SELECT DISTINCT initiative_id FROM experiments WHERE id = ANY($1::uuid[])`,
            [experimentIds],
          );
    await lockInitiatives(em, [...learnings.map((l) => l.initiativeId), ...ofExperiments.map((r) => r.initiative_id)]);
  }

  /** Set-wise first; if the database refuses a value, card by card so only the bad one fails. */
  private async storeLearnings(
    em: EntityManager,
    writer: Writer,
    learnings: LearningEntry[],
    batchId: string,
  ): Promise<Map<number, EntryOutcome>> {
    const together = await withSavepoint(em, () => this.learnings.store(em, writer, learnings, batchId));
    if (together.ok) return together.value;
    const outcomes = new Map<number, EntryOutcome>();
    for (const entry of learnings) {
      const alone = await withSavepoint(em, () => this.learnings.store(em, writer, [entry], batchId));
      if (alone.ok) for (const [index, outcome] of alone.value) outcomes.set(index, outcome);
      else outcomes.set(entry.index, failed(entry.index, '', alone.reason));
    }
    return outcomes;
  }

  private async mark(em: EntityManager, batchId: string, outcomes: Map<number, EntryOutcome>): Promise<void> {
    const indexes = [...outcomes.keys()];
    await em.query(
      `UPDATE ingest_entries e SET status = x.status, problems = x.problems
         FROM jsonb_to_recordset($2::jsonb) AS x(index int, status text, problems jsonb)
        WHERE e.batch_id = $1 AND e.index = x.index`,
      [
        batchId,
        JSON.stringify(
          indexes.map((index) => {
            const outcome = outcomes.get(index) as EntryOutcome;
            return { index, status: outcome.status, problems: outcome.status === 'failed' ? outcome.problems : null };
          }),
        ),
      ],
    );
    await em.query(
      `UPDATE ingest_batches b SET stored = c.stored, duplicates = c.duplicates, failed = c.failed
         FROM (SELECT count(*) FILTER (WHERE status = 'stored')::int AS stored, count(*) FILTER (WHERE status = 'duplicate')::int AS duplicates,
                      count(*) FILTER (WHERE status = 'failed')::int AS failed FROM ingest_entries WHERE batch_id = $1) c
        WHERE b.id = $1`,
      [batchId],
    );
  }

  /** Roll-ups once per batch (they recount each touched initiative), then the batch is done. */
  private async complete(em: EntityManager, batchId: string): Promise<void> {
    const touched = await queryRows<{ initiative_id: string }>(
      em,
      `SELECT initiative_id FROM learnings WHERE batch_id = $1
       UNION SELECT e.initiative_id FROM experiment_results r JOIN experiments e ON e.id = r.experiment_id WHERE r.batch_id = $1`,
      [batchId],
    );
    const initiativeIds = touched.map((t) => t.initiative_id);
    // Roll-ups come after their initiatives' locks, so each is recomputed with every committed write counted.
    await lockInitiatives(em, initiativeIds);
    await this.rollups.refresh(em, initiativeIds);
    await em.query(
      `UPDATE ingest_batches SET status = 'completed', completed_at = now() WHERE id = $1 AND status <> 'completed'`,
      [batchId],
    );
  }
}
