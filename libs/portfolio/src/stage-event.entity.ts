import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Decision, Gate, InitiativeStatus, Stage } from './domain/stage-machine';
import { InitiativeEntity } from './initiative.entity';

export type StageEventKind = 'created' | 'decision' | 'hold_expired' | 'handover_accepted' | 'handover_rejected';

/** The initiative's history: every stage or status change, who, when and why. Funnel figures come from here. */
@Entity({ name: 'stage_events' })
@Index('uq_stage_events_initiative_seq', ['initiativeId', 'seq'], { unique: true })
@Index('uq_stage_events_review_decision', ['reviewId'], { unique: true, where: `kind = 'decision'` })
@Index('ix_stage_events_occurred', ['occurredAt'])
@Check(
  'ck_stage_events_kind',
  `kind IN ('created', 'decision', 'hold_expired', 'handover_accepted', 'handover_rejected')`,
)
export class StageEventEntity {
  @PrimaryGeneratedColumn('identity', {
    type: 'bigint',
    generatedIdentity: 'ALWAYS',
    primaryKeyConstraintName: 'pk_stage_events',
  })
  id!: string;

  @Column({ name: 'initiative_id', type: 'uuid' })
  initiativeId!: string;

  @ManyToOne(() => InitiativeEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'initiative_id', foreignKeyConstraintName: 'fk_stage_events_initiative' })
  initiative?: InitiativeEntity;

  @Column({ type: 'integer' })
  seq!: number;

  @Column({ type: 'text' })
  kind!: StageEventKind;

  @Column({ name: 'from_stage', type: 'text', nullable: true })
  fromStage!: Stage | null;

  @Column({ name: 'from_status', type: 'text', nullable: true })
  fromStatus!: InitiativeStatus | null;

  @Column({ name: 'to_stage', type: 'text' })
  toStage!: Stage;

  @Column({ name: 'to_status', type: 'text' })
  toStatus!: InitiativeStatus;

  @Column({ type: 'text', nullable: true })
  gate!: Gate | null;

  @Column({ type: 'text', nullable: true })
  decision!: Decision | null;

  @Column({ name: 'review_id', type: 'uuid', nullable: true })
  reviewId!: string | null;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId!: string | null;

  @Column({ name: 'actor_label', type: 'text' })
  actorLabel!: string;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ name: 'occurred_at', type: 'timestamptz', default: () => 'now()' })
  occurredAt!: Date;
}
