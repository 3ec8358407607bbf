import { actorOf, Principal } from '@ambidex/identity';
import { AuditTrail, NotFoundError, Outbox, queryRows, returnedId, TransactionRunner } from '@ambidex/platform';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ingestJob } from './experiment-job-types';
import { EntryProblem, NUL_FIELDS, UNPARSEABLE } from './domain/ingest-entry';
import { InvalidBatchError } from './domain/experiments.errors';
import { BATCH_RECEIVED_EVENT } from './experiment-events';
import { IngestBatchEntity } from './ingest.entities';

const intentOf = ({ job, jobId }: ReturnType<typeof ingestJob>) => ({ ...job, jobId });

export const MAX_BATCH_ENTRIES = 50_000;

/** jsonb cannot hold NUL characters: the fields holding one are blanked and named, to be reported at their entry. */
function storable(entry: unknown): unknown {
  if (!containsNul(entry)) return entry;
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry))
    return { [UNPARSEABLE]: 'contains a NUL character' };
  const fields = Object.entries(entry)
    .filter(([k, v]) => k.includes('\u0000') || containsNul(v))
    .map(([k]) => k.split('\u0000').join(''));
  const kept = Object.fromEntries(Object.entries(entry).filter(([k, v]) => !k.includes('\u0000') && !containsNul(v)));
  return { ...kept, [NUL_FIELDS]: fields };
}

function containsNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (Array.isArray(value)) return value.some(containsNul);
  if (typeof value === 'object' && value !== null)
    return Object.entries(value).some(([k, v]) => k.includes('\u0000') || containsNul(v));
  return false;
}
export interface BatchStatusView {
  batch: IngestBatchEntity;
  pending: number;
  problems: EntryProblem[];
}

/** Accepts a bulk upload quickly: the raw entries go to PostgreSQL in one statement, the work to a job. */
@Injectable()
export class IngestService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly audit: AuditTrail,
    private readonly outbox: Outbox,
  ) {}

  async submit(principal: Principal, entries: unknown[]): Promise<IngestBatchEntity> {
    if (entries.length === 0) throw new InvalidBatchError([{ field: 'entries', reason: 'the batch is empty' }]);
    if (entries.length > MAX_BATCH_ENTRIES) {
      throw new InvalidBatchError([
        { field: 'entries', reason: `at most ${MAX_BATCH_ENTRIES} entries per batch (got ${entries.length})` },
      ]);
    }
    return this.tx.run(async (em) => {
      const batchId = returnedId(
        await em.query(`INSERT INTO ingest_batches (submitted_by, total) VALUES ($1, $2) RETURNING id`, [
          principal.userId,
          entries.length,
        ]),
        'an ingest batch',
      );
      await em.query(
        `INSERT INTO ingest_entries (batch_id, index, payload)
         SELECT $1, e.ordinality - 1, e.value FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS e`,
        [batchId, JSON.stringify(entries.map(storable))],
      );
      await this.audit.append(em, {
        actor: actorOf(principal),
        action: 'experiments.batch.received',
        entityType: 'ingest_batch',
        entityId: batchId,
        after: { total: entries.length },
      });
      // One ingest job per batch (its id is the batch's): the relay queues it straight after the commit.
      await this.outbox.record(
        em,
        { type: BATCH_RECEIVED_EVENT, aggregateType: 'ingest_batch', aggregateId: batchId, payload: { batchId } },
        { job: intentOf(ingestJob(batchId)) },
      );
      return em.findOneByOrFail(IngestBatchEntity, { id: batchId });
    });
  }

  /** Polled by the uploader: progress and the problems of every refused entry (index, field, reason). */
  async status(principal: Principal, batchId: string): Promise<BatchStatusView> {
    const batch = await this.dataSource.getRepository(IngestBatchEntity).findOneBy({ id: batchId });
    if (batch === null || (batch.submittedBy !== principal.userId && !principal.roles.includes('admin'))) {
      throw new NotFoundError('EXPERIMENTS.BATCH_NOT_FOUND', `Batch ${batchId}`);
    }
    const pending = batch.total - batch.stored - batch.duplicates - batch.failed;
    const failed = await queryRows<{ problems: EntryProblem[] }>(
      this.dataSource.manager,
      `SELECT problems FROM ingest_entries WHERE batch_id = $1 AND status = 'failed' ORDER BY index LIMIT 1000`,
      [batchId],
    );
    return { batch, pending, problems: failed.flatMap((f) => f.problems) };
  }
}
