import { recordedEvent } from '@ambidex/platform';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { WebhookDeliveryNotFoundError } from '../domain/portfolio.errors';
import { WEBHOOK_ATTEMPTS } from './webhook-fanout';
import { stageChangedWebhookBody } from './webhook-payload';
import { signWebhookBody } from './webhook-signature';

export const WEBHOOK_TIMEOUT_MS = 10_000;

/** A non-2xx answer or a network failure: a plain Error, so BullMQ retries it with backoff. */
export class WebhookAttemptFailedError extends Error {
  override readonly name = 'WebhookAttemptFailedError';
}

export type DeliveryOutcome = 'delivered' | 'already-delivered' | 'subscription-inactive';

interface DeliveryRow {
  status: string;
  event_id: string;
  url: string;
  secret: string;
  active: boolean;
}

/** Sends one delivery: POST the signed event to the subscriber, record the answer. At least once; receivers dedupe on the event id. */
@Injectable()
export class WebhookDeliveryService {
  constructor(private readonly dataSource: DataSource) {}

  async deliver(deliveryId: string): Promise<DeliveryOutcome> {
    const [row] = (await this.dataSource.query(
      `SELECT d.status, d.event_id, s.url, s.secret, s.active
         FROM webhook_deliveries d
         JOIN webhook_subscriptions s ON s.id = d.subscription_id
        WHERE d.id = $1`,
      [deliveryId],
    )) as DeliveryRow[];
    const event = row === undefined ? null : await recordedEvent(this.dataSource, row.event_id);
    if (row === undefined || event === null) throw new WebhookDeliveryNotFoundError(deliveryId);
    if (row.status === 'delivered') return 'already-delivered';
    if (!row.active) {
      await this.markFailed(deliveryId, 'subscription deactivated before delivery');
      return 'subscription-inactive';
    }
    const body = JSON.stringify(
      stageChangedWebhookBody(row.event_id, event.type, new Date(event.occurredAt), event.payload),
    );
    let statusCode: number | null = null;
    let error: string;
    try {
      const response = await fetch(row.url, {
        method: 'POST',
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Ambidex-Webhooks/1',
          'x-ambidex-event-id': row.event_id,
          'x-ambidex-event-type': event.type,
          'x-ambidex-delivery-id': deliveryId,
          'x-ambidex-signature': signWebhookBody(row.secret, body),
        },
      });
      statusCode = response.status;
      const text = await response.text().catch(() => '');
      if (statusCode >= 200 && statusCode < 300) {
        await this.dataSource.query(
          `UPDATE webhook_deliveries SET status = 'delivered', attempts = attempts + 1, last_status_code = $2, last_error = NULL,
                  delivered_at = now()
            WHERE id = $1 AND status <> 'delivered'`,
          [deliveryId, statusCode],
        );
        return 'delivered';
      }
      error = `HTTP ${statusCode}${text === '' ? '' : `: ${text.slice(0, 200)}`}`;
    } catch (failure) {
      const name = (failure as Error).name;
      error = name === 'TimeoutError' ? `no answer within ${WEBHOOK_TIMEOUT_MS / 1000} s` : describe(failure);
    }
    // The last attempt leaves the row 'failed'; the worker's failed handler says the same when BullMQ gives up.
    await this.dataSource.query(
      `UPDATE webhook_deliveries
          SET attempts = attempts + 1, last_status_code = $2, last_error = $3,
              status = CASE WHEN attempts + 1 >= $4 THEN 'failed' ELSE status END
        WHERE id = $1 AND status <> 'delivered'`,
      [deliveryId, statusCode, error, WEBHOOK_ATTEMPTS],
    );
    throw new WebhookAttemptFailedError(`webhook delivery ${deliveryId} failed: ${error}`);
  }

  /** After the last attempt (or an unrecoverable error): the row stays 'failed' for inspection. */
  async markFailed(deliveryId: string, reason: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE webhook_deliveries SET status = 'failed', last_error = coalesce(last_error, $2) WHERE id = $1 AND status = 'pending'`,
      [deliveryId, reason.slice(0, 500)],
    );
  }
}

function describe(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const message = (error as Error).message ?? String(error);
  return (cause?.code !== undefined ? `${message} (${cause.code})` : message).slice(0, 500);
}
