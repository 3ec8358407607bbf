import { UserEntity } from '@ambidex/identity';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type { AuditStatus, AuditSubjectType, FindingKind } from './domain/audit-rules';

/**
 * An internal audit (ISO 9001 9.2, ISO 56001 9.2): planned by a quality head for a date, conducted by an auditor who
 * does not own what is audited, closed by a signed report. A signed audit is frozen by a trigger.
 */
@Entity({ name: 'internal_audits' })
@Index('uq_internal_audits_number', ['number'], { unique: true })
@Index('ix_internal_audits_status', ['status', 'plannedFor'])
@Check('ck_internal_audits_status', `status IN ('planned', 'in_progress', 'signed')`)
@Check(
  'ck_internal_audits_subject',
  `(subject_type IS NULL) = (subject_id IS NULL) AND (subject_type IS NULL OR subject_type IN ('controlled_document', 'initiative'))`,
)
@Check('ck_internal_audits_clauses', `cardinality(clauses) > 0`)
export class InternalAuditEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_internal_audits' })
  id!: string;

  @Column({ type: 'text' })
  number!: string;

  @Column({ type: 'text', default: 'planned' })
  status!: AuditStatus;

  @Column({ name: 'planned_for', type: 'date' })
  plannedFor!: string;

  @Column({ type: 'text' })
  scope!: string;

  @Column({ name: 'subject_type', type: 'text', nullable: true })
  subjectType!: AuditSubjectType | null;

  @Column({ name: 'subject_id', type: 'uuid', nullable: true })
  subjectId!: string | null;

  @Column({ type: 'text', array: true })
  clauses!: string[];

  @Column({ name: 'auditor_id', type: 'uuid' })
  auditorId!: string;

  @ManyToOne(() => UserEntity)
  @JoinColumn({ name: 'auditor_id', foreignKeyConstraintName: 'fk_internal_audits_auditor' })
  auditor?: UserEntity;

  @Column({ name: 'planned_by', type: 'uuid' })
  plannedBy!: string;

  @ManyToOne(() => UserEntity)
  @JoinColumn({ name: 'planned_by', foreignKeyConstraintName: 'fk_internal_audits_planned_by' })
  planner?: UserEntity;

  @CreateDateColumn({ name: 'planned_at', type: 'timestamptz' })
  plannedAt!: Date;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  summary!: string | null;

  @Column({ name: 'signature_id', type: 'uuid', nullable: true })
  signatureId!: string | null;

  @Column({ name: 'signed_at', type: 'timestamptz', nullable: true })
  signedAt!: Date | null;

  /** Set when the coming audit reached the auditor's inbox: the sweep does it once. */
  @Column({ name: 'reminded_at', type: 'timestamptz', nullable: true })
  remindedAt!: Date | null;

  /** Set when the overdue, unstarted audit reached the quality heads: once. */
  @Column({ name: 'escalated_at', type: 'timestamptz', nullable: true })
  escalatedAt!: Date | null;
}

/** One checklist item per clause in scope, with the auditor's finding once recorded. */
@Entity({ name: 'internal_audit_items' })
@Index('uq_internal_audit_items_clause', ['auditId', 'clause'], { unique: true })
@Check(
  'ck_internal_audit_items_finding',
  `finding IS NULL OR finding IN ('conformity', 'observation', 'minor', 'major')`,
)
export class InternalAuditItemEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_internal_audit_items' })
  id!: string;

  @Column({ name: 'audit_id', type: 'uuid' })
  auditId!: string;

  @ManyToOne(() => InternalAuditEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'audit_id', foreignKeyConstraintName: 'fk_internal_audit_items_audit' })
  audit?: InternalAuditEntity;

  @Column({ type: 'text' })
  clause!: string;

  @Column({ type: 'int' })
  position!: number;

  @Column({ type: 'text', nullable: true })
  finding!: FindingKind | null;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ name: 'evidence_links', type: 'text', array: true, default: () => `'{}'` })
  evidenceLinks!: string[];

  /** The nonconformity a minor or major finding raised (nonconformity's id; no foreign key across contexts). */
  @Column({ name: 'nonconformity_id', type: 'uuid', nullable: true })
  nonconformityId!: string | null;

  @Column({ name: 'recorded_at', type: 'timestamptz', nullable: true })
  recordedAt!: Date | null;
}

/**
 * The opportunity an observation raised (ISO 56001 8.3.2): a follow-up kept beside the checklist item, because a
 * signed report is frozen and the opportunity is often raised after signing. One per observation.
 */
@Entity({ name: 'audit_observation_opportunities' })
export class AuditObservationOpportunityEntity {
  @PrimaryColumn({ name: 'item_id', type: 'uuid', primaryKeyConstraintName: 'pk_audit_observation_opportunities' })
  itemId!: string;

  @ManyToOne(() => InternalAuditItemEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'item_id', foreignKeyConstraintName: 'fk_audit_observation_opportunities_item' })
  item?: InternalAuditItemEntity;

  /** The initiative portfolio's intake created (portfolio's id; no foreign key across contexts). */
  @Column({ name: 'initiative_id', type: 'uuid' })
  initiativeId!: string;

  @Column({ name: 'raised_by', type: 'uuid' })
  raisedBy!: string;

  @ManyToOne(() => UserEntity)
  @JoinColumn({ name: 'raised_by', foreignKeyConstraintName: 'fk_audit_observation_opportunities_raised_by' })
  raiser?: UserEntity;

  @CreateDateColumn({ name: 'raised_at', type: 'timestamptz' })
  raisedAt!: Date;
}

export const AUDITS_ENTITIES = [InternalAuditEntity, InternalAuditItemEntity, AuditObservationOpportunityEntity];
