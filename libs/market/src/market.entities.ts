import { UserEntity } from '@ambidex/identity';
import { numericTransformer } from '@ambidex/platform';
import { InitiativeEntity } from '@ambidex/portfolio';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { FeedbackChannel, FeedbackSentiment, ReviewVerdict } from './domain/market-rules';

const money = { type: 'numeric' as const, precision: 16, scale: 2, transformer: numericTransformer };

/**
 * A product in the market: an initiative whose handover was accepted, registered when the handover event arrives
 * (or when its owner first records value, for one accepted before this context existed).
 */
@Entity({ name: 'market_products' })
export class MarketProductEntity {
  @PrimaryColumn({ name: 'initiative_id', type: 'uuid', primaryKeyConstraintName: 'pk_market_products' })
  initiativeId!: string;

  @ManyToOne(() => InitiativeEntity)
  @JoinColumn({ name: 'initiative_id', foreignKeyConstraintName: 'fk_market_products_initiative' })
  initiative?: InitiativeEntity;

  /** The accepted handover package; null for a product registered without its event. */
  @Column({ name: 'package_id', type: 'uuid', nullable: true })
  packageId!: string | null;

  @Column({ name: 'handed_over_at', type: 'timestamptz' })
  handedOverAt!: Date;

  @Column({ name: 'registered_at', type: 'timestamptz', default: () => 'now()' })
  registeredAt!: Date;
}

/** A product's realised value in one month: one row per product and month, corrected in place (audited). */
@Entity({ name: 'market_values' })
@Index('uq_market_values_month', ['initiativeId', 'month'], { unique: true })
@Index('ix_market_values_month', ['month'])
@Check('ck_market_values_amounts', `revenue >= 0 AND cost_savings >= 0 AND customers >= 0`)
@Check('ck_market_values_first_day', `extract(day from month) = 1`)
export class MarketValueEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_market_values' })
  id!: string;

  @Column({ name: 'initiative_id', type: 'uuid' })
  initiativeId!: string;

  @ManyToOne(() => MarketProductEntity)
  @JoinColumn({ name: 'initiative_id', foreignKeyConstraintName: 'fk_market_values_product' })
  product?: MarketProductEntity;

  /** The month's first day. */
  @Column({ type: 'date' })
  month!: string;

  @Column({ ...money })
  revenue!: number;

  @Column({ name: 'cost_savings', ...money })
  costSavings!: number;

  @Column({ type: 'int' })
  customers!: number;

  @Column({ name: 'entered_by', type: 'uuid' })
  enteredBy!: string;

  @ManyToOne(() => UserEntity)
  @JoinColumn({ name: 'entered_by', foreignKeyConstraintName: 'fk_market_values_entered_by' })
  enterer?: UserEntity;

  @Column({ name: 'entered_at', type: 'timestamptz', default: () => 'now()' })
  enteredAt!: Date;

  @Column({ name: 'corrected_at', type: 'timestamptz', nullable: true })
  correctedAt!: Date | null;
}

/**
 * A post-launch review, 6 or 12 months after the handover: due in the owner's and leadership's inbox through a
 * delayed job, then recorded once (a trigger freezes a recorded review).
 */
@Entity({ name: 'market_post_launch_reviews' })
@Index('uq_market_post_launch_reviews_months', ['initiativeId', 'months'], { unique: true })
@Index('ix_market_post_launch_reviews_due', ['dueAt'])
@Check('ck_market_post_launch_reviews_months', `months IN (6, 12)`)
@Check(
  'ck_market_post_launch_reviews_verdict',
  `(verdict IS NULL OR verdict IN ('ahead', 'on_track', 'behind')) AND (verdict IS NULL) = (recorded_at IS NULL)`,
)
export class PostLaunchReviewEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_market_post_launch_reviews' })
  id!: string;

  @Column({ name: 'initiative_id', type: 'uuid' })
  initiativeId!: string;

  @ManyToOne(() => MarketProductEntity)
  @JoinColumn({ name: 'initiative_id', foreignKeyConstraintName: 'fk_market_post_launch_reviews_product' })
  product?: MarketProductEntity;

  @Column({ type: 'int' })
  months!: number;

  @Column({ name: 'due_at', type: 'timestamptz' })
  dueAt!: Date;

  @Column({ name: 'notified_at', type: 'timestamptz', nullable: true })
  notifiedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  verdict!: ReviewVerdict | null;

  @Column({ type: 'text', nullable: true })
  notes!: string | null;

  @Column({ name: 'recorded_by', type: 'uuid', nullable: true })
  recordedBy!: string | null;

  @ManyToOne(() => UserEntity)
  @JoinColumn({ name: 'recorded_by', foreignKeyConstraintName: 'fk_market_post_launch_reviews_recorded_by' })
  recorder?: UserEntity;

  @Column({ name: 'recorded_at', type: 'timestamptz', nullable: true })
  recordedAt!: Date | null;
}

/** Customer feedback on a product (ISO 9001 9.1.2); it may raise one NC and one opportunity, linked both ways. */
@Entity({ name: 'market_feedback' })
@Index('ix_market_feedback_product', ['initiativeId', 'receivedOn'])
@Index('ix_market_feedback_received', ['receivedOn'])
@Index('ix_market_feedback_nonconformity', ['nonconformityId'])
@Index('ix_market_feedback_opportunity', ['opportunityInitiativeId'])
@Check('ck_market_feedback_channel', `channel IN ('survey', 'support', 'sales', 'social', 'interview', 'other')`)
@Check('ck_market_feedback_sentiment', `sentiment IN ('positive', 'neutral', 'negative')`)
export class CustomerFeedbackEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_market_feedback' })
  id!: string;

  @Column({ name: 'initiative_id', type: 'uuid' })
  initiativeId!: string;

  @ManyToOne(() => MarketProductEntity)
  @JoinColumn({ name: 'initiative_id', foreignKeyConstraintName: 'fk_market_feedback_product' })
  product?: MarketProductEntity;

  @Column({ type: 'text' })
  channel!: FeedbackChannel;

  @Column({ type: 'text' })
  sentiment!: FeedbackSentiment;

  @Column({ type: 'text' })
  text!: string;

  @Column({ name: 'received_on', type: 'date' })
  receivedOn!: string;

  @Column({ name: 'recorded_by', type: 'uuid' })
  recordedBy!: string;

  @ManyToOne(() => UserEntity)
  @JoinColumn({ name: 'recorded_by', foreignKeyConstraintName: 'fk_market_feedback_recorded_by' })
  recorder?: UserEntity;

  @Column({ name: 'recorded_at', type: 'timestamptz', default: () => 'now()' })
  recordedAt!: Date;

  @Column({ name: 'nonconformity_id', type: 'uuid', nullable: true })
  nonconformityId!: string | null;

  @Column({ name: 'opportunity_initiative_id', type: 'uuid', nullable: true })
  opportunityInitiativeId!: string | null;
}

export const MARKET_ENTITIES = [MarketProductEntity, MarketValueEntity, PostLaunchReviewEntity, CustomerFeedbackEntity];
