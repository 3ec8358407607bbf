import {
  FEEDBACK_CHANNELS,
  FEEDBACK_SENTIMENTS,
  FeedbackChannel,
  FeedbackSentiment,
  REVIEW_VERDICTS,
  ReviewVerdict,
} from '@ambidex/market';
import { NC_SEVERITIES, NcSeverity } from '@ambidex/nonconformity';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { MONEY, MONEY_LIMIT, Trim } from '../portfolio/dto-helpers';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export class MonthValueDto {
  @ApiProperty({ example: '2026-03', description: 'The month, YYYY-MM; entering a month again corrects it' })
  @Matches(MONTH, { message: 'month must be a month, YYYY-MM' })
  month!: string;
  @ApiProperty({ minimum: 0, example: 12500.5, description: 'Revenue realised in the month' })
  @IsNumber(MONEY)
  @Min(0)
  @Max(MONEY_LIMIT)
  revenue!: number;
  @ApiProperty({ minimum: 0, example: 800, description: 'Cost savings realised in the month' })
  @IsNumber(MONEY)
  @Min(0)
  @Max(MONEY_LIMIT)
  costSavings!: number;
  @ApiProperty({ type: 'integer', minimum: 0, example: 42, description: 'Customers at the end of the month' })
  @IsInt()
  @Min(0)
  @Max(2_000_000_000)
  customers!: number;
}

export class ValueCsvDto {
  @ApiProperty({
    maxLength: 200_000,
    description:
      'A CSV file: a header naming month, revenue, cost_savings and customers (any order), then one row per month. ' +
      'All rows are imported or none: a bad cell answers 422 with the field csv.rows[N].column (N = 1 for the first row after the header).',
    example: 'month,revenue,cost_savings,customers\n2026-01,12000,500,40\n2026-02,13500.50,650,44\n',
  })
  @IsString()
  @Length(1, 200_000)
  csv!: string;
}

export class FeedbackDto {
  @ApiProperty({ enum: FEEDBACK_CHANNELS }) @IsIn(FEEDBACK_CHANNELS) channel!: FeedbackChannel;
  @ApiProperty({ enum: FEEDBACK_SENTIMENTS }) @IsIn(FEEDBACK_SENTIMENTS) sentiment!: FeedbackSentiment;
  @ApiProperty({ maxLength: 4000, description: 'What the customer said' })
  @Trim()
  @IsString()
  @Length(3, 4000)
  text!: string;
  @ApiProperty({ example: '2026-03-14', description: 'The day it was received, YYYY-MM-DD; not in the future' })
  @Matches(DAY, { message: 'receivedOn must be a day, YYYY-MM-DD' })
  receivedOn!: string;
}

export class FeedbackNonconformityDto {
  @ApiProperty({ enum: NC_SEVERITIES }) @IsIn(NC_SEVERITIES) severity!: NcSeverity;
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 5, description: 'How likely it recurs, 1 (rare) to 5' })
  @IsInt()
  @Min(1)
  @Max(5)
  probability!: number;
}

export class PostLaunchReviewDto {
  @ApiProperty({ enum: REVIEW_VERDICTS, description: 'The product against the forecast it was approved on' })
  @IsIn(REVIEW_VERDICTS)
  verdict!: ReviewVerdict;
  @ApiProperty({ maxLength: 4000 }) @Trim() @IsString() @Length(3, 4000) notes!: string;
}

export class MarketSummaryQueryDto {
  @ApiPropertyOptional({
    example: '2026-01',
    description: 'First month, YYYY-MM; twelve months before `to` when left out',
  })
  @IsOptional()
  @Matches(MONTH, { message: 'from must be a month, YYYY-MM' })
  from?: string;
  @ApiPropertyOptional({ example: '2026-12', description: 'Last month, YYYY-MM (included); this month when left out' })
  @IsOptional()
  @Matches(MONTH, { message: 'to must be a month, YYYY-MM' })
  to?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'One portfolio; every portfolio when left out' })
  @IsOptional()
  @IsUUID('all')
  portfolioId?: string;
}

export class FeedbackListQueryDto {
  @ApiProperty({ format: 'uuid', description: 'The nonconformity the feedback raised' })
  @IsUUID('all')
  @MaxLength(36)
  nonconformityId!: string;
}
