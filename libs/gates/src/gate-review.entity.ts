import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { UserEntity } from '@ambidex/identity';
import { Decision, Gate, InitiativeEntity } from '@ambidex/portfolio';
import { EvaluatedCriterion, GateOutcome } from './domain/gate-decision';
import { ReadinessReport } from './domain/readiness';

import { ReviewStatus } from './domain/review-status';

export { OPEN_REVIEW_STATUSES, REVIEW_STATUSES, type ReviewStatus } from './domain/review-status';

/** One sitting of one gate for one initiative. Status moves only forward, each move guarded in SQL. */
@Entity({ name: 'gate_reviews' })
@Index('uq_gate_reviews_open', ['initiativeId', 'gate'], {
  unique: true,
  where: `status IN ('requested', 'scoring', 'awaiting_decision')`,
})
@Index('ix_gate_reviews_initiative', ['initiativeId', 'requestedAt'])
@Index('ix_gate_reviews_deadline', ['deadlineAt'], { where: `status = 'scoring'` })
@Check('ck_gate_reviews_gate', `gate IN ('G1', 'G2', 'G3')`)
@Check(
  'ck_gate_reviews_status',
  `status IN ('requested', 'not_ready', 'scoring', 'awaiting_decision', 'decided', 'cancelled')`,
)
@Check(
  'ck_gate_reviews_decision',
  `decision IS NULL OR decision IN ('go', 'conditional_go', 'kill', 'hold', 'recycle')`,
)
export class GateReviewEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_gate_reviews' })
  id!: string;

  @Column({ name: 'initiative_id', type: 'uuid' })
  initiativeId!: string;

  @ManyToOne(() => InitiativeEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'initiative_id', foreignKeyConstraintName: 'fk_gate_reviews_initiative' })
  initiative?: InitiativeEntity;

  @Column({ type: 'text' })
  gate!: Gate;

  @Column({ type: 'text' })
  status!: ReviewStatus;

  @Column({ name: 'requested_by', type: 'uuid', nullable: true })
  requestedBy!: string | null;

  @Column({ name: 'requested_at', type: 'timestamptz', default: () => 'now()' })
  requestedAt!: Date;

  @Column({ name: 'chair_id', type: 'uuid', nullable: true })
  chairId!: string | null;

  @ManyToOne(() => UserEntity)
  @JoinColumn({ name: 'chair_id', foreignKeyConstraintName: 'fk_gate_reviews_chair' })
  chair?: UserEntity;

  @Column({ name: 'opened_at', type: 'timestamptz', nullable: true })
  openedAt!: Date | null;

  @Column({ name: 'deadline_at', type: 'timestamptz', nullable: true })
  deadlineAt!: Date | null;

  @Column({ type: 'jsonb', nullable: true })
  readiness!: ReadinessReport | null;

  @Column({ type: 'jsonb', nullable: true })
  evaluated!: EvaluatedCriterion[] | null;

  @Column({ type: 'jsonb', nullable: true })
  outcome!: GateOutcome | null;

  @Column({ type: 'text', nullable: true })
  decision!: Decision | null;

  @Column({ name: 'decision_reason', type: 'text', nullable: true })
  decisionReason!: string | null;

  @Column({ name: 'decided_by', type: 'uuid', nullable: true })
  decidedBy!: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @Column({ name: 'hold_until', type: 'timestamptz', nullable: true })
  holdUntil!: Date | null;

  @Column({ name: 'escalated_at', type: 'timestamptz', nullable: true })
  escalatedAt!: Date | null;

  @Column({ type: 'integer', default: 1 })
  version!: number;
}
