import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ControlledDocumentEntity } from './controlled-document.entities';

export type ChangeRequestStatus = 'open' | 'approved' | 'rejected';

/**
 * ISO 9001 8.5.6: the only way to change an effective document. It proposes new content against the revision it
 * was raised on, with reason, impact and diff; approving it makes a new revision. One open request per document.
 */
@Entity({ name: 'change_requests' })
@Index('uq_change_requests_open', ['documentId'], { unique: true, where: `status = 'open'` })
@Check('ck_change_requests_status', `status IN ('open', 'approved', 'rejected')`)
export class ChangeRequestEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_change_requests' })
  id!: string;

  @Column({ name: 'document_id', type: 'uuid' })
  documentId!: string;

  @ManyToOne(() => ControlledDocumentEntity)
  @JoinColumn({ name: 'document_id', foreignKeyConstraintName: 'fk_change_requests_document' })
  document?: ControlledDocumentEntity;

  /** The revision that was effective when the change was asked for; the diff is against it. */
  @Column({ name: 'base_revision_id', type: 'uuid' })
  baseRevisionId!: string;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ type: 'text' })
  impact!: string;

  @Column({ name: 'proposed_title', type: 'text' })
  proposedTitle!: string;

  @Column({ name: 'proposed_body', type: 'text' })
  proposedBody!: string;

  @Column({ type: 'text' })
  diff!: string;

  @Column({ type: 'text', default: 'open' })
  status!: ChangeRequestStatus;

  @Column({ name: 'requested_by', type: 'uuid' })
  requestedBy!: string;

  @Column({ name: 'requested_at', type: 'timestamptz', default: () => 'now()' })
  requestedAt!: Date;

  @Column({ name: 'decided_by', type: 'uuid', nullable: true })
  decidedBy!: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @Column({ name: 'decision_comment', type: 'text', nullable: true })
  decisionComment!: string | null;

  /** The revision its approval created. */
  @Column({ name: 'new_revision_id', type: 'uuid', nullable: true })
  newRevisionId!: string | null;
}
