import { numericTransformer } from '@ambidex/platform';
import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The insights read model (migration 1795000400000, docs/metrics.md). Derived data: the refresh job rewrites a
 * portfolio's rows in one transaction with SQL aggregates, and the queries read them with SQL too; these classes
 * exist so the data source and the migration check know the tables.
 */

/** Per portfolio: when the read model was last refreshed, all-time series counts and duration percentiles. */
@Entity({ name: 'insights_portfolio_state' })
export class InsightsPortfolioStateEntity {
  @PrimaryColumn({ name: 'portfolio_id', type: 'uuid', primaryKeyConstraintName: 'pk_insights_portfolio_state' })
  portfolioId!: string;

  @Column({ name: 'refreshed_at', type: 'timestamptz' })
  refreshedAt!: Date;

  @Column({ name: 'refresh_ms', type: 'integer' })
  refreshMs!: number;

  /** How many times this portfolio was refreshed; lets tests and operators see deduplication at work. */
  @Column({ type: 'integer' })
  refreshes!: number;

  @Column({ type: 'integer' })
  initiatives!: number;

  /** The last full recompute; refreshed_at is the last change of any kind (a refresh or an incremental apply). */
  @Column({ name: 'recomputed_at', type: 'timestamptz' })
  recomputedAt!: Date;

  /** How many incremental applies changed the read model. */
  @Column({ type: 'integer', default: 0 })
  applies!: number;

  /** Rows the last safety recompute found different from what the applies kept (null until one ran). */
  @Column({ name: 'drift_rows', type: 'integer', nullable: true })
  driftRows!: number | null;

  @Column({ name: 'drift_checked_at', type: 'timestamptz', nullable: true })
  driftCheckedAt!: Date | null;

  @Column({ type: 'bigint' })
  events!: string;

  /** All-time count per 'ambition|horizon' and measure. */
  @Column({ name: 'series_totals', type: 'jsonb' })
  seriesTotals!: Record<string, Record<string, number>>;
}

/** Per initiative: filter dimensions, current state, ECV and learning figures, and its own timeline. */
@Entity({ name: 'insights_initiatives' })
@Index('ix_insights_initiatives_owner', ['portfolioId', 'ownerId'])
@Index('ix_insights_initiatives_created', ['portfolioId', 'createdDay'])
// DESC NULLS LAST, partial and GIN indexes are declared in the migration; TypeORM cannot express them.
@Index('ix_insights_initiatives_ecv', { synchronize: false })
@Index('ix_insights_initiatives_bets', { synchronize: false })
@Index('ix_insights_initiatives_decisions', { synchronize: false })
export class InsightsInitiativeEntity {
  @PrimaryColumn({ name: 'initiative_id', type: 'uuid', primaryKeyConstraintName: 'pk_insights_initiatives' })
  initiativeId!: string;

  @Column({ name: 'portfolio_id', type: 'uuid' })
  portfolioId!: string;

  @Column({ name: 'owner_id', type: 'uuid' })
  ownerId!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  ambition!: string;

  @Column({ type: 'text' })
  horizon!: string;

  @Column({ type: 'text' })
  stage!: string;

  @Column({ type: 'text' })
  status!: string;

  @Column({ type: 'numeric', precision: 20, scale: 2, nullable: true, transformer: numericTransformer })
  ecv!: number | null;

  /** Pcs × Pts. */
  @Column({ type: 'numeric', precision: 7, scale: 6, nullable: true, transformer: numericTransformer })
  probability!: number | null;

  /** D, the remaining development cost. */
  @Column({
    name: 'remaining_cost',
    type: 'numeric',
    precision: 16,
    scale: 2,
    nullable: true,
    transformer: numericTransformer,
  })
  remainingCost!: number | null;

  @Column({
    name: 'learning_velocity',
    type: 'numeric',
    precision: 10,
    scale: 2,
    nullable: true,
    transformer: numericTransformer,
  })
  learningVelocity!: number | null;

  @Column({
    name: 'cost_per_learning',
    type: 'numeric',
    precision: 14,
    scale: 2,
    nullable: true,
    transformer: numericTransformer,
  })
  costPerLearning!: number | null;

  /**
   * Its timeline, parallel arrays with one element per history event or handover verdict: the UTC day, and the
   * measures it counts towards (docs/metrics.md): out of a stage, into a stage, and a decision or verdict (nulls where
   * none). A GIN index on mark_others finds the initiatives behind a gate decision.
   */
  @Column({ name: 'mark_days', type: 'date', array: true })
  markDays!: string[];

