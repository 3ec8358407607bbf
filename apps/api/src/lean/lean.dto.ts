import { IMPROVEMENT_STATUSES, ImprovementStatus, MAX_STEP_MINUTES, MAX_STEPS, Waste, WASTES } from '@ambidex/lean';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDateString,
  IsIn,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { NcChangeRequestDto } from '../nonconformity/nonconformity.dto';

const MINUTES = { allowNaN: false, allowInfinity: false, maxDecimalPlaces: 3 };

export class ValueStreamStepDto {
  @ApiProperty({ example: 'Intake' }) @IsString() @Length(1, 200) name!: string;
  @ApiProperty({ description: 'Minutes of work on one item in this step', minimum: 0, maximum: MAX_STEP_MINUTES })
  @IsNumber(MINUTES)
  @Min(0)
  @Max(MAX_STEP_MINUTES)
  processTime!: number;
  @ApiProperty({ description: 'Minutes the item waits before the next step', minimum: 0, maximum: MAX_STEP_MINUTES })
  @IsNumber(MINUTES)
  @Min(0)
  @Max(MAX_STEP_MINUTES)
  waitingTime!: number;
  @ApiProperty({ description: 'Percent complete and accurate (%C&A), 0 to 100', minimum: 0, maximum: 100 })
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 3 })
  @Min(0)
  @Max(100)
  percentCompleteAccurate!: number;
}

export class ValueStreamStepsDto {
  @ApiProperty({ type: [ValueStreamStepDto], description: 'The steps in order' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_STEPS)
  @ValidateNested({ each: true })
  @Type(() => ValueStreamStepDto)
  steps!: ValueStreamStepDto[];
}

export class RaiseImprovementDto {
  @ApiProperty({ enum: WASTES, description: 'The waste the event targets (the eight wastes of Lean)' })
  @IsIn(WASTES)
  waste!: Waste;
  @ApiProperty({ description: 'The problem, as observed' }) @IsString() @Length(3, 4000) problem!: string;
  @ApiProperty({ description: 'The target, e.g. "lead time under 2 days"' })
  @IsString()
  @Length(3, 1000)
  target!: string;
}

export class ImprovementActionDto {
  @ApiProperty() @IsString() @Length(3, 2000) text!: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID('all') ownerId!: string;
  @ApiProperty({ format: 'date-time' }) @IsDateString() dueAt!: string;
}

export class ImprovementActionDoneDto {
  @ApiProperty({ maxLength: 2000, description: 'What was done' }) @IsString() @Length(1, 2000) note!: string;
}

export class CloseImprovementDto extends ValueStreamStepsDto {
  @ApiProperty({ maxLength: 4000, description: 'What changed, and the measurement taken now' })
  @IsString()
  @Length(3, 4000)
  note!: string;
}

export class ImprovementChangeRequestDto extends NcChangeRequestDto {
  @ApiProperty({ format: 'uuid', description: "One of the process's controlled documents" })
  @IsUUID('all')
  documentId!: string;
}

export class ImprovementListQueryDto {
  @ApiPropertyOptional({ enum: IMPROVEMENT_STATUSES })
  @IsOptional()
  @IsIn(IMPROVEMENT_STATUSES)
  status?: ImprovementStatus;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all') valueStreamId?: string;
}

export class LeanFiguresQueryDto {
  @ApiProperty({ format: 'date-time', description: 'Start of the period (inclusive)' }) @IsDateString() from!: string;
  @ApiProperty({ format: 'date-time', description: 'End of the period (exclusive)' })
  @IsDateString()
  @MaxLength(40)
  to!: string;
}
