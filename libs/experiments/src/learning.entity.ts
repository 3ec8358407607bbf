import { InitiativeEntity } from '@ambidex/portfolio';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Confidence, EvidenceLink, LearningDecision } from './domain/learning';
import { ExperimentEntity } from './experiment.entity';

/** A learning card. Never edited (a trigger refuses it): a correction is a new card that supersedes it. */
@Entity({ name: 'learnings' })
// An idempotency key belongs to its writer and the initiative it writes to.
@Index('uq_learnings_idempotency_key', ['initiativeId', 'recordedBy', 'idempotencyKey'], { unique: true })
// Partial: the search reads every corrected id, and a million NULLs would make that a scan of the whole index.
@Index('uq_learnings_supersedes', ['supersedesId'], { unique: true, where: 'supersedes_id IS NOT NULL' })
@Index('ix_learnings_initiative', ['initiativeId', 'createdAt'])
@Index('ix_learnings_created', ['createdAt'])
// The newest kills (or pivots) first, for a search that filters on the decision.
@Index('ix_learnings_decision_created', ['decision', 'createdAt'])
// GIN index over search_vector, declared in the migration (TypeORM cannot express the access method).
@Index('ix_learnings_search', { synchronize: false })
@Check('ck_learnings_decision', `decision IN ('persevere', 'pivot', 'kill')`)
@Check('ck_learnings_confidence', `confidence IN ('low', 'medium', 'high')`)
export class LearningEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_learnings' })
  id!: string;

  @Column({ name: 'initiative_id', type: 'uuid' })
  initiativeId!: string;

  @ManyToOne(() => InitiativeEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'initiative_id', foreignKeyConstraintName: 'fk_learnings_initiative' })
  initiative?: InitiativeEntity;

  @Column({ name: 'experiment_id', type: 'uuid', nullable: true })
  experimentId!: string | null;

  @ManyToOne(() => ExperimentEntity)
  @JoinColumn({ name: 'experiment_id', foreignKeyConstraintName: 'fk_learnings_experiment' })
  experiment?: ExperimentEntity;

  @Column({ type: 'text' })
  observed!: string;

  @Column({ type: 'text' })
  belief!: string;

  @Column({ type: 'text' })
  decision!: LearningDecision;

  @Column({ type: 'text' })
  confidence!: Confidence;

  @Column({ type: 'jsonb', default: () => `'[]'` })
  evidence!: EvidenceLink[];

  @Column({ name: 'supersedes_id', type: 'uuid', nullable: true })
  supersedesId!: string | null;

  @ManyToOne(() => LearningEntity)
  @JoinColumn({ name: 'supersedes_id', foreignKeyConstraintName: 'fk_learnings_supersedes' })
  supersedes?: LearningEntity;

  @Column({ name: 'idempotency_key', type: 'text', nullable: true })
  idempotencyKey!: string | null;

  /** Fingerprint of the content sent with the key: a replay must match it (null on cards stored before it was kept). */
  @Column({ name: 'request_hash', type: 'text', nullable: true })
  requestHash!: string | null;

  @Column({ name: 'recorded_by', type: 'uuid' })
  recordedBy!: string;

  @Column({ name: 'batch_id', type: 'uuid', nullable: true })
  batchId!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  /** to_tsvector('english', observed || ' ' || belief), set by a trigger at insert; never selected. */
  @Column({ name: 'search_vector', type: 'tsvector', nullable: true, select: false, insert: false, update: false })
  searchVector?: string | null;
}
