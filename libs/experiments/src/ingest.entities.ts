import { numericTransformer } from '@ambidex/platform';
import { InitiativeEntity } from '@ambidex/portfolio';
import { UserEntity } from '@ambidex/identity';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { EntryProblem } from './domain/ingest-entry';

export type BatchStatus = 'queued' | 'processing' | 'completed';
export type EntryStatus = 'pending' | 'stored' | 'duplicate' | 'failed';

/** A bulk upload of results and learnings; its entries wait in PostgreSQL (never in Redis) for the worker. */
@Entity({ name: 'ingest_batches' })
@Index('ix_ingest_batches_unfinished', ['createdAt'], { where: `status <> 'completed'` })
@Check('ck_ingest_batches_status', `status IN ('queued', 'processing', 'completed')`)
export class IngestBatchEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_ingest_batches' })
  id!: string;

  @Column({ name: 'submitted_by', type: 'uuid' })
  submittedBy!: string;

  @ManyToOne(() => UserEntity)
  @JoinColumn({ name: 'submitted_by', foreignKeyConstraintName: 'fk_ingest_batches_submitted_by' })
  submitter?: UserEntity;

  @Column({ type: 'text', default: 'queued' })
  status!: BatchStatus;

  @Column({ type: 'integer' })
  total!: number;

  @Column({ type: 'integer', default: 0 })
  stored!: number;

  @Column({ type: 'integer', default: 0 })
  duplicates!: number;

  @Column({ type: 'integer', default: 0 })
  failed!: number;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt!: Date | null;
}

@Entity({ name: 'ingest_entries' })
@Check('ck_ingest_entries_status', `status IN ('pending', 'stored', 'duplicate', 'failed')`)
export class IngestEntryEntity {
  @PrimaryColumn({ name: 'batch_id', type: 'uuid', primaryKeyConstraintName: 'pk_ingest_entries' })
  batchId!: string;

  @ManyToOne(() => IngestBatchEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'batch_id', foreignKeyConstraintName: 'fk_ingest_entries_batch' })
  batch?: IngestBatchEntity;

  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'pk_ingest_entries' })
  index!: number;

  @Column({ type: 'jsonb' })
  payload!: unknown;

  @Column({ type: 'text', default: 'pending' })
  status!: EntryStatus;

  @Column({ type: 'jsonb', nullable: true })
  problems!: EntryProblem[] | null;
}

/** Per initiative: assumption counts, learning velocity and cost per learning, kept current by the worker. */
@Entity({ name: 'initiative_learning_rollups' })
export class LearningRollupEntity {
  @PrimaryColumn({ name: 'initiative_id', type: 'uuid', primaryKeyConstraintName: 'pk_initiative_learning_rollups' })
  initiativeId!: string;

  @ManyToOne(() => InitiativeEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'initiative_id', foreignKeyConstraintName: 'fk_initiative_learning_rollups_initiative' })
  initiative?: InitiativeEntity;

  @Column({ type: 'integer', default: 0 })
  assumptions!: number;

  @Column({ type: 'integer', default: 0 })
  validated!: number;

  @Column({ type: 'integer', default: 0 })
  invalidated!: number;

  @Column({ type: 'integer', default: 0 })
  inconclusive!: number;

  @Column({ type: 'integer', default: 0 })
  learnings!: number;

  @Column({
    name: 'experiment_cost',
    type: 'numeric',
    precision: 14,
    scale: 2,
    default: 0,
    transformer: numericTransformer,
  })
  experimentCost!: number;

  @Column({
    name: 'learning_velocity',
    type: 'numeric',
    precision: 10,
    scale: 2,
    default: 0,
    transformer: numericTransformer,
  })
  learningVelocity!: number;

  @Column({
    name: 'cost_per_learning',
    type: 'numeric',
    precision: 14,
    scale: 2,
    nullable: true,
    transformer: numericTransformer,
  })
  costPerLearning!: number | null;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
