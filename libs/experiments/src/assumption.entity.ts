import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { InitiativeEntity } from '@ambidex/portfolio';
import { UserEntity } from '@ambidex/identity';
import { AssumptionStatus, RiskKind } from './domain/experiment-result';

/** The initiative's team beyond its owner: they may write its assumptions, experiments and learnings. */
@Entity({ name: 'initiative_members' })
@Index('ix_initiative_members_user', ['userId'])
export class InitiativeMemberEntity {
  @PrimaryColumn({ name: 'initiative_id', type: 'uuid', primaryKeyConstraintName: 'pk_initiative_members' })
  initiativeId!: string;

  @ManyToOne(() => InitiativeEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'initiative_id', foreignKeyConstraintName: 'fk_initiative_members_initiative' })
  initiative?: InitiativeEntity;

  @PrimaryColumn({ name: 'user_id', type: 'uuid', primaryKeyConstraintName: 'pk_initiative_members' })
  userId!: string;

  @ManyToOne(() => UserEntity)
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_initiative_members_user' })
  user?: UserEntity;

  @Column({ name: 'added_by', type: 'uuid' })
  addedBy!: string;

  @Column({ name: 'added_at', type: 'timestamptz', default: () => 'now()' })
  addedAt!: Date;
}

@Entity({ name: 'assumptions' })
@Index('ix_assumptions_initiative', ['initiativeId'])
@Check('ck_assumptions_risk_kind', `risk_kind IN ('desirability', 'feasibility', 'viability')`)
@Check('ck_assumptions_importance', `importance BETWEEN 1 AND 5`)
@Check('ck_assumptions_status', `status IN ('untested', 'validated', 'invalidated', 'inconclusive')`)
export class AssumptionEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_assumptions' })
  id!: string;

  @Column({ name: 'initiative_id', type: 'uuid' })
  initiativeId!: string;

  @ManyToOne(() => InitiativeEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'initiative_id', foreignKeyConstraintName: 'fk_assumptions_initiative' })
  initiative?: InitiativeEntity;

  @Column({ type: 'text' })
  statement!: string;

  @Column({ name: 'risk_kind', type: 'text' })
  riskKind!: RiskKind;

  /** 1 (nice to know) to 5 (the initiative dies if it is wrong). */
  @Column({ type: 'integer' })
  importance!: number;

  @Column({ type: 'text', default: 'untested' })
  status!: AssumptionStatus;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy!: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}

/** Every status an assumption went through, and the experiment that moved it. */
@Entity({ name: 'assumption_status_events' })
@Index('ix_assumption_status_events_assumption', ['assumptionId', 'occurredAt'])
export class AssumptionStatusEventEntity {
  @PrimaryGeneratedColumn('identity', {
    type: 'bigint',
    generatedIdentity: 'ALWAYS',
    primaryKeyConstraintName: 'pk_assumption_status_events',
  })
  id!: string;

  @Column({ name: 'assumption_id', type: 'uuid' })
  assumptionId!: string;

  @ManyToOne(() => AssumptionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'assumption_id', foreignKeyConstraintName: 'fk_assumption_status_events_assumption' })
  assumption?: AssumptionEntity;

  @Column({ name: 'from_status', type: 'text' })
  fromStatus!: AssumptionStatus;

  @Column({ name: 'to_status', type: 'text' })
  toStatus!: AssumptionStatus;

  @Column({ name: 'experiment_id', type: 'uuid', nullable: true })
  experimentId!: string | null;

  @Column({ name: 'occurred_at', type: 'timestamptz', default: () => 'now()' })
  occurredAt!: Date;
}
