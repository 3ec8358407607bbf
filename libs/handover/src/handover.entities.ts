import { Role, UserEntity } from '@ambidex/identity';
import { InitiativeEntity } from '@ambidex/portfolio';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ChecklistItem, DerivedRisk } from './domain/package-content';

export type HandoverStatus = 'draft' | 'submitted' | 'accepted' | 'accepted_with_conditions' | 'rejected';

/** What the quality system is told the product is, copied from the initiative when the package is assembled. */
export interface ProductDefinition {
  title: string;
  problem: string;
  valueHypothesis: string;
}

/**
 * What the QMS receives after a G3 Go: product definition, risks and a readiness checklist, with the requirements,
 * draft documents and process record hanging off it. A two-party transaction: the lead submits, the quality head
 * accepts (possibly on conditions) or rejects, and signs.
 */
@Entity({ name: 'handover_packages' })
@Index('uq_handover_packages_live', ['initiativeId'], { unique: true, where: `status <> 'rejected'` })
@Index('uq_handover_packages_review', ['reviewId'], { unique: true })
@Check(
  'ck_handover_packages_status',
  `status IN ('draft', 'submitted', 'accepted', 'accepted_with_conditions', 'rejected')`,
)
export class HandoverPackageEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_handover_packages' })
  id!: string;

  @Column({ name: 'initiative_id', type: 'uuid' })
  initiativeId!: string;

  @ManyToOne(() => InitiativeEntity)
  @JoinColumn({ name: 'initiative_id', foreignKeyConstraintName: 'fk_handover_packages_initiative' })
  initiative?: InitiativeEntity;

  /** The G3 review whose Go assembled the package. */
  @Column({ name: 'review_id', type: 'uuid', nullable: true })
  reviewId!: string | null;

  @Column({ type: 'text', default: 'draft' })
  status!: HandoverStatus;

  @Column({ name: 'product_definition', type: 'jsonb' })
  productDefinition!: ProductDefinition;

  @Column({ type: 'jsonb' })
  risks!: DerivedRisk[];

  @Column({ type: 'jsonb' })
  checklist!: ChecklistItem[];

  /** The roles to be trained once the documents become effective. */
  @Column({ name: 'training_roles', type: 'text', array: true, default: () => `'{}'` })
  trainingRoles!: Role[];

  @Column({ name: 'submitted_by', type: 'uuid', nullable: true })
  submittedBy!: string | null;

  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt!: Date | null;

  @Column({ name: 'decided_by', type: 'uuid', nullable: true })
  decidedBy!: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @Column({ name: 'decision_reason', type: 'text', nullable: true })
  decisionReason!: string | null;

  @Column({ name: 'approved_at', type: 'timestamptz', nullable: true })
  approvedAt!: Date | null;

  /** When its records came under the QMS: the end of time-to-controlled. */
  @Column({ name: 'controlled_at', type: 'timestamptz', nullable: true })
  controlledAt!: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ type: 'integer', default: 1 })
  version!: number;
}

/** A requirement derived from a validated assumption, with the experiments and learnings that proved it: the trace. */
@Entity({ name: 'handover_requirements' })
@Index('uq_handover_requirements_key', ['packageId', 'key'], { unique: true })
@Index('ix_handover_requirements_assumption', ['assumptionId'])
export class HandoverRequirementEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_handover_requirements' })
  id!: string;

  @Column({ name: 'package_id', type: 'uuid' })
  packageId!: string;

  @ManyToOne(() => HandoverPackageEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'package_id', foreignKeyConstraintName: 'fk_handover_requirements_package' })
  package?: HandoverPackageEntity;

  /** REQ-001, unique within the package. */
  @Column({ type: 'text' })
  key!: string;

  @Column({ type: 'text' })
  text!: string;

  @Column({ name: 'assumption_id', type: 'uuid', nullable: true })
  assumptionId!: string | null;

  @Column({ name: 'experiment_ids', type: 'uuid', array: true, default: () => `'{}'` })
  experimentIds!: string[];

  @Column({ name: 'learning_ids', type: 'uuid', array: true, default: () => `'{}'` })
  learningIds!: string[];
}

/** A condition of an acceptance with conditions, tracked to done and escalated when overdue. */
@Entity({ name: 'handover_actions' })
@Index('ix_handover_actions_open', ['dueAt'], { where: 'done_at IS NULL' })
export class HandoverActionEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_handover_actions' })
  id!: string;

  @Column({ name: 'package_id', type: 'uuid' })
  packageId!: string;

  @ManyToOne(() => HandoverPackageEntity)
  @JoinColumn({ name: 'package_id', foreignKeyConstraintName: 'fk_handover_actions_package' })
  package?: HandoverPackageEntity;

  @Column({ type: 'text' })
  text!: string;

  @Column({ name: 'owner_id', type: 'uuid' })
  ownerId!: string;

  @ManyToOne(() => UserEntity)
  @JoinColumn({ name: 'owner_id', foreignKeyConstraintName: 'fk_handover_actions_owner' })
  owner?: UserEntity;

  @Column({ name: 'due_at', type: 'timestamptz' })
  dueAt!: Date;

  @Column({ name: 'done_at', type: 'timestamptz', nullable: true })
  doneAt!: Date | null;

  @Column({ name: 'done_note', type: 'text', nullable: true })
  doneNote!: string | null;

  @Column({ name: 'escalated_at', type: 'timestamptz', nullable: true })
  escalatedAt!: Date | null;
}
