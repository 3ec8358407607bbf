import { UserEntity } from '@ambidex/identity';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { ChangeRequestEntity } from './change-request.entity';
import { ControlledDocumentEntity, DocumentRevisionEntity } from './controlled-document.entities';
import { DocumentType } from './domain/document-types';
import { ReviewOutcome } from './domain/periodic-review';
import { ElectronicSignatureEntity } from './signature.entity';

/** How often each document type is reviewed, in months; set by admins and quality heads. */
@Entity({ name: 'document_review_intervals' })
@Check('ck_document_review_intervals_months', `interval_months BETWEEN 1 AND 120`)
export class DocumentReviewIntervalEntity {
  @PrimaryColumn({ name: 'document_type', type: 'text', primaryKeyConstraintName: 'pk_document_review_intervals' })
  documentType!: DocumentType;

  @Column({ name: 'interval_months', type: 'integer' })
  intervalMonths!: number;
}

/**
 * A recorded periodic review: still valid (signed, sets the next due date) or change needed (raises a change
 * request). One per revision and due date, so two reviewers recording at once cannot both win (a new revision
 * effective within the same second keeps the due date, and still needs its own review).
 */
@Entity({ name: 'document_reviews' })
@Index('uq_document_reviews_due', ['documentId', 'revisionId', 'dueAt'], { unique: true })
@Check('ck_document_reviews_outcome', `outcome IN ('still_valid', 'change_needed')`)
@Check(
  'ck_document_reviews_link',
  `(outcome = 'still_valid' AND signature_id IS NOT NULL AND next_due_at IS NOT NULL AND change_request_id IS NULL)
          OR (outcome = 'change_needed' AND change_request_id IS NOT NULL AND signature_id IS NULL)`,
)
export class DocumentReviewEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_document_reviews' })
  id!: string;

  @Column({ name: 'document_id', type: 'uuid' })
  documentId!: string;

  @ManyToOne(() => ControlledDocumentEntity)
  @JoinColumn({ name: 'document_id', foreignKeyConstraintName: 'fk_document_reviews_document' })
  document?: ControlledDocumentEntity;

  /** The effective revision that was reviewed. */
  @Column({ name: 'revision_id', type: 'uuid' })
  revisionId!: string;

  @ManyToOne(() => DocumentRevisionEntity)
  @JoinColumn({ name: 'revision_id', foreignKeyConstraintName: 'fk_document_reviews_revision' })
  revision?: DocumentRevisionEntity;

  @Column({ name: 'due_at', type: 'timestamptz' })
  dueAt!: Date;

  @Column({ type: 'text' })
  outcome!: ReviewOutcome;

  @Column({ type: 'text', nullable: true })
  comment!: string | null;

  @Column({ name: 'reviewed_by', type: 'uuid' })
  reviewedBy!: string;

  @ManyToOne(() => UserEntity)
  @JoinColumn({ name: 'reviewed_by', foreignKeyConstraintName: 'fk_document_reviews_reviewer' })
  reviewer?: UserEntity;

  @Column({ name: 'reviewed_at', type: 'timestamptz', default: () => 'now()' })
  reviewedAt!: Date;

  @Column({ name: 'next_due_at', type: 'timestamptz', nullable: true })
  nextDueAt!: Date | null;

  @Column({ name: 'signature_id', type: 'uuid', nullable: true })
  signatureId!: string | null;

  @ManyToOne(() => ElectronicSignatureEntity)
  @JoinColumn({ name: 'signature_id', foreignKeyConstraintName: 'fk_document_reviews_signature' })
  signature?: ElectronicSignatureEntity;

  @Column({ name: 'change_request_id', type: 'uuid', nullable: true })
  changeRequestId!: string | null;

  @ManyToOne(() => ChangeRequestEntity)
  @JoinColumn({ name: 'change_request_id', foreignKeyConstraintName: 'fk_document_reviews_change_request' })
  changeRequest?: ChangeRequestEntity;
}
