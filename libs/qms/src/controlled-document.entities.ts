import { Role, UserEntity } from '@ambidex/identity';
import {
  Check,
  Column,
  Entity,
  ForeignKey,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { DocumentType } from './domain/document-types';
import { RevisionState } from './domain/revision-lifecycle';

/** withdrawn: a draft of a rejected handover package, kept readable but out of every list, flag and approval. */
export type ControlledDocumentStatus = 'draft_in_package' | 'controlled' | 'obsolete' | 'withdrawn';
export type ApprovalDecision = 'approved' | 'rejected';

/** Where document numbers come from: one counter per document type, so each type has its own SOP-0001, WI-0001 sequence. */
@Entity({ name: 'numbering_schemes' })
@Check('ck_numbering_schemes_padding', `padding BETWEEN 1 AND 10`)
@Index('uq_numbering_schemes_prefix', ['prefix'], { unique: true })
export class NumberingSchemeEntity {
  @PrimaryColumn({ name: 'document_type', type: 'text', primaryKeyConstraintName: 'pk_numbering_schemes' })
  documentType!: DocumentType;

  @Column({ type: 'text' })
  prefix!: string;

  @Column({ type: 'integer', default: 4 })
  padding!: number;

  @Column({ name: 'next_value', type: 'integer', default: 1 })
  nextValue!: number;
}

/**
 * ISO 9001 7.5 documented information. Born as a draft inside a handover package, numbered only once it is
 * controlled; its content lives in its revisions, never here.
 */
@Entity({ name: 'controlled_documents' })
@Index('uq_controlled_documents_number', ['number'], { unique: true })
@Index('uq_controlled_documents_package_type', ['packageId', 'documentType'], { unique: true })
@Index('ix_controlled_documents_initiative', ['originInitiativeId'])
@Index('ix_controlled_documents_review_due', ['reviewDueAt'], { where: 'review_due_at IS NOT NULL' })
@Check('ck_controlled_documents_status', `status IN ('draft_in_package', 'controlled', 'obsolete', 'withdrawn')`)
export class ControlledDocumentEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_controlled_documents' })
  id!: string;

  @Column({ name: 'document_type', type: 'text' })
  documentType!: DocumentType;

  /** SOP-0007; null until the document becomes controlled. */
  @Column({ type: 'text', nullable: true })
  number!: string | null;

  @Column({ type: 'text' })
  title!: string;

  @Column({ name: 'owner_id', type: 'uuid' })
  ownerId!: string;

  @ManyToOne(() => UserEntity)
  @JoinColumn({ name: 'owner_id', foreignKeyConstraintName: 'fk_controlled_documents_owner' })
  owner?: UserEntity;

  /**
   * The handover package that drafted it. handover sits to the right of qms, so the foreign key names the table
   * instead of importing HandoverPackageEntity: a data source with these entities must also hold the handover ones.
   */
  @Column({ name: 'package_id', type: 'uuid', nullable: true })
  @ForeignKey('handover_packages', { name: 'fk_controlled_documents_package' })
  packageId!: string | null;

  /** The initiative whose evidence the document came from, for the assumption-to-record trace (no foreign key). */
  @Column({ name: 'origin_initiative_id', type: 'uuid', nullable: true })
  originInitiativeId!: string | null;

  @Column({ type: 'text', default: 'draft_in_package' })
  status!: ControlledDocumentStatus;

  @Column({ name: 'retention_years', type: 'integer', default: 10 })
  retentionYears!: number;

  /** Holders of these roles are assigned training when a revision becomes effective. */
  @Column({ name: 'training_roles', type: 'text', array: true, default: () => `'{quality_head}'` })
  trainingRoles!: Role[];

  /** Set when an assumption the document cites is invalidated: the owner must review it. */
  @Column({ name: 'review_flagged_at', type: 'timestamptz', nullable: true })
  reviewFlaggedAt!: Date | null;

  @Column({ name: 'review_flag_reason', type: 'text', nullable: true })
  reviewFlagReason!: string | null;

  /** When the effective revision is next due for its periodic review (ISO 9001 7.5.2); null while not effective. */
  @Column({ name: 'review_due_at', type: 'timestamptz', nullable: true })
  reviewDueAt!: Date | null;

  /** The due date the owner was last reminded of, and the one last escalated: each happens once per due date. */
  @Column({ name: 'review_reminded_for', type: 'timestamptz', nullable: true })
  reviewRemindedFor!: Date | null;

  @Column({ name: 'review_escalated_for', type: 'timestamptz', nullable: true })
  reviewEscalatedFor!: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}

