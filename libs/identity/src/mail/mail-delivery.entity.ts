import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { InboxItemEntity } from '../inbox-item.entity';
import { UserEntity } from '../user.entity';

export type MailKind = 'inbox_item' | 'digest';
export type MailDeliveryStatus = 'pending' | 'sent' | 'failed' | 'skipped';

/**
 * One e-mail to send: about one inbox item, or one user's digest of a UTC day. The unique keys make a retried job,
 * a re-delivered event or a re-run digest find the same row instead of adding a second mail.
 */
@Entity({ name: 'mail_deliveries' })
@Index('uq_mail_deliveries_inbox_item', ['inboxItemId'], { unique: true })
@Index('uq_mail_deliveries_digest', ['userId', 'digestDate'], { unique: true })
@Index('ix_mail_deliveries_pending', ['createdAt'], { where: `status = 'pending'` })
@Check('ck_mail_deliveries_status', `status IN ('pending', 'sent', 'failed', 'skipped')`)
@Check(
  'ck_mail_deliveries_kind',
  `(kind = 'inbox_item' AND inbox_item_id IS NOT NULL AND digest_date IS NULL)
          OR (kind = 'digest' AND digest_date IS NOT NULL AND inbox_item_id IS NULL)`,
)
export class MailDeliveryEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_mail_deliveries' })
  id!: string;

  @Column({ type: 'text' })
  kind!: MailKind;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_mail_deliveries_user' })
  user?: UserEntity;

  @Column({ name: 'inbox_item_id', type: 'uuid', nullable: true })
  inboxItemId!: string | null;

  @ManyToOne(() => InboxItemEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'inbox_item_id', foreignKeyConstraintName: 'fk_mail_deliveries_inbox_item' })
  inboxItem?: InboxItemEntity;

  /** The UTC day a digest is for (YYYY-MM-DD). */
  @Column({ name: 'digest_date', type: 'date', nullable: true })
  digestDate!: string | null;

  @Column({ type: 'text', default: 'pending' })
  status!: MailDeliveryStatus;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt!: Date | null;
}
