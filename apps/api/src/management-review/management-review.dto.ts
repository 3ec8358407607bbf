import { AMBITIONS, HORIZONS } from '@ambidex/portfolio';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsDateString,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
} from 'class-validator';
import { Trim } from '../portfolio/dto-helpers';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export class ScheduleManagementReviewDto {
  @ApiProperty({ format: 'date', example: '2027-01-20', description: 'The day of the meeting' })
  @IsISO8601({ strict: true })
  @Matches(DAY, { message: 'meetingOn must be a date, YYYY-MM-DD' })
  meetingOn!: string;
  @ApiProperty({ format: 'date', example: '2026-01-01', description: 'First day the pack covers' })
  @IsISO8601({ strict: true })
  @Matches(DAY, { message: 'from must be a date, YYYY-MM-DD' })
  from!: string;
  @ApiProperty({
    format: 'date',
    example: '2026-12-31',
    description: 'Last day the pack covers (inclusive), not before from',
  })
  @IsISO8601({ strict: true })
  @Matches(DAY, { message: 'to must be a date, YYYY-MM-DD' })
  to!: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'One portfolio; every portfolio when left out' })
  @IsOptional()
  @IsUUID('all')
  portfolioId?: string;
  @ApiPropertyOptional({ enum: AMBITIONS, description: 'As the dashboards filter' })
  @IsOptional()
  @IsIn(AMBITIONS)
  ambition?: string;
  @ApiPropertyOptional({ enum: HORIZONS, description: 'As the dashboards filter' })
  @IsOptional()
  @IsIn(HORIZONS)
  horizon?: string;
  @ApiPropertyOptional({ maxLength: 10000, description: 'Changes in external and internal issues (ISO 9001 9.3.2 b)' })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 10000)
  contextChanges?: string;
}

export class ReviewNotesDto {
  @ApiProperty({
    type: String,
    nullable: true,
    maxLength: 10000,
    description: 'Changes in external and internal issues',
  })
  @IsOptional()
  @IsString()
  @MaxLength(10000)
  contextChanges!: string | null;
  @ApiProperty({ type: [String], maxItems: 50, description: 'The decisions, each in words (up to 2000 characters)' })
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 2000, { each: true })
  decisions!: string[];
}

export class NewReviewActionDto {
  @ApiProperty({ maxLength: 2000 }) @Trim() @IsString() @Length(3, 2000) text!: string;
  @ApiProperty({ format: 'uuid', description: 'Any active user' }) @IsUUID('all') ownerId!: string;
  @ApiProperty({ format: 'date-time' }) @IsDateString() dueAt!: string;
}

export class ReviewActionDoneDto {
  @ApiProperty({ maxLength: 2000, description: 'What was done' }) @Trim() @IsString() @Length(1, 2000) note!: string;
}
