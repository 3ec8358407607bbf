import { FEEDBACK_CHANNELS, FEEDBACK_SENTIMENTS, REVIEW_VERDICTS } from '@ambidex/market';
import { ApiProperty } from '@nestjs/swagger';

export class MonthValueViewDto {
  @ApiProperty({ example: '2026-03' }) month!: string;
  @ApiProperty() revenue!: number;
  @ApiProperty() costSavings!: number;
  @ApiProperty({ type: 'integer' }) customers!: number;
  @ApiProperty({ format: 'uuid' }) enteredBy!: string;
  @ApiProperty() enteredAt!: Date;
  @ApiProperty({ type: Date, nullable: true, description: 'When the month was last corrected' })
  correctedAt!: Date | null;
}

export class FeedbackViewDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid', description: 'The product (its initiative)' }) initiativeId!: string;
  @ApiProperty({ enum: FEEDBACK_CHANNELS }) channel!: string;
  @ApiProperty({ enum: FEEDBACK_SENTIMENTS }) sentiment!: string;
  @ApiProperty() text!: string;
  @ApiProperty({ example: '2026-03-14' }) receivedOn!: string;
  @ApiProperty({ format: 'uuid' }) recordedBy!: string;
  @ApiProperty() recordedAt!: Date;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'The NC this feedback raised' })
  nonconformityId!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'The initiative this feedback raised' })
  opportunityInitiativeId!: string | null;
}

export class FeedbackDetailDto extends FeedbackViewDto {
  @ApiProperty() productTitle!: string;
}

export class PostLaunchReviewViewDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) initiativeId!: string;
  @ApiProperty({ type: 'integer', enum: [6, 12] }) months!: number;
  @ApiProperty() dueAt!: Date;
  @ApiProperty({ type: Date, nullable: true }) notifiedAt!: Date | null;
  @ApiProperty({ enum: REVIEW_VERDICTS, type: String, nullable: true }) verdict!: string | null;
  @ApiProperty({ type: String, nullable: true }) notes!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) recordedBy!: string | null;
  @ApiProperty({ type: Date, nullable: true }) recordedAt!: Date | null;
}

export class ForecastDto {
  @ApiProperty({ format: 'uuid', description: 'The G3 review whose frozen evidence holds the forecast' })
  reviewId!: string;
  @ApiProperty({ enum: ['go', 'conditional_go'] }) decision!: string;
  @ApiProperty() decidedAt!: Date;
  @ApiProperty({ type: Number, nullable: true }) npv!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Expected commercial value at the decision' })
  ecv!: number | null;
  @ApiProperty({ type: Number, nullable: true }) commercializationCost!: number | null;
  @ApiProperty({ type: Number, nullable: true }) remainingDevelopmentCost!: number | null;
}

export class PeriodValueDto {
  @ApiProperty() revenue!: number;
  @ApiProperty() costSavings!: number;
  @ApiProperty({ type: 'integer', nullable: true, description: "As of the period's latest month with figures" })
  customers!: number | null;
}

export class ProductFiguresDto {
  @ApiProperty({ format: 'uuid' }) initiativeId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ format: 'uuid' }) portfolioId!: string;
  @ApiProperty({ format: 'uuid' }) ownerId!: string;
  @ApiProperty() handedOverAt!: Date;
  @ApiProperty({ type: ForecastDto, nullable: true, description: 'The forecast it was approved on at its G3 Go' })
  forecast!: ForecastDto | null;
  @ApiProperty({ type: PeriodValueDto }) period!: PeriodValueDto;
  @ApiProperty({ description: 'Revenue + cost savings since the handover' }) realisedToDate!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'realisedToDate / forecast ECV' })
  realisedShareOfEcv!: number | null;
}

export class ProductMarketDto {
  @ApiProperty({ format: 'uuid' }) initiativeId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ format: 'uuid' }) ownerId!: string;
  @ApiProperty({ description: 'Whether the product is registered on the market (its handover accepted)' })
  registered!: boolean;
  @ApiProperty({ type: Date, nullable: true }) handedOverAt!: Date | null;
  @ApiProperty({ type: [MonthValueViewDto] }) values!: MonthValueViewDto[];
  @ApiProperty({ type: ProductFiguresDto, nullable: true, description: 'Forecast against realised since the handover' })
  figures!: ProductFiguresDto | null;
  @ApiProperty({ type: [FeedbackViewDto] }) feedback!: FeedbackViewDto[];
  @ApiProperty({ type: [PostLaunchReviewViewDto] }) reviews!: PostLaunchReviewViewDto[];
  @ApiProperty({
    type: 'array',
    items: { type: 'object', properties: { id: { type: 'string' }, displayName: { type: 'string' } } },
  })
  people!: { id: string; displayName: string }[];
}

export class ImportResultDto {
  @ApiProperty({ type: 'integer', description: 'Months that had no figures before' }) entered!: number;
  @ApiProperty({ type: 'integer', description: 'Months whose figures were corrected' }) corrected!: number;
}

export class FeedbackCountsDto {
  @ApiProperty({ type: 'integer' }) positive!: number;
  @ApiProperty({ type: 'integer' }) neutral!: number;
  @ApiProperty({ type: 'integer' }) negative!: number;
}

export class ReviewFiguresDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) initiativeId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ type: 'integer', enum: [6, 12] }) months!: number;
  @ApiProperty() dueAt!: Date;
  @ApiProperty({ enum: REVIEW_VERDICTS, type: String, nullable: true }) verdict!: string | null;
  @ApiProperty({ type: Date, nullable: true }) recordedAt!: Date | null;
}

export class MarketTotalsDto {
  @ApiProperty() revenue!: number;
  @ApiProperty() costSavings!: number;
}

export class MarketSummaryDto {
  @ApiProperty({ example: '2026-01' }) from!: string;
  @ApiProperty({ example: '2026-12' }) to!: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) portfolioId!: string | null;
  @ApiProperty({ type: [ProductFiguresDto] }) products!: ProductFiguresDto[];
  @ApiProperty({ type: MarketTotalsDto }) totals!: MarketTotalsDto;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: "Share (0–1) of the period's revenue from products handed over in the three years before its end",
  })
  vitalityIndex!: number | null;
  @ApiProperty({
    type: 'integer',
    description: 'Percent of revenue + savings reinvested (MARKET_REINVESTMENT_PERCENT)',
  })
  reinvestmentPercent!: number;
  @ApiProperty({ description: 'The innovation budget the period returns: reinvestmentPercent × (revenue + savings)' })
  budgetReturned!: number;
  @ApiProperty({ type: FeedbackCountsDto, description: 'Feedback received in the period, by sentiment' })
  feedback!: FeedbackCountsDto;
  @ApiProperty({ type: [ReviewFiguresDto], description: 'Post-launch reviews due in the period' })
  reviews!: ReviewFiguresDto[];
}
