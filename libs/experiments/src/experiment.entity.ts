import { numericTransformer } from '@ambidex/platform';
import { InitiativeEntity } from '@ambidex/portfolio';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { AssumptionEntity } from './assumption.entity';
import { Comparison, ExperimentResult, ExperimentStatus } from './domain/experiment-result';

/** A test card. Its hypothesis, metric and threshold are frozen once it starts (a trigger refuses changes). */
@Entity({ name: 'experiments' })
@Index('ix_experiments_initiative', ['initiativeId'])
@Check('ck_experiments_comparison', `comparison IN ('>=', '>', '<=', '<')`)
@Check('ck_experiments_status', `status IN ('planned', 'running', 'completed')`)
@Check('ck_experiments_minimum_sample', `minimum_sample >= 0`)
export class ExperimentEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_experiments' })
  id!: string;

  @Column({ name: 'initiative_id', type: 'uuid' })
  initiativeId!: string;

  @ManyToOne(() => InitiativeEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'initiative_id', foreignKeyConstraintName: 'fk_experiments_initiative' })
  initiative?: InitiativeEntity;

  @Column({ type: 'text' })
  hypothesis!: string;

  @Column({ type: 'text' })
  method!: string;

  @Column({ type: 'text' })
  metric!: string;

  @Column({ type: 'text' })
  comparison!: Comparison;

  @Column({ type: 'numeric', transformer: numericTransformer })
  threshold!: number;

  @Column({ name: 'minimum_sample', type: 'integer', default: 0 })
  minimumSample!: number;

  @Column({ name: 'planned_start', type: 'date', nullable: true })
  plannedStart!: string | null;

  @Column({ name: 'planned_end', type: 'date', nullable: true })
  plannedEnd!: string | null;

  @Column({ type: 'numeric', precision: 14, scale: 2, nullable: true, transformer: numericTransformer })
  budget!: number | null;

  @Column({ type: 'text', default: 'planned' })
  status!: ExperimentStatus;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt!: Date | null;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy!: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;

  @Column({ type: 'integer', default: 1 })
  version!: number;
}

@Entity({ name: 'experiment_assumptions' })
@Index('ix_experiment_assumptions_assumption', ['assumptionId'])
export class ExperimentAssumptionEntity {
  @PrimaryColumn({ name: 'experiment_id', type: 'uuid', primaryKeyConstraintName: 'pk_experiment_assumptions' })
  experimentId!: string;

  @ManyToOne(() => ExperimentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'experiment_id', foreignKeyConstraintName: 'fk_experiment_assumptions_experiment' })
  experiment?: ExperimentEntity;

  @PrimaryColumn({ name: 'assumption_id', type: 'uuid', primaryKeyConstraintName: 'pk_experiment_assumptions' })
  assumptionId!: string;

  @ManyToOne(() => AssumptionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'assumption_id', foreignKeyConstraintName: 'fk_experiment_assumptions_assumption' })
  assumption?: AssumptionEntity;
}

/** The observed value of an experiment and its verdict against the pre-registered threshold; one per experiment. */
@Entity({ name: 'experiment_results' })
// An idempotency key belongs to its writer and the experiment it writes to.
@Index('uq_experiment_results_idempotency_key', ['experimentId', 'recordedBy', 'idempotencyKey'], { unique: true })
@Index('uq_experiment_results_experiment', ['experimentId'], { unique: true })
@Check('ck_experiment_results_result', `result IN ('validated', 'invalidated', 'inconclusive')`)
export class ExperimentResultEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_experiment_results' })
  id!: string;

  @Column({ name: 'experiment_id', type: 'uuid' })
  experimentId!: string;

  @ManyToOne(() => ExperimentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'experiment_id', foreignKeyConstraintName: 'fk_experiment_results_experiment' })
  experiment?: ExperimentEntity;

  @Column({ name: 'idempotency_key', type: 'text' })
  idempotencyKey!: string;

  /** Fingerprint of the content sent with the key: a replay must match it (null on results stored before it was kept). */
  @Column({ name: 'request_hash', type: 'text', nullable: true })
  requestHash!: string | null;

  @Column({ type: 'numeric', transformer: numericTransformer })
  value!: number;

  @Column({ name: 'sample_size', type: 'integer' })
  sampleSize!: number;

  @Column({ type: 'numeric', precision: 14, scale: 2, nullable: true, transformer: numericTransformer })
  cost!: number | null;

  @Column({ type: 'text' })
  result!: ExperimentResult;

  @Column({ name: 'observed_at', type: 'timestamptz', default: () => 'now()' })
  observedAt!: Date;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ name: 'recorded_by', type: 'uuid' })
  recordedBy!: string;

  @Column({ name: 'batch_id', type: 'uuid', nullable: true })
  batchId!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
