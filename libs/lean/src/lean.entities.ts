import { UserEntity } from '@ambidex/identity';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { ImprovementStatus, MeasurementKind, Waste } from './domain/lean-rules';
import type { ValueStreamStep } from './domain/value-stream';

/**
 * The value stream of one controlled process record (handover's), opened when its handover is accepted. The owner is
 * the process owner at that moment; the baseline is recorded once, later figures only as measurements.
 */
@Entity({ name: 'value_streams' })
@Index('uq_value_streams_process_record', ['processRecordId'], { unique: true })
export class ValueStreamEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_value_streams' })
  id!: string;

  /** Handover's process record; read through handover's readers, so no foreign key across contexts. */
  @Column({ name: 'process_record_id', type: 'uuid' })
  processRecordId!: string;

  @Column({ name: 'package_id', type: 'uuid' })
  packageId!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'owner_id', type: 'uuid' })
  ownerId!: string;

  @ManyToOne(() => UserEntity)
  @JoinColumn({ name: 'owner_id', foreignKeyConstraintName: 'fk_value_streams_owner' })
  owner?: UserEntity;

  @CreateDateColumn({ name: 'opened_at', type: 'timestamptz' })
  openedAt!: Date;

  @Column({ name: 'baseline_at', type: 'timestamptz', nullable: true })
  baselineAt!: Date | null;

  /** When the stream was last measured (baseline included): a period measured already is not asked for. */
  @Column({ name: 'measured_at', type: 'timestamptz', nullable: true })
  measuredAt!: Date | null;

  /** The last measurement period the owner was asked for: the job and a retry ask once per period. */
  @Column({ name: 'requested_period', type: 'int', nullable: true })
  requestedPeriod!: number | null;
}

/** The map as recorded (steps) and what it adds up to; kept as recorded (a trigger refuses changes). */
@Entity({ name: 'value_stream_measurements' })
@Index('ix_value_stream_measurements_stream', ['valueStreamId', 'recordedAt'])
@Index('uq_value_stream_measurements_baseline', ['valueStreamId'], { unique: true, where: `kind = 'baseline'` })
@Check('ck_value_stream_measurements_kind', `kind IN ('baseline', 'measurement', 'close')`)
@Check('ck_value_stream_measurements_close', `(kind = 'close') = (improvement_event_id IS NOT NULL)`)
export class ValueStreamMeasurementEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_value_stream_measurements' })
  id!: string;

  @Column({ name: 'value_stream_id', type: 'uuid' })
  valueStreamId!: string;

  @ManyToOne(() => ValueStreamEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'value_stream_id', foreignKeyConstraintName: 'fk_value_stream_measurements_stream' })
  valueStream?: ValueStreamEntity;

  @Column({ type: 'text' })
  kind!: MeasurementKind;

  /** The period the owner was asked for, when this answers a scheduled request. */
  @Column({ type: 'int', nullable: true })
  period!: number | null;

  @Column({ type: 'jsonb' })
  steps!: ValueStreamStep[];

  @Column({ name: 'lead_time', type: 'double precision' })
  leadTime!: number;

  @Column({ name: 'process_time', type: 'double precision' })
  processTime!: number;

  @Column({ name: 'flow_efficiency', type: 'double precision', nullable: true })
  flowEfficiency!: number | null;

  @Column({ name: 'rolled_ca', type: 'double precision' })
  rolledCa!: number;

  @Column({ name: 'improvement_event_id', type: 'uuid', nullable: true })
  improvementEventId!: string | null;

  @Column({ name: 'recorded_by', type: 'uuid' })
  recordedBy!: string;

  @ManyToOne(() => UserEntity)
  @JoinColumn({ name: 'recorded_by', foreignKeyConstraintName: 'fk_value_stream_measurements_recorded_by' })
  recorder?: UserEntity;

  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;
}

