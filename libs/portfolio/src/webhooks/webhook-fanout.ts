import { DeliveredEvent, DomainEventDelivery, DomainEventHandler, QueueProducer, SqlRunner } from '@ambidex/platform';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { WEBHOOKS_QUEUE } from '../portfolio-job-types';
import { STAGE_CHANGED_EVENT } from '../portfolio-events';

/** Tries per delivery; the backoff doubles from 1 s (1, 2, 4 … 64 s: about two minutes in all). */
export const WEBHOOK_ATTEMPTS = 8;
export const WEBHOOK_BACKOFF = { type: 'exponential' as const, delay: 1000 };

/**
 * Turns a stage change into one delivery per active subscription of the initiative's portfolio. Idempotent:
 * the unique (subscription_id, event_id) key keeps a re-run from adding rows, and the job id (= delivery id)
 * keeps it from queueing a second job while the first is in Redis. Re-runs queue every still-pending delivery
 * of the event, so a crash between the insert and the enqueue loses nothing.
 */
@Injectable()
export class WebhookFanout implements DomainEventHandler<typeof STAGE_CHANGED_EVENT>, OnModuleInit {
  readonly name = 'portfolio.webhook-fanout';
  readonly eventTypes = [STAGE_CHANGED_EVENT] as const;

  constructor(
    private readonly delivery: DomainEventDelivery,
    private readonly dataSource: DataSource,
    private readonly producer: QueueProducer,
  ) {}

  onModuleInit(): void {
    this.delivery.register(this);
  }

  async handle(event: DeliveredEvent<typeof STAGE_CHANGED_EVENT>): Promise<void> {
    const { portfolioId } = event.payload;
    const deliveryIds = await pendingDeliveries(this.dataSource, event.id, portfolioId);
    if (deliveryIds.length === 0) return;
    await this.producer.addBulk(
      deliveryIds.map((id) => ({
        job: { queue: WEBHOOKS_QUEUE, name: 'deliver-webhook' as const, data: { deliveryId: id } },
        options: { jobId: id, attempts: WEBHOOK_ATTEMPTS, backoff: WEBHOOK_BACKOFF },
      })),
    );
  }
}

interface IdRow {
  id: string;
}

/** Creates the event's delivery to each active subscription of the portfolio; every delivery of it still pending. */
async function pendingDeliveries(sql: SqlRunner, eventId: string, portfolioId: string): Promise<string[]> {
  const rows = (await sql.query(
    `WITH inserted AS (
       INSERT INTO webhook_deliveries (subscription_id, event_id)
       SELECT id, $1 FROM webhook_subscriptions WHERE portfolio_id = $2 AND active
       ON CONFLICT (subscription_id, event_id) DO NOTHING
       RETURNING id
     )
     SELECT id FROM inserted
     UNION
     SELECT id FROM webhook_deliveries WHERE event_id = $1 AND status = 'pending'`,
    [eventId, portfolioId],
  )) as IdRow[];
  return rows.map((r) => r.id);
}
