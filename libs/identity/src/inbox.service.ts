import { NotFoundError, queryChanges, queryRows } from '@ambidex/platform';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { InboxItemEntity } from './inbox-item.entity';
import { MailOutbox } from './mail/mail-outbox';

export interface NewInboxItem {
  userId: string;
  kind: string;
  subjectType: string;
  subjectId: string;
  title: string;
  /** Same key, same item: a retried job cannot add it twice. */
  dedupeKey: string;
  /** When the work is due, if it has a deadline: past it, the item is in its user's daily digest of overdue items. */
  dueAt?: Date | null;
}

export type InboxItemView = Pick<
  InboxItemEntity,
  'id' | 'kind' | 'subjectType' | 'subjectId' | 'title' | 'createdAt' | 'doneAt'
>;

/**
 * What waits for each user: reviews to score, decisions to take, overdue reviews. Fed by the jobs. A new item is also
 * an e-mail to its user when mail is on: the delivery is recorded in the same transaction as the item.
 */
@Injectable()
export class InboxService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly mail: MailOutbox,
  ) {}

  async add(em: EntityManager, item: NewInboxItem): Promise<void> {
    const [inserted] = await queryRows<{ id: string }>(
      em,
      `INSERT INTO inbox_items (user_id, kind, subject_type, subject_id, title, dedupe_key, due_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
      [item.userId, item.kind, item.subjectType, item.subjectId, item.title, item.dedupeKey, item.dueAt ?? null],
    );
    if (inserted !== undefined) await this.mail.recordItemMail(em, inserted.id, item.userId);
  }

  /** Closes the open items of these kinds about a subject, for one user or for everyone. */
  async complete(em: EntityManager, subjectId: string, kinds: string[], userId?: string): Promise<void> {
    await em.query(
      `UPDATE inbox_items SET done_at = now()
        WHERE subject_id = $1 AND kind = ANY($2::text[]) AND done_at IS NULL AND ($3::uuid IS NULL OR user_id = $3)`,
      [subjectId, kinds, userId ?? null],
    );
  }

  async list(userId: string, includeDone: boolean): Promise<InboxItemView[]> {
    const items = await this.dataSource.getRepository(InboxItemEntity).find({
      where: includeDone ? { userId } : { userId, doneAt: IsNull() },
      order: { createdAt: 'DESC' },
      take: 200,
    });
    return items.map(viewOf);
  }

  async markDone(userId: string, itemId: string): Promise<void> {
    const { count } = await queryChanges<never>(
      this.dataSource,
      `UPDATE inbox_items SET done_at = coalesce(done_at, now()) WHERE id = $1 AND user_id = $2`,
      [itemId, userId],
    );
    if (count !== 1) throw new NotFoundError('IDENTITY.INBOX_ITEM_NOT_FOUND', `Inbox item ${itemId}`);
  }

  /** One of my items, exactly as it reads in my list (what dismissing answers). */
  async one(userId: string, itemId: string): Promise<InboxItemView> {
    const item = await this.dataSource.getRepository(InboxItemEntity).findOne({ where: { id: itemId, userId } });
    if (item === null) throw new NotFoundError('IDENTITY.INBOX_ITEM_NOT_FOUND', `Inbox item ${itemId}`);
    return viewOf(item);
  }
}

function viewOf(item: InboxItemEntity): InboxItemView {
  const { id, kind, subjectType, subjectId, title, createdAt, doneAt } = item;
  return { id, kind, subjectType, subjectId, title, createdAt, doneAt };
}
