import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { StoredJobIntent } from './job-intent';

/** A domain event written in the same transaction as the change that caused it. */
@Entity({ name: 'outbox_events' })
@Index('ix_outbox_events_unpublished', ['occurredAt'], { where: 'published_at IS NULL' })
@Index('ix_outbox_events_unprocessed', ['publishedAt'], { where: 'processed_at IS NULL' })
@Index('ix_outbox_events_dead', ['deadAt'], { where: 'dead_at IS NOT NULL' })
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

  /** The job the event causes, added by the relay straight to its queue; null for an event only handlers consume. */
  @Column({ type: 'jsonb', nullable: true })
  job!: StoredJobIntent | null;

  /** Whether the registered handlers receive it (a domain-events job); false when its job is all it causes. */
  @Column({ name: 'to_handlers', type: 'boolean', default: true })
  toHandlers!: boolean;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;

  @Column({ name: 'processed_at', type: 'timestamptz', nullable: true })
  processedAt!: Date | null;

  @Column({ name: 'publish_count', type: 'integer', default: 0 })
  publishCount!: number;

  /** Failed deliveries in all (every BullMQ attempt and every sweep retry); reset when an admin retries a dead event. */
  @Column({ name: 'failed_attempts', type: 'integer', default: 0 })
  failedAttempts!: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ name: 'last_failed_at', type: 'timestamptz', nullable: true })
  lastFailedAt!: Date | null;

  /** Set when failedAttempts reached the cap: a dead letter, left alone by the sweep until an admin retries it. */
  @Column({ name: 'dead_at', type: 'timestamptz', nullable: true })
  deadAt!: Date | null;
}
