import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { InitiativeEntity } from '@ambidex/portfolio';
import { UserEntity } from '@ambidex/identity';
import { MustMeetJudgement, ShouldMeetScore } from './domain/gate-decision';
import { GateReviewEntity } from './gate-review.entity';

/** Everything the gatekeepers saw, frozen and hashed when the review opened. A trigger refuses changes. */
@Entity({ name: 'evidence_snapshots' })
export class EvidenceSnapshotEntity {
  @PrimaryColumn({ name: 'review_id', type: 'uuid', primaryKeyConstraintName: 'pk_evidence_snapshots' })
  reviewId!: string;

  @ManyToOne(() => GateReviewEntity)
  @JoinColumn({ name: 'review_id', foreignKeyConstraintName: 'fk_evidence_snapshots_review' })
  review?: GateReviewEntity;

  @Column({ type: 'jsonb' })
  content!: Record<string, unknown>;

  @Column({ name: 'content_hash', type: 'char', length: 64 })
  contentHash!: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}

@Entity({ name: 'gate_review_assignments' })
@Index('ix_gate_review_assignments_gatekeeper', ['gatekeeperId'])
export class GateReviewAssignmentEntity {
  @PrimaryColumn({ name: 'review_id', type: 'uuid', primaryKeyConstraintName: 'pk_gate_review_assignments' })
  reviewId!: string;

  @ManyToOne(() => GateReviewEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'review_id', foreignKeyConstraintName: 'fk_gate_review_assignments_review' })
  review?: GateReviewEntity;

  @PrimaryColumn({ name: 'gatekeeper_id', type: 'uuid', primaryKeyConstraintName: 'pk_gate_review_assignments' })
  gatekeeperId!: string;

  @ManyToOne(() => UserEntity)
  @JoinColumn({ name: 'gatekeeper_id', foreignKeyConstraintName: 'fk_gate_review_assignments_gatekeeper' })
  gatekeeper?: UserEntity;

  @Column({ name: 'assigned_at', type: 'timestamptz', default: () => 'now()' })
  assignedAt!: Date;
}

/** One gatekeeper's verdict; one per review and gatekeeper, never edited. */
@Entity({ name: 'scorecards' })
@Index('uq_scorecards_review_gatekeeper', ['reviewId', 'gatekeeperId'], { unique: true })
export class ScorecardEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_scorecards' })
  id!: string;

  @Column({ name: 'review_id', type: 'uuid' })
  reviewId!: string;

  @Column({ name: 'gatekeeper_id', type: 'uuid' })
  gatekeeperId!: string;

  @ManyToOne(() => GateReviewAssignmentEntity)
  @JoinColumn([
    { name: 'review_id', referencedColumnName: 'reviewId', foreignKeyConstraintName: 'fk_scorecards_assignment' },
    {
      name: 'gatekeeper_id',
      referencedColumnName: 'gatekeeperId',
      foreignKeyConstraintName: 'fk_scorecards_assignment',
    },
  ])
  assignment?: GateReviewAssignmentEntity;

  @Column({ name: 'must_meet', type: 'jsonb' })
  mustMeet!: MustMeetJudgement[];

  @Column({ name: 'should_meet', type: 'jsonb' })
  shouldMeet!: ShouldMeetScore[];

  @Column({ name: 'submitted_at', type: 'timestamptz', default: () => 'now()' })
  submittedAt!: Date;
}

/** A condition of a Conditional Go: all must be met before the next gate may be asked for. */
@Entity({ name: 'gate_conditions' })
@Index('ix_gate_conditions_open', ['initiativeId'], { where: 'met_at IS NULL' })
export class GateConditionEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_gate_conditions' })
  id!: string;

  @Column({ name: 'review_id', type: 'uuid' })
  reviewId!: string;

  @ManyToOne(() => GateReviewEntity)
  @JoinColumn({ name: 'review_id', foreignKeyConstraintName: 'fk_gate_conditions_review' })
  review?: GateReviewEntity;

  @Column({ name: 'initiative_id', type: 'uuid' })
  initiativeId!: string;

  @ManyToOne(() => InitiativeEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'initiative_id', foreignKeyConstraintName: 'fk_gate_conditions_initiative' })
  initiative?: InitiativeEntity;

  @Column({ type: 'text' })
  text!: string;

  @Column({ name: 'due_at', type: 'timestamptz', nullable: true })
  dueAt!: Date | null;

  @Column({ name: 'met_at', type: 'timestamptz', nullable: true })
  metAt!: Date | null;

  @Column({ name: 'met_by', type: 'uuid', nullable: true })
  metBy!: string | null;

  @Column({ name: 'met_note', type: 'text', nullable: true })
  metNote!: string | null;
}
