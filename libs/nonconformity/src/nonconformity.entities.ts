import { UserEntity } from '@ambidex/identity';
import { InitiativeEntity } from '@ambidex/portfolio';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { CauseCategory, NcSeverity, NcSource, NcStatus, NcSubjectType } from './domain/nonconformity-rules';

/**
 * A nonconformity (ISO 9001 10.2): raised by anyone, owned by the quality heads through containment, root cause,
 * corrective actions and a signed effectiveness check. A closed one is frozen by a trigger.
 */
@Entity({ name: 'nonconformities' })
@Index('uq_nonconformities_number', ['number'], { unique: true })
@Index('ix_nonconformities_status', ['status', 'raisedAt'])
@Index('ix_nonconformities_change_request', ['changeRequestId'])
@Check('ck_nonconformities_status', `status IN ('open', 'actions', 'verifying', 'closed')`)
@Check('ck_nonconformities_severity', `severity IN ('minor', 'major', 'critical')`)
@Check('ck_nonconformities_probability', `probability BETWEEN 1 AND 5`)
@Check(
  'ck_nonconformities_subject',
  `(subject_type IS NULL) = (subject_id IS NULL) AND (subject_type IS NULL OR subject_type IN ('controlled_document', 'process_record', 'handover_package', 'initiative'))`,
)
export class NonconformityEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_nonconformities' })
  id!: string;

  @Column({ type: 'text' })
  number!: string;

  @Column({ type: 'text', default: 'open' })
  status!: NcStatus;

  @Column({ name: 'subject_type', type: 'text', nullable: true })
  subjectType!: NcSubjectType | null;

  @Column({ name: 'subject_id', type: 'uuid', nullable: true })
  subjectId!: string | null;

  @Column({ type: 'text' })
  source!: NcSource;

  @Column({ type: 'text' })
  severity!: NcSeverity;

  @Column({ type: 'int' })
  probability!: number;

  @Column({ type: 'text' })
  description!: string;

  @Column({ name: 'evidence_links', type: 'text', array: true, default: () => `'{}'` })
  evidenceLinks!: string[];

  @Column({ name: 'raised_by', type: 'uuid' })
  raisedBy!: string;

  @ManyToOne(() => UserEntity)
  @JoinColumn({ name: 'raised_by', foreignKeyConstraintName: 'fk_nonconformities_raised_by' })
  raiser?: UserEntity;

  @CreateDateColumn({ name: 'raised_at', type: 'timestamptz' })
  raisedAt!: Date;

  @Column({ type: 'text', nullable: true })
  containment!: string | null;

  @Column({ name: 'contained_by', type: 'uuid', nullable: true })
  containedBy!: string | null;

  @Column({ name: 'contained_at', type: 'timestamptz', nullable: true })
  containedAt!: Date | null;

  /** The five whys, in order. */
  @Column({ type: 'jsonb', nullable: true })
  whys!: string[] | null;

  @Column({ name: 'cause_category', type: 'text', nullable: true })
  causeCategory!: CauseCategory | null;

  @Column({ name: 'root_cause_by', type: 'uuid', nullable: true })
  rootCauseBy!: string | null;

  @Column({ name: 'root_cause_at', type: 'timestamptz', nullable: true })
  rootCauseAt!: Date | null;

  /** Days after the last action closes that the effectiveness check falls due. */
  @Column({ name: 'effectiveness_after_days', type: 'int', nullable: true })
  effectivenessAfterDays!: number | null;

  @Column({ name: 'effectiveness_due_at', type: 'timestamptz', nullable: true })
  effectivenessDueAt!: Date | null;

  /** Set when the due check reached the quality heads' inbox: the job and the sweep do it once. */
  @Column({ name: 'effectiveness_notified_at', type: 'timestamptz', nullable: true })
  effectivenessNotifiedAt!: Date | null;

  /** How many times the effectiveness check was scheduled (an ineffective verdict schedules a new round). */
  @Column({ name: 'effectiveness_round', type: 'int', default: 0 })
  effectivenessRound!: number;

  @Column({ name: 'change_request_id', type: 'uuid', nullable: true })
  changeRequestId!: string | null;

  /** The initiative this NC raised as an opportunity (ISO 56001 8.3.2); one at most. */
  @Column({ name: 'opportunity_initiative_id', type: 'uuid', nullable: true })
  opportunityInitiativeId!: string | null;

  @ManyToOne(() => InitiativeEntity)
  @JoinColumn({ name: 'opportunity_initiative_id', foreignKeyConstraintName: 'fk_nonconformities_opportunity' })
  opportunityInitiative?: InitiativeEntity;

  @Column({ name: 'closed_by', type: 'uuid', nullable: true })
  closedBy!: string | null;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;
}

/** A corrective action: what, who, by when; overdue ones escalate once to the owner, then to the quality heads. */
@Entity({ name: 'nonconformity_actions' })
@Index('ix_nonconformity_actions_open_due', ['dueAt'], { where: 'done_at IS NULL' })
export class NonconformityActionEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_nonconformity_actions' })
  id!: string;

  @Column({ name: 'nonconformity_id', type: 'uuid' })
  nonconformityId!: string;

  @ManyToOne(() => NonconformityEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'nonconformity_id', foreignKeyConstraintName: 'fk_nonconformity_actions_nonconformity' })
  nonconformity?: NonconformityEntity;

  @Column({ type: 'text' })
  text!: string;

  @Column({ name: 'owner_id', type: 'uuid' })
  ownerId!: string;

  @ManyToOne(() => UserEntity)
  @JoinColumn({ name: 'owner_id', foreignKeyConstraintName: 'fk_nonconformity_actions_owner' })
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

/** Every effectiveness verdict, kept: an ineffective one reopened the NC, the effective one closed it (signed). */
@Entity({ name: 'nonconformity_effectiveness_checks' })
@Index('ix_nonconformity_effectiveness_checks_nc', ['nonconformityId', 'checkedAt'])
export class NonconformityEffectivenessCheckEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_nonconformity_effectiveness_checks' })
  id!: string;

  @Column({ name: 'nonconformity_id', type: 'uuid' })
  nonconformityId!: string;

  @ManyToOne(() => NonconformityEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'nonconformity_id', foreignKeyConstraintName: 'fk_nonconformity_effectiveness_checks_nc' })
  nonconformity?: NonconformityEntity;

  @Column({ type: 'boolean' })
  effective!: boolean;

  @Column({ type: 'text' })
  comment!: string;

  @Column({ name: 'checked_by', type: 'uuid' })
  checkedBy!: string;

  @CreateDateColumn({ name: 'checked_at', type: 'timestamptz' })
  checkedAt!: Date;

  @Column({ name: 'signature_id', type: 'uuid', nullable: true })
  signatureId!: string | null;
}

export const NONCONFORMITY_ENTITIES = [
  NonconformityEntity,
  NonconformityActionEntity,
  NonconformityEffectivenessCheckEntity,
];