  @Column({ name: 'mark_outflows', type: 'text', array: true })
  markOutflows!: (string | null)[];

  @Column({ name: 'mark_inflows', type: 'text', array: true })
  markInflows!: (string | null)[];

  @Column({ name: 'mark_others', type: 'text', array: true })
  markOthers!: (string | null)[];

  /** Its duration samples: a stage passage (metric = the stage) or time-to-controlled ('ttc'), by the day it ended. */
  @Column({ name: 'sample_metrics', type: 'text', array: true })
  sampleMetrics!: string[];

  @Column({ name: 'sample_days', type: 'date', array: true })
  sampleDays!: string[];

  @Column({ name: 'sample_seconds', type: 'double precision', array: true })
  sampleSeconds!: number[];

  /** The UTC day it was created (null only until the first refresh after the column was added). */
  @Column({ name: 'created_day', type: 'date', nullable: true })
  createdDay!: string | null;

  /** Raised by operations (an NC, a complaint, ...: the initiative has an origin; ISO 56001 8.3.2). */
  @Column({ name: 'from_operations', type: 'boolean', default: false })
  fromOperations!: boolean;

  /** Seconds from its creation to its first gate decision; null while it has none. */
  @Column({ name: 'first_decision_seconds', type: 'double precision', nullable: true })
  firstDecisionSeconds!: number | null;
}

/** The cube: daily counts per portfolio × ambition × horizon × measure, with running totals. */
@Entity({ name: 'insights_daily' })
export class InsightsDailyEntity {
  @PrimaryColumn({ name: 'portfolio_id', type: 'uuid', primaryKeyConstraintName: 'pk_insights_daily' })
  portfolioId!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_insights_daily' })
  ambition!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_insights_daily' })
  horizon!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_insights_daily' })
  measure!: string;

  @PrimaryColumn({ type: 'date', primaryKeyConstraintName: 'pk_insights_daily' })
  day!: string;

  @Column({ type: 'integer' })
  n!: number;

  @Column({ type: 'bigint' })
  cum!: string;
}

/**
 * Per portfolio × ambition × horizon and day with marks: every measure's running total at the end of the day
 * ({measure: count}, zeros left out). Two probes per cell give a period's counts.
 */
@Entity({ name: 'insights_cube_days' })
export class InsightsCubeDayEntity {
  @PrimaryColumn({ name: 'portfolio_id', type: 'uuid', primaryKeyConstraintName: 'pk_insights_cube_days' })
  portfolioId!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_insights_cube_days' })
  ambition!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_insights_cube_days' })
  horizon!: string;

  @PrimaryColumn({ type: 'date', primaryKeyConstraintName: 'pk_insights_cube_days' })
  day!: string;

  @Column({ type: 'jsonb' })
  cum!: Record<string, number>;
}

/** Duration samples by the UTC day they ended, for percentiles over a period. */
@Entity({ name: 'insights_samples' })
// (portfolio_id, metric, day) INCLUDE (ambition, horizon, bucket), (portfolio_id, metric, bucket, day)
// INCLUDE (ambition, horizon, seconds) and (portfolio_id, metric, bucket, seconds) INCLUDE (ambition, horizon) are
// declared in the migration.
@Index('ix_insights_samples_period', { synchronize: false })
@Index('ix_insights_samples_bucket', { synchronize: false })
@Index('ix_insights_samples_rank', { synchronize: false })
@Index('ix_insights_samples_initiative', ['initiativeId'])
export class InsightsSampleEntity {
  @PrimaryGeneratedColumn('identity', {
    type: 'bigint',
    generatedIdentity: 'ALWAYS',
    primaryKeyConstraintName: 'pk_insights_samples',
  })
  id!: string;

  @Column({ name: 'portfolio_id', type: 'uuid' })
  portfolioId!: string;

  @Column({ type: 'text' })
  metric!: string;

  @Column({ type: 'date' })
  day!: string;

  @Column({ type: 'text' })
  ambition!: string;

  @Column({ type: 'text' })
  horizon!: string;

  @Column({ type: 'double precision' })
  seconds!: number;

  @Column({ name: 'initiative_id', type: 'uuid' })
  initiativeId!: string;

  /** Its histogram class (sampleBucketSql in domain/measures.ts): buckets are in the order of seconds. */
  @Column({ type: 'smallint' })
  bucket!: number;
}