/** An improvement event (kaizen) against a process and the waste it targets; closed with its effect measured. */
@Entity({ name: 'improvement_events' })
@Index('uq_improvement_events_number', ['number'], { unique: true })
@Index('ix_improvement_events_stream', ['valueStreamId', 'raisedAt'])
@Index('ix_improvement_events_closed', ['closedAt'], { where: `status = 'closed'` })
@Index('ix_improvement_events_change_request', ['changeRequestId'])
@Check('ck_improvement_events_status', `status IN ('open', 'closed')`)
@Check(
  'ck_improvement_events_waste',
  `waste IN ('defects', 'overproduction', 'waiting', 'non_utilised_talent', 'transportation', 'inventory', 'motion', 'extra_processing')`,
)
@Check('ck_improvement_events_closed', `(status = 'closed') = (close_measurement_id IS NOT NULL)`)
export class ImprovementEventEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_improvement_events' })
  id!: string;

  @Column({ type: 'text' })
  number!: string;

  @Column({ name: 'value_stream_id', type: 'uuid' })
  valueStreamId!: string;

  @ManyToOne(() => ValueStreamEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'value_stream_id', foreignKeyConstraintName: 'fk_improvement_events_stream' })
  valueStream?: ValueStreamEntity;

  @Column({ type: 'text' })
  waste!: Waste;

  @Column({ type: 'text' })
  problem!: string;

  @Column({ type: 'text' })
  target!: string;

  @Column({ type: 'text', default: 'open' })
  status!: ImprovementStatus;

  @Column({ name: 'raised_by', type: 'uuid' })
  raisedBy!: string;

  @ManyToOne(() => UserEntity)
  @JoinColumn({ name: 'raised_by', foreignKeyConstraintName: 'fk_improvement_events_raised_by' })
  raiser?: UserEntity;

  @CreateDateColumn({ name: 'raised_at', type: 'timestamptz' })
  raisedAt!: Date;

  /** The change request raised on one of the process's controlled documents (qms's); one at most. */
  @Column({ name: 'change_request_id', type: 'uuid', nullable: true })
  changeRequestId!: string | null;

  @Column({ name: 'change_document_id', type: 'uuid', nullable: true })
  changeDocumentId!: string | null;

  /** The measurement taken at close; the before figures are the baseline's, copied so the record stands alone. */
  @Column({ name: 'close_measurement_id', type: 'uuid', nullable: true })
  closeMeasurementId!: string | null;

  @ManyToOne(() => ValueStreamMeasurementEntity)
  @JoinColumn({ name: 'close_measurement_id', foreignKeyConstraintName: 'fk_improvement_events_close_measurement' })
  closeMeasurement?: ValueStreamMeasurementEntity;

  @Column({ name: 'before_lead_time', type: 'double precision', nullable: true })
  beforeLeadTime!: number | null;

  @Column({ name: 'before_flow_efficiency', type: 'double precision', nullable: true })
  beforeFlowEfficiency!: number | null;

  @Column({ name: 'close_note', type: 'text', nullable: true })
  closeNote!: string | null;

  @Column({ name: 'closed_by', type: 'uuid', nullable: true })
  closedBy!: string | null;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;
}

/** An action of an improvement event: what, who, by when; overdue ones escalate to the owner, then quality heads. */
@Entity({ name: 'improvement_actions' })
@Index('ix_improvement_actions_event', ['improvementEventId'])
@Index('ix_improvement_actions_open_due', ['dueAt'], { where: 'done_at IS NULL' })
export class ImprovementActionEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_improvement_actions' })
  id!: string;

  @Column({ name: 'improvement_event_id', type: 'uuid' })
  improvementEventId!: string;

  @ManyToOne(() => ImprovementEventEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'improvement_event_id', foreignKeyConstraintName: 'fk_improvement_actions_event' })
  improvementEvent?: ImprovementEventEntity;

  @Column({ type: 'text' })
  text!: string;

  @Column({ name: 'owner_id', type: 'uuid' })
  ownerId!: string;

  @ManyToOne(() => UserEntity)
  @JoinColumn({ name: 'owner_id', foreignKeyConstraintName: 'fk_improvement_actions_owner' })
  owner?: UserEntity;

  @Column({ name: 'due_at', type: 'timestamptz' })
  dueAt!: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'done_at', type: 'timestamptz', nullable: true })
  doneAt!: Date | null;

  @Column({ name: 'done_by', type: 'uuid', nullable: true })
  doneBy!: string | null;

  @Column({ name: 'done_note', type: 'text', nullable: true })
  doneNote!: string | null;

  @Column({ name: 'escalated_to_owner_at', type: 'timestamptz', nullable: true })
  escalatedToOwnerAt!: Date | null;

  @Column({ name: 'escalated_to_quality_at', type: 'timestamptz', nullable: true })
  escalatedToQualityAt!: Date | null;
}

export const LEAN_ENTITIES = [
  ValueStreamEntity,
  ValueStreamMeasurementEntity,
  ImprovementEventEntity,
  ImprovementActionEntity,
];
