import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { UserEntity } from './user.entity';

/** Something waiting for a user. The dedupe key makes a retried job add it once. */
@Entity({ name: 'inbox_items' })
@Index('uq_inbox_items_dedupe', ['dedupeKey'], { unique: true })
@Index('ix_inbox_items_open', ['userId', 'createdAt'], { where: 'done_at IS NULL' })
@Index('ix_inbox_items_overdue', ['dueAt'], { where: 'done_at IS NULL AND due_at IS NOT NULL' })
export class InboxItemEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_inbox_items' })
  id!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_inbox_items_user' })
  user?: UserEntity;

  @Column({ type: 'text' })
  kind!: string;

  @Column({ name: 'subject_type', type: 'text' })
  subjectType!: string;

  @Column({ name: 'subject_id', type: 'uuid' })
  subjectId!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ name: 'dedupe_key', type: 'text' })
  dedupeKey!: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  /** When the work is due, where it has a deadline (a review, an approval, a handover condition); the digest lists the overdue. */
  @Column({ name: 'due_at', type: 'timestamptz', nullable: true })
  dueAt!: Date | null;

  @Column({ name: 'done_at', type: 'timestamptz', nullable: true })
  doneAt!: Date | null;
}