/**
 * Per portfolio × sample metric × ambition × horizon and month: the running histogram (one count per bucket) of the
 * samples that ended before the end of the month. Two probes give a run of whole months.
 */
@Entity({ name: 'insights_sample_months' })
export class InsightsSampleMonthEntity {
  @PrimaryColumn({ name: 'portfolio_id', type: 'uuid', primaryKeyConstraintName: 'pk_insights_sample_months' })
  portfolioId!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_insights_sample_months' })
  metric!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_insights_sample_months' })
  ambition!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_insights_sample_months' })
  horizon!: string;

  @PrimaryColumn({ type: 'date', primaryKeyConstraintName: 'pk_insights_sample_months' })
  month!: string;

  @Column({ type: 'integer', array: true })
  cum!: number[];
}

/**
 * Per portfolio × sample metric × ambition × horizon and day: that day's histogram, sparse (the buckets holding samples,
 * in order, and their counts); also per metric and day over every cell ('*'). A period's days outside its whole
 * months are read from here.
 */
@Entity({ name: 'insights_sample_days' })
export class InsightsSampleDayEntity {
  @PrimaryColumn({ name: 'portfolio_id', type: 'uuid', primaryKeyConstraintName: 'pk_insights_sample_days' })
  portfolioId!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_insights_sample_days' })
  metric!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_insights_sample_days' })
  ambition!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_insights_sample_days' })
  horizon!: string;

  @PrimaryColumn({ type: 'date', primaryKeyConstraintName: 'pk_insights_sample_days' })
  day!: string;

  @Column({ type: 'smallint', array: true })
  buckets!: number[];

  @Column({ type: 'integer', array: true })
  counts!: number[];
}

/** Open gate reviews with a deadline; zombies are those past it at read time. */
@Entity({ name: 'insights_zombie_candidates' })
@Index('ix_insights_zombie_candidates_portfolio', ['portfolioId', 'deadlineAt'])
export class InsightsZombieCandidateEntity {
  @PrimaryColumn({ name: 'review_id', type: 'uuid', primaryKeyConstraintName: 'pk_insights_zombie_candidates' })
  reviewId!: string;

  @Column({ name: 'portfolio_id', type: 'uuid' })
  portfolioId!: string;

  @Column({ name: 'initiative_id', type: 'uuid' })
  initiativeId!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  gate!: string;

  @Column({ name: 'deadline_at', type: 'timestamptz' })
  deadlineAt!: Date;

  @Column({ name: 'owner_id', type: 'uuid' })
  ownerId!: string;

  @Column({ type: 'text' })
  ambition!: string;

  @Column({ type: 'text' })
  horizon!: string;
}

/** Learning roll-ups summed per portfolio × ambition × horizon. */
@Entity({ name: 'insights_learning' })
export class InsightsLearningEntity {
  @PrimaryColumn({ name: 'portfolio_id', type: 'uuid', primaryKeyConstraintName: 'pk_insights_learning' })
  portfolioId!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_insights_learning' })
  ambition!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_insights_learning' })
  horizon!: string;

  @Column({ name: 'velocity_sum', type: 'numeric', transformer: numericTransformer })
  velocitySum!: number;

  @Column({ name: 'velocity_n', type: 'integer' })
  velocityN!: number;

  @Column({ name: 'cost_sum', type: 'numeric', transformer: numericTransformer })
  costSum!: number;

  @Column({ name: 'cost_n', type: 'integer' })
  costN!: number;
}

/** Initiatives whose events wait for the portfolio's next apply job (InsightsApply.applyPending). */
@Entity({ name: 'insights_pending_applies' })
export class InsightsPendingApplyEntity {
  @PrimaryColumn({ name: 'portfolio_id', type: 'uuid', primaryKeyConstraintName: 'pk_insights_pending_applies' })
  portfolioId!: string;

  @PrimaryColumn({ name: 'initiative_id', type: 'uuid', primaryKeyConstraintName: 'pk_insights_pending_applies' })
  initiativeId!: string;

  @Column({ name: 'requested_at', type: 'timestamptz', default: () => 'now()' })
  requestedAt!: Date;
}

export const INSIGHTS_ENTITIES = [
  InsightsPendingApplyEntity,
  InsightsPortfolioStateEntity,
  InsightsInitiativeEntity,
  InsightsDailyEntity,
  InsightsCubeDayEntity,
  InsightsSampleEntity,
  InsightsSampleMonthEntity,
  InsightsSampleDayEntity,
  InsightsZombieCandidateEntity,
  InsightsLearningEntity,
];
