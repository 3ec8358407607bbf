import { DOCUMENT_TYPES, REVIEW_OUTCOMES } from '@ambidex/qms';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsIn, IsInt, IsOptional, IsString, Length, Max, MaxLength, Min } from 'class-validator';
import { SignatureDto } from './signature.dto';

export const REVIEW_STATES = ['not_scheduled', 'scheduled', 'due_soon', 'overdue', 'change_requested'];
export const REVIEW_STATE_DESCRIPTION =
  'not_scheduled: no effective revision; due_soon: due within 30 days; overdue: past its due date; ' +
  'change_requested: the review for the current due date found a change needed';

export class RecordedReviewDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: 'The revision reviewed' }) revision!: number;
  @ApiProperty() dueAt!: Date;
  @ApiProperty({ enum: REVIEW_OUTCOMES }) outcome!: string;
  @ApiProperty({ type: String, nullable: true }) comment!: string | null;
  @ApiProperty({ format: 'uuid' }) reviewedBy!: string;
  @ApiProperty({ type: String, nullable: true }) reviewerName!: string | null;
  @ApiProperty() reviewedAt!: Date;
  @ApiProperty({ type: Date, nullable: true, description: 'still_valid: the due date it set' }) nextDueAt!: Date | null;
  @ApiProperty({
    type: String,
    nullable: true,
    format: 'uuid',
    description: 'change_needed: the change request raised',
  })
  changeRequestId!: string | null;
  @ApiProperty({ type: SignatureDto, nullable: true, description: 'still_valid: the reviewer’s signature' })
  signature!: SignatureDto | null;
}

export class PeriodicReviewDto {
  @ApiProperty({ type: Date, nullable: true, description: 'When the effective revision is next due for review' })
  dueAt!: Date | null;
  @ApiProperty({ enum: REVIEW_STATES, description: REVIEW_STATE_DESCRIPTION }) state!: string;
  @ApiProperty({ type: Number, nullable: true, description: 'The review interval of the document type, in months' })
  intervalMonths!: number | null;
  @ApiProperty({ type: [RecordedReviewDto], description: 'Newest first' }) reviews!: RecordedReviewDto[];
}

export class RecordReviewDto {
  @ApiProperty({ enum: REVIEW_OUTCOMES }) @IsIn(REVIEW_OUTCOMES) outcome!: 'still_valid' | 'change_needed';
  @ApiProperty({
    format: 'date-time',
    description:
      'The due date being answered (periodicReview.dueAt as read): a review already recorded for it is a 409',
  })
  @IsDateString()
  dueAt!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(4000) comment?: string;
  @ApiPropertyOptional({ description: 'still_valid: your password, to sign (re-authentication)' })
  @IsOptional()
  @IsString()
  @Length(1, 256)
  password?: string;
  @ApiPropertyOptional({ description: 'change_needed: why the document must change' })
  @IsOptional()
  @IsString()
  @Length(1, 4000)
  reason?: string;
  @ApiPropertyOptional({ description: 'change_needed' }) @IsOptional() @IsString() @Length(1, 4000) impact?: string;
  @ApiPropertyOptional({ description: 'change_needed' })
  @IsOptional()
  @IsString()
  @Length(1, 300)
  proposedTitle?: string;
  @ApiPropertyOptional({ description: 'change_needed' })
  @IsOptional()
  @IsString()
  @Length(1, 200_000)
  proposedBody?: string;
}

export class ReviewIntervalDto {
  @ApiProperty({ enum: DOCUMENT_TYPES }) documentType!: string;
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 120 }) intervalMonths!: number;
}

export class ReviewIntervalPatchDto {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 120 }) @IsInt() @Min(1) @Max(120) intervalMonths!: number;
}
