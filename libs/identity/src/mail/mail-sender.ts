import { APP_CONFIG, AppConfig, NotFoundError, queryRows } from '@ambidex/platform';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { inboxItemMail, MailContent, MailItem, overdueDigestMail } from '../domain/mail-content';
import { MailKind } from './mail-delivery.entity';
import { OutgoingMail, MailTransport } from './mail-transport';

/** A digest lists at most this many items, and says how many more wait in the inbox. */
export const DIGEST_LIMIT = 50;

/** The SMTP server refused or could not be reached: a plain Error, so BullMQ retries it with backoff. */
export class MailAttemptFailedError extends Error {
  override readonly name = 'MailAttemptFailedError';
}

export type SendOutcome = 'sent' | 'already-sent' | 'already-failed' | 'already-skipped' | 'skipped';

interface DeliveryRow {
  kind: MailKind;
  status: 'pending' | 'sent' | 'failed' | 'skipped';
  user_id: string;
  inbox_item_id: string | null;
  email: string;
  display_name: string;
  active: boolean;
}

interface ItemRow {
  kind: string;
  subject_type: string;
  subject_id: string;
  title: string;
  due_at: Date | null;
  done_at: Date | null;
}

/** An overdue item, with how many are overdue in all (the digest shows at most DIGEST_LIMIT). */
interface DigestItemRow extends ItemRow {
  total: number;
}

/**
 * Sends one delivery and records it. At least once: the row is marked sent after the SMTP server accepted the
 * message, so a crash in between sends it once more on the retry (with the same Message-ID). Nothing goes to a
 * deactivated user, about an item already done, or as a digest with nothing overdue left: those are 'skipped'.
 */
@Injectable()
export class MailSender {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transport: MailTransport,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async send(deliveryId: string): Promise<SendOutcome> {
    const [row] = await queryRows<DeliveryRow>(
      this.dataSource,
      `SELECT d.kind, d.status, d.user_id, d.inbox_item_id, u.email, u.display_name, u.active
         FROM mail_deliveries d JOIN users u ON u.id = d.user_id WHERE d.id = $1`,
      [deliveryId],
    );
    if (row === undefined) throw new NotFoundError('IDENTITY.MAIL_DELIVERY_NOT_FOUND', `Mail delivery ${deliveryId}`);
    if (row.status !== 'pending') return `already-${row.status}`;
    if (!row.active) return this.skip(deliveryId, 'the recipient is deactivated');
    const content = row.kind === 'digest' ? await this.digest(row) : await this.item(row);
    if (typeof content === 'string') return this.skip(deliveryId, content);
    const mail: OutgoingMail = {
      to: { name: row.display_name, address: row.email },
      ...content,
      messageId: this.messageId(deliveryId),
    };
    try {
      await this.transport.send(mail);
    } catch (failure) {
      const reason = describe(failure);
      await this.dataSource.query(
        `UPDATE mail_deliveries SET attempts = attempts + 1, last_error = $2 WHERE id = $1 AND status = 'pending'`,
        [deliveryId, reason],
      );
      throw new MailAttemptFailedError(`mail delivery ${deliveryId} failed: ${reason}`);
    }
    await this.dataSource.query(
      `UPDATE mail_deliveries SET status = 'sent', sent_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = $1 AND status = 'pending'`,
      [deliveryId],
    );
    return 'sent';
  }

  /** After the last attempt (or an error retrying cannot fix): the row stays 'failed', with the last error, for inspection. */
  async markFailed(deliveryId: string, reason: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE mail_deliveries SET status = 'failed', last_error = coalesce(last_error, $2) WHERE id = $1 AND status = 'pending'`,
      [deliveryId, reason.slice(0, 500)],
    );
  }

  private async item(row: DeliveryRow): Promise<MailContent | string> {
    const [item] = await queryRows<ItemRow>(
      this.dataSource,
      `SELECT kind, subject_type, subject_id, title, due_at, done_at FROM inbox_items WHERE id = $1`,
      [row.inbox_item_id],
    );
    if (item === undefined || item.done_at !== null) return 'the inbox item is already done';
    return inboxItemMail(row.display_name, mailItem(item), this.config.http.publicUrl);
  }

  /** Read when sending, so a retry hours later lists what is overdue then. */
  private async digest(row: DeliveryRow): Promise<MailContent | string> {
    const items = await queryRows<DigestItemRow>(
      this.dataSource,
      `SELECT kind, subject_type, subject_id, title, due_at, done_at, count(*) OVER ()::int AS total FROM inbox_items
        WHERE user_id = $1 AND done_at IS NULL AND due_at < now() ORDER BY due_at, id LIMIT $2`,
      [row.user_id, DIGEST_LIMIT],
    );
    if (items.length === 0) return 'nothing is overdue any more';
    return overdueDigestMail(
      row.display_name,
      items.map(mailItem),
      this.config.http.publicUrl,
      items[0]?.total ?? items.length,
    );
  }

  private async skip(deliveryId: string, reason: string): Promise<'skipped'> {
    await this.dataSource.query(
      `UPDATE mail_deliveries SET status = 'skipped', last_error = $2 WHERE id = $1 AND status = 'pending'`,
      [deliveryId, reason],
    );
    return 'skipped';
  }

  private messageId(deliveryId: string): string {
    let host = 'ambidex.local';
    try {
      host = new URL(this.config.http.publicUrl).hostname || host;
    } catch {
      // PUBLIC_URL is free text; a Message-ID needs some host, not this one.
    }
    return `<${deliveryId}@${host}>`;
  }
}

function mailItem(row: ItemRow): MailItem {
  return {
    kind: row.kind,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    title: row.title,
    dueAt: row.due_at === null ? null : new Date(row.due_at),
  };
}

function describe(error: unknown): string {
  const { message, code, responseCode } = error as { message?: string; code?: string; responseCode?: number };
  const detail = [code, responseCode].filter((part) => part !== undefined).join(' ');
  return `${message ?? String(error)}${detail === '' ? '' : ` (${detail})`}`.slice(0, 500);
}