/**
 * A document cites an assumption it rests on, so invalidating the assumption flags the document for review.
 * Deliberately no foreign key to assumptions.
 */
@Entity({ name: 'document_citations' })
@Index('ix_document_citations_assumption', ['assumptionId'])
export class DocumentCitationEntity {
  @PrimaryColumn({ name: 'document_id', type: 'uuid', primaryKeyConstraintName: 'pk_document_citations' })
  documentId!: string;

  @ManyToOne(() => ControlledDocumentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'document_id', foreignKeyConstraintName: 'fk_document_citations_document' })
  document?: ControlledDocumentEntity;

  @PrimaryColumn({ name: 'assumption_id', type: 'uuid', primaryKeyConstraintName: 'pk_document_citations' })
  assumptionId!: string;
}

/**
 * One revision of a controlled document. Nothing past review is edited (a trigger refuses it): a change is a new
 * revision, and a unique index keeps exactly one effective revision per document.
 */
@Entity({ name: 'document_revisions' })
@Index('uq_document_revisions_number', ['documentId', 'revision'], { unique: true })
@Index('uq_document_revisions_effective', ['documentId'], { unique: true, where: `state = 'effective'` })
@Index('ix_document_revisions_scheduled', ['effectiveFrom'], { where: `state = 'approved'` })
@Check(
  'ck_document_revisions_state',
  `state IN ('draft', 'in_review', 'approved', 'effective', 'superseded', 'obsolete')`,
)
export class DocumentRevisionEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_document_revisions' })
  id!: string;

  @Column({ name: 'document_id', type: 'uuid' })
  documentId!: string;

  @ManyToOne(() => ControlledDocumentEntity)
  @JoinColumn({ name: 'document_id', foreignKeyConstraintName: 'fk_document_revisions_document' })
  document?: ControlledDocumentEntity;

  @Column({ type: 'integer' })
  revision!: number;

  @Column({ type: 'text', default: 'draft' })
  state!: RevisionState;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  body!: string;

  /** The change request that produced this revision; null for the first one. */
  @Column({ name: 'change_request_id', type: 'uuid', nullable: true })
  changeRequestId!: string | null;

  /** When an approved revision is scheduled to become effective. */
  @Column({ name: 'effective_from', type: 'timestamptz', nullable: true })
  effectiveFrom!: Date | null;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy!: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt!: Date | null;

  @Column({ name: 'approved_at', type: 'timestamptz', nullable: true })
  approvedAt!: Date | null;

  @Column({ name: 'effective_at', type: 'timestamptz', nullable: true })
  effectiveAt!: Date | null;

  /** When it stopped being effective (superseded or obsolete). */
  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt!: Date | null;
}

/** One approver's signed decision on one revision in review; the open ones are that approver's queue. */
@Entity({ name: 'revision_approvals' })
@Index('uq_revision_approvals_approver', ['revisionId', 'approverId'], { unique: true })
@Index('ix_revision_approvals_open', ['approverId'], { where: 'decision IS NULL' })
@Check('ck_revision_approvals_decision', `decision IS NULL OR decision IN ('approved', 'rejected')`)
export class RevisionApprovalEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_revision_approvals' })
  id!: string;

  @Column({ name: 'revision_id', type: 'uuid' })
  revisionId!: string;

  @ManyToOne(() => DocumentRevisionEntity)
  @JoinColumn({ name: 'revision_id', foreignKeyConstraintName: 'fk_revision_approvals_revision' })
  revision?: DocumentRevisionEntity;

  @Column({ name: 'approver_id', type: 'uuid' })
  approverId!: string;

  @ManyToOne(() => UserEntity)
  @JoinColumn({ name: 'approver_id', foreignKeyConstraintName: 'fk_revision_approvals_approver' })
  approver?: UserEntity;

  @Column({ name: 'due_at', type: 'timestamptz' })
  dueAt!: Date;

  @Column({ type: 'text', nullable: true })
  decision!: ApprovalDecision | null;

  @Column({ type: 'text', nullable: true })
  comment!: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  /** The electronic signature given with the decision. */
  @Column({ name: 'signature_id', type: 'uuid', nullable: true })
  signatureId!: string | null;
}
