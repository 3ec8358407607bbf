import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { UserEntity } from '@ambidex/identity';
import { InitiativeStatus, Stage } from './domain/stage-machine';
import { numericTransformer } from '@ambidex/platform';
import { PortfolioEntity } from './portfolio.entity';
import { ProcessModelEntity } from './process-model.entity';

export const HORIZONS = ['H1', 'H2', 'H3'] as const;
export type Horizon = (typeof HORIZONS)[number];
export const AMBITIONS = ['core', 'adjacent', 'transformational'] as const;
export type Ambition = (typeof AMBITIONS)[number];
export const INNOVATION_TYPES = ['product', 'service', 'process', 'business_model'] as const;
export type InnovationType = (typeof INNOVATION_TYPES)[number];
/** Where operations fed an initiative from (ISO 56001 8.3.2); null for one captured directly. */
export const ORIGIN_TYPES = [
  'nonconformity',
  'customer_complaint',
  'audit_observation',
  'management_review',
  'customer_feedback',
] as const;
export type OriginType = (typeof ORIGIN_TYPES)[number];

const money = { type: 'numeric' as const, precision: 16, scale: 2, nullable: true, transformer: numericTransformer };
const probability = {
  type: 'numeric' as const,
  precision: 4,
  scale: 3,
  nullable: true,
  transformer: numericTransformer,
};

@Entity({ name: 'initiatives' })
@Index('ix_initiatives_portfolio_created', ['portfolioId', 'createdAt', 'id'])
@Index('ix_initiatives_portfolio_stage', ['portfolioId', 'stage', 'status', 'createdAt', 'id'])
@Index('ix_initiatives_owner_created', ['ownerId', 'createdAt', 'id'])
@Index('ix_initiatives_created', ['createdAt', 'id'])
// Listing sorts (migration 1795000110000): every sort and keyset page is an index range scan.
@Index('ix_initiatives_portfolio_updated', ['portfolioId', 'updatedAt', 'id'])
@Index('ix_initiatives_portfolio_title', ['portfolioId', 'title', 'id'])
@Index('ix_initiatives_updated', ['updatedAt', 'id'])
@Index('ix_initiatives_title', ['title', 'id'])
// Trigram indexes (gin_trgm_ops) are declared in the migration; TypeORM cannot express operator classes.
@Index('ix_initiatives_title_trgm', { synchronize: false })
@Index('ix_initiatives_problem_trgm', { synchronize: false })
@Check('ck_initiatives_horizon', `horizon IN ('H1', 'H2', 'H3')`)
@Check('ck_initiatives_ambition', `ambition IN ('core', 'adjacent', 'transformational')`)
@Check('ck_initiatives_type', `innovation_type IN ('product', 'service', 'process', 'business_model')`)
@Check('ck_initiatives_stage', `stage IN ('explore', 'experiment', 'develop', 'handover', 'in_operation')`)
@Check('ck_initiatives_status', `status IN ('active', 'on_hold', 'killed', 'handed_over')`)
@Index('ix_initiatives_origin', ['originId'])
@Check(
  'ck_initiatives_origin',
  `(origin_type IS NULL) = (origin_id IS NULL) AND (origin_type IS NULL OR origin_type IN ('nonconformity', 'customer_complaint', 'audit_observation', 'management_review', 'customer_feedback'))`,
)
@Check(
  'ck_initiatives_probabilities',
  `(probability_commercial IS NULL OR probability_commercial BETWEEN 0 AND 1) AND
          (probability_technical IS NULL OR probability_technical BETWEEN 0 AND 1)`,
)
export class InitiativeEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_initiatives' })
  id!: string;

  @Column({ name: 'portfolio_id', type: 'uuid' })
  portfolioId!: string;

  @ManyToOne(() => PortfolioEntity)
  @JoinColumn({ name: 'portfolio_id', foreignKeyConstraintName: 'fk_initiatives_portfolio' })
  portfolio?: PortfolioEntity;

  @Column({ name: 'process_model_id', type: 'uuid' })
  processModelId!: string;

  @ManyToOne(() => ProcessModelEntity)
  @JoinColumn({ name: 'process_model_id', foreignKeyConstraintName: 'fk_initiatives_process_model' })
  processModel?: ProcessModelEntity;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  problem!: string;

  @Column({ name: 'value_hypothesis', type: 'text' })
  valueHypothesis!: string;

  @Column({ name: 'owner_id', type: 'uuid' })
  ownerId!: string;

  @ManyToOne(() => UserEntity)
  @JoinColumn({ name: 'owner_id', foreignKeyConstraintName: 'fk_initiatives_owner' })
  owner?: UserEntity;

  @Column({ type: 'text' })
  horizon!: Horizon;

  @Column({ type: 'text' })
  ambition!: Ambition;

  @Column({ name: 'innovation_type', type: 'text' })
  innovationType!: InnovationType;

  @Column({ name: 'strategic_objective', type: 'text', nullable: true })
  strategicObjective!: string | null;

  @Column({ type: 'text', nullable: true })
  source!: string | null;

  @Column({ ...money })
  npv!: number | null;

  @Column({ name: 'probability_commercial', ...probability })
  probabilityCommercial!: number | null;

  @Column({ name: 'probability_technical', ...probability })
  probabilityTechnical!: number | null;

  @Column({ name: 'commercialization_cost', ...money })
  commercializationCost!: number | null;

  @Column({ name: 'remaining_development_cost', ...money })
  remainingDevelopmentCost!: number | null;

  @Column({ name: 'cost_to_date', ...money })
  costToDate!: number | null;

  @Column({ name: 'origin_type', type: 'text', nullable: true })
  originType!: OriginType | null;

  @Column({ name: 'origin_id', type: 'uuid', nullable: true })
  originId!: string | null;

  /** The origin's own name (e.g. NC-0007), so the initiative shows it without reading the other context. */
  @Column({ name: 'origin_label', type: 'text', nullable: true })
  originLabel!: string | null;

  @Column({ type: 'text', default: 'explore' })
  stage!: Stage;

  @Column({ type: 'text', default: 'active' })
  status!: InitiativeStatus;

  @Column({ name: 'hold_until', type: 'timestamptz', nullable: true })
  holdUntil!: Date | null;

  @Column({ name: 'stage_entered_at', type: 'timestamptz', default: () => 'now()' })
  stageEnteredAt!: Date;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;

  @Column({ type: 'integer', default: 1 })
  version!: number;
}
