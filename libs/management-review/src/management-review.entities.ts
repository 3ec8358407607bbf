import { UserEntity } from '@ambidex/identity';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { ReviewStatus } from './domain/management-review-rules';

/**
 * A management review (ISO 9001 9.3, ISO 56001 9.3): scheduled by leadership for a meeting, its pack assembled by a
 * job from every context's figures for the period, its outputs recorded, then signed. A signed review is frozen by
 * a trigger.
 */
@Entity({ name: 'management_reviews' })
@Index('uq_management_reviews_number', ['number'], { unique: true })
@Index('ix_management_reviews_meeting', ['meetingOn'])
@Check('ck_management_reviews_status', `status IN ('scheduled', 'signed')`)
@Check('ck_management_reviews_period', `period_from <= period_to`)
@Check('ck_management_reviews_pack', `(pack IS NULL) = (pack_sha256 IS NULL)`)
export class ManagementReviewEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_management_reviews' })
  id!: string;

  @Column({ type: 'text' })
  number!: string;

  @Column({ type: 'text', default: 'scheduled' })
  status!: ReviewStatus;

  @Column({ name: 'meeting_on', type: 'date' })
  meetingOn!: string;

  @Column({ name: 'period_from', type: 'date' })
  periodFrom!: string;

  /** Inclusive: the pack covers up to the end of this day, as the dashboards read `to`. */
  @Column({ name: 'period_to', type: 'date' })
  periodTo!: string;

  /** The portfolio scope, as the dashboards filter (portfolio's id; no foreign key across contexts). */
  @Column({ name: 'portfolio_id', type: 'uuid', nullable: true })
  portfolioId!: string | null;

  @Column({ type: 'text', nullable: true })
  ambition!: string | null;

  @Column({ type: 'text', nullable: true })
  horizon!: string | null;

  /** Changes in external and internal issues (ISO 9001 9.3.2 b), in leadership's words. */
  @Column({ name: 'context_changes', type: 'text', nullable: true })
  contextChanges!: string | null;

  @Column({ type: 'text', array: true, default: () => `'{}'` })
  decisions!: string[];

  /** json, not jsonb: the pack keeps the order its sections wrote their figures in, for the reader. */
  @Column({ type: 'json', nullable: true })
  pack!: unknown;

  @Column({ name: 'pack_sha256', type: 'text', nullable: true })
  packSha256!: string | null;

  /** Each (re)assembly is a round with its own job; the pack stored is of `pack_assembled_round`. */
  @Column({ name: 'pack_round', type: 'int', default: 1 })
  packRound!: number;

  @Column({ name: 'pack_assembled_round', type: 'int', nullable: true })
  packAssembledRound!: number | null;

  @Column({ name: 'pack_assembled_at', type: 'timestamptz', nullable: true })
  packAssembledAt!: Date | null;

  @Column({ name: 'scheduled_by', type: 'uuid' })
  scheduledBy!: string;

  @ManyToOne(() => UserEntity)
  @JoinColumn({ name: 'scheduled_by', foreignKeyConstraintName: 'fk_management_reviews_scheduled_by' })
  scheduler?: UserEntity;

  @CreateDateColumn({ name: 'scheduled_at', type: 'timestamptz' })
  scheduledAt!: Date;

  @Column({ name: 'signature_id', type: 'uuid', nullable: true })
  signatureId!: string | null;

  @Column({ name: 'signed_by', type: 'uuid', nullable: true })
  signedBy!: string | null;

  @Column({ name: 'signed_at', type: 'timestamptz', nullable: true })
  signedAt!: Date | null;
}

/** An action the review decided, with its owner and due date; its progress stays open after signing. */
@Entity({ name: 'management_review_actions' })
@Index('ix_management_review_actions_review', ['reviewId'])
@Index('ix_management_review_actions_owner', ['ownerId', 'doneAt'])
@Index('ix_management_review_actions_open_due', ['dueAt'], { where: 'done_at IS NULL' })
export class ManagementReviewActionEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_management_review_actions' })
  id!: string;

  @Column({ name: 'review_id', type: 'uuid' })
  reviewId!: string;

  @ManyToOne(() => ManagementReviewEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'review_id', foreignKeyConstraintName: 'fk_management_review_actions_review' })
  review?: ManagementReviewEntity;

  @Column({ type: 'text' })
  text!: string;

  @Column({ name: 'owner_id', type: 'uuid' })
  ownerId!: string;

  @ManyToOne(() => UserEntity)
  @JoinColumn({ name: 'owner_id', foreignKeyConstraintName: 'fk_management_review_actions_owner' })
  owner?: UserEntity;

  @Column({ name: 'due_at', type: 'timestamptz' })
  dueAt!: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'done_at', type: 'timestamptz', nullable: true })
  doneAt!: Date | null;

  @Column({ name: 'done_note', type: 'text', nullable: true })
  doneNote!: string | null;

  /** Set when the overdue action reached its owner's inbox: the sweep does it once. */
  @Column({ name: 'escalated_to_owner_at', type: 'timestamptz', nullable: true })
  escalatedToOwnerAt!: Date | null;

  /** Set when the still-overdue action reached leadership: once. */
  @Column({ name: 'escalated_to_leadership_at', type: 'timestamptz', nullable: true })
  escalatedToLeadershipAt!: Date | null;
}

/** An opportunity the review raised: a new initiative in explore, its origin the review (ISO 56001 9.3.3). */
@Entity({ name: 'management_review_opportunities' })
@Index('ix_management_review_opportunities_review', ['reviewId'])
export class ManagementReviewOpportunityEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_management_review_opportunities' })
  id!: string;

  @Column({ name: 'review_id', type: 'uuid' })
  reviewId!: string;

  @ManyToOne(() => ManagementReviewEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'review_id', foreignKeyConstraintName: 'fk_management_review_opportunities_review' })
  review?: ManagementReviewEntity;

  /** The initiative portfolio's intake created (portfolio's id; no foreign key across contexts). */
  @Column({ name: 'initiative_id', type: 'uuid' })
  initiativeId!: string;

  @Column({ name: 'portfolio_id', type: 'uuid' })
  portfolioId!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ name: 'raised_by', type: 'uuid' })
  raisedBy!: string;

  @ManyToOne(() => UserEntity)
  @JoinColumn({ name: 'raised_by', foreignKeyConstraintName: 'fk_management_review_opportunities_raised_by' })
  raiser?: UserEntity;

  @CreateDateColumn({ name: 'raised_at', type: 'timestamptz' })
  raisedAt!: Date;
}

export const MANAGEMENT_REVIEW_ENTITIES = [
  ManagementReviewEntity,
  ManagementReviewActionEntity,
  ManagementReviewOpportunityEntity,
];
