import { Inject, Injectable, Logger } from '@nestjs/common';
import { JobsOptions } from 'bullmq';
import { EntityManager } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { queryRows } from '../database/query-rows';
import { TransactionRunner } from '../database/transaction-runner';
import { JobContract } from '../queues/job-contracts';
import { QueueName } from '../queues/queue-names';
import { QueueProducer } from '../queues/queue-producer';
import { countFailedAttempt, failureMessage } from './failed-attempts';
import { jobOfIntent, StoredJobIntent } from './job-intent';

const BATCH = 200;

interface PendingRow {
  id: string;
  job: StoredJobIntent | null;
  to_handlers: boolean;
}

/**
 * Moves committed outbox rows onto their queues: the domain-events queue for the handlers (job id = event id), and the
 * event's own job, if it carries one, straight to its queue (job id from the intent). A row published twice (a crash
 * between Redis and the commit) is still one job per id while that job is in Redis; consumers stay idempotent in
 * PostgreSQL for the rest. A row with a job and no handler is processed once its job is queued.
 */
@Injectable()
export class OutboxRelay {
  private readonly logger = new Logger(OutboxRelay.name);

  constructor(
    private readonly tx: TransactionRunner,
    private readonly producer: QueueProducer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async publishPending(): Promise<number> {
    return this.tx.run(async (em) => {
      const rows = await queryRows<PendingRow>(
        em,
        `SELECT id, job, to_handlers FROM outbox_events WHERE published_at IS NULL AND dead_at IS NULL
          ORDER BY occurred_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [BATCH],
      );
      if (rows.length === 0) return 0;
      const queued = await this.enqueue(em, rows);
      await em.query(
        `UPDATE outbox_events SET published_at = now(), publish_count = publish_count + 1,
                processed_at = CASE WHEN to_handlers THEN processed_at ELSE coalesce(processed_at, now()) END
          WHERE id = ANY($1::uuid[])`,
        [queued],
      );
      return queued.length;
    });
  }

  /**
   * Adds the batch at once. When that fails and Redis still takes some rows one by one, the rows it refuses (a job
   * intent Redis will not take) are counted toward the dead-letter cap, so one bad row never holds back the others;
   * when it takes none, Redis is away: nothing is counted and the next pass tries again.
   */
  private async enqueue(em: EntityManager, rows: PendingRow[]): Promise<string[]> {
    try {
      await this.producer.addBulk(rows.flatMap(jobsOf));
      return rows.map(({ id }) => id);
    } catch (batchError) {
      const queued: string[] = [];
      const refused: { id: string; error: unknown }[] = [];
      for (const row of rows) {
        try {
          await this.producer.addBulk(jobsOf(row));
          queued.push(row.id);
        } catch (error) {
          refused.push({ id: row.id, error });
        }
      }
      if (queued.length === 0) throw batchError;
      for (const { id, error } of refused) {
        const message = failureMessage(error);
        const counted = await countFailedAttempt(em, id, message, this.config.queues.outboxMaxAttempts);
        if (counted?.deadAt != null)
          this.logger.error(`outbox event ${id} is a dead letter, Redis refused: ${message}`);
      }
      return queued;
    }
  }

  /**
   * Reconciles what the relay could not guarantee: events never published, and events published but
   * never processed whose job is gone (removed, Redis flushed) or failed for good. Dead letters (failed too often, see
   * DomainEventDelivery) are left alone: only an admin's retry brings them back. Returns how many it requeued.
   */
  async sweep(staleAfterMs: number): Promise<number> {
    let requeued = await this.publishPending();
    const stale = await this.tx.run((em) =>
      queryRows<{ id: string }>(
        em,
        `SELECT id FROM outbox_events
          WHERE processed_at IS NULL AND dead_at IS NULL AND published_at < now() - make_interval(secs => $1::double precision / 1000)
          ORDER BY published_at LIMIT 1000`,
        [staleAfterMs],
      ),
    );
    for (const { id } of stale) {
      const outcome = await this.producer.ensure(
        { queue: QueueName.DomainEvents, name: 'deliver-event', data: { eventId: id } },
        id,
      );
      if (outcome !== 'known') requeued += 1;
    }
    return requeued;
  }
}

function jobsOf(row: PendingRow): { job: JobContract; options: JobsOptions }[] {
  const jobs: { job: JobContract; options: JobsOptions }[] = [];
  if (row.to_handlers)
    jobs.push({
      job: { queue: QueueName.DomainEvents, name: 'deliver-event', data: { eventId: row.id } },
      options: { jobId: row.id },
    });
  if (row.job !== null) jobs.push(jobOfIntent(row.job));
  return jobs;
}
