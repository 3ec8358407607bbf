import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '../database/transaction-runner';
import { QueueName } from '../queues/queue-names';
import { QueueProducer } from '../queues/queue-producer';

const BATCH = 200;

/**
 * Moves committed outbox rows onto the domain-events queue. The job id is the event id, so a row
 * published twice (a crash between Redis and the commit) is still one job while that job is in Redis;
 * consumers stay idempotent in PostgreSQL for the rest.
 */
@Injectable()
export class OutboxRelay {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly producer: QueueProducer,
  ) {}

  async publishPending(): Promise<number> {
    return this.tx.run(async (em) => {
      const rows = (await em.query(
        `SELECT id FROM outbox_events WHERE published_at IS NULL ORDER BY occurred_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [BATCH],
      )) as { id: string }[];
      if (rows.length === 0) return 0;
      await this.producer.addBulk(
        rows.map(({ id }) => ({
          job: { queue: QueueName.DomainEvents, name: 'deliver-event' as const, data: { eventId: id } },
          options: { jobId: id },
        })),
      );
      await em.query(
        `UPDATE outbox_events SET published_at = now(), publish_count = publish_count + 1 WHERE id = ANY($1::uuid[])`,
        [rows.map(({ id }) => id)],
      );
      return rows.length;
    });
  }

  /**
   * Reconciles what the relay could not guarantee: events never published, and events published but
   * never processed whose job is gone (removed, Redis flushed) or failed for good. Dead letters (failed too often, see
   * DomainEventDelivery) are left alone: only an admin's retry brings them back. Returns how many it requeued.
   */
  async sweep(staleAfterMs: number): Promise<number> {
    let requeued = await this.publishPending();
    const stale = (await this.tx.run((em) =>
      em.query(
        `SELECT id FROM outbox_events
          WHERE processed_at IS NULL AND dead_at IS NULL AND published_at < now() - make_interval(secs => $1::double precision / 1000)
          ORDER BY published_at LIMIT 1000`,
        [staleAfterMs],
      ),
    )) as { id: string }[];
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
