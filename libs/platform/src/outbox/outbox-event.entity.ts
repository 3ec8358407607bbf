import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A domain event written in the same transaction as the change that caused it. */
@Entity({ name: 'outbox_events' })
@Index('ix_outbox_events_unpublished', ['occurredAt'], { where: 'published_at IS NULL' })
@Index('ix_outbox_events_unprocessed', ['publishedAt'], { where: 'processed_at IS NULL' })
export class OutboxEventEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_outbox_events' })
  id!: string;

  @Column({ name: 'event_type', type: 'text' })
  eventType!: string;

  @Column({ name: 'aggregate_type', type: 'text' })
  aggregateType!: string;

  @Column({ name: 'aggregate_id', type: 'text' })
  aggregateId!: string;

  /** Ids and small facts only; consumers read the rest from the database. */
  @Column({ type: 'jsonb' })
  payload!: Record<string, unknown>;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;

  @Column({ name: 'processed_at', type: 'timestamptz', nullable: true })
  processedAt!: Date | null;

  @Column({ name: 'publish_count', type: 'integer', default: 0 })
  publishCount!: number;
}
