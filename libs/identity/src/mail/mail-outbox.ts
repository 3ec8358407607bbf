import { APP_CONFIG, AppConfig, Outbox, queryRows } from '@ambidex/platform';
import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { MAIL_PENDING_EVENT } from '../identity-events';
import { sendMailIntent } from './mail-jobs';

/**
 * Inside the transaction that adds an inbox item: the delivery row and the outbox event that will queue it. Both
 * commit with the item or not at all, so no item is left without its mail and no mail goes out for a rolled-back item.
 * With mail off (no SMTP_URL) it records nothing.
 */
@Injectable()
export class MailOutbox {
  constructor(
    private readonly outbox: Outbox,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get enabled(): boolean {
    return this.config.mail.smtpUrl !== undefined;
  }

  async recordItemMail(em: EntityManager, inboxItemId: string, userId: string): Promise<void> {
    if (!this.enabled) return;
    const [row] = await queryRows<{ id: string }>(
      em,
      `INSERT INTO mail_deliveries (kind, user_id, inbox_item_id) VALUES ('inbox_item', $1, $2)
       ON CONFLICT (inbox_item_id) DO NOTHING RETURNING id`,
      [userId, inboxItemId],
    );
    if (row === undefined) return;
    await this.outbox.record(
      em,
      {
        type: MAIL_PENDING_EVENT,
        aggregateType: 'mail_delivery',
        aggregateId: row.id,
        payload: { deliveryId: row.id },
      },
      { job: sendMailIntent(this.config, row.id) },
    );
  }
}
