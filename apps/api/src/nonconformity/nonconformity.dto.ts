import {
  CAUSE_CATEGORIES,
  CauseCategory,
  NC_SEVERITIES,
  NC_SOURCES,
  NC_STATUSES,
  NC_SUBJECT_TYPES,
  NcSeverity,
  NcSource,
  NcStatus,
  NcSubjectType,
} from '@ambidex/nonconformity';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDateString,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { PasswordDto } from '../handover/handover.dto';

export class NcSubjectDto {
  @ApiProperty({ enum: NC_SUBJECT_TYPES }) @IsIn(NC_SUBJECT_TYPES) type!: NcSubjectType;
  @ApiProperty({ format: 'uuid' }) @IsUUID('all') id!: string;
}

export class RaiseNonconformityDto {
  @ApiPropertyOptional({ type: NcSubjectDto, description: 'The record it is about; absent for a stand-alone NC' })
  @IsOptional()
  @ValidateNested()
  @Type(() => NcSubjectDto)
  subject?: NcSubjectDto;
  @ApiProperty({ enum: NC_SOURCES }) @IsIn(NC_SOURCES) source!: NcSource;
  @ApiProperty({ enum: NC_SEVERITIES }) @IsIn(NC_SEVERITIES) severity!: NcSeverity;
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 5, description: 'How likely it recurs, 1 (rare) to 5' })
  @IsInt()
  @Min(1)
  @Max(5)
  probability!: number;
  @ApiProperty({ maxLength: 4000 }) @IsString() @Length(3, 4000) description!: string;
  @ApiPropertyOptional({
    type: [String],
    description: 'Links to evidence (http or https)',
    example: ['https://audit.example/findings/17'],
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false }, { each: true })
  @MaxLength(2000, { each: true })
  evidenceLinks?: string[];
}

export class ContainmentDto {
  @ApiProperty({ description: 'What was done at once to contain the nonconformity' })
  @IsString()
  @Length(3, 4000)
  containment!: string;
}

export class RootCauseDto {
  @ApiProperty({ type: [String], description: 'The whys, in order (up to five, at least one)' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(5)
  @IsString({ each: true })
  @Length(1, 1000, { each: true })
  whys!: string[];
  @ApiProperty({ enum: CAUSE_CATEGORIES }) @IsIn(CAUSE_CATEGORIES) causeCategory!: CauseCategory;
}

export class PlannedActionDto {
  @ApiProperty() @IsString() @Length(3, 2000) text!: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID('all') ownerId!: string;
  @ApiProperty({ format: 'date-time' }) @IsDateString() dueAt!: string;
}

export class PlanActionsDto {
  @ApiProperty({ type: [PlannedActionDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => PlannedActionDto)
  actions!: PlannedActionDto[];
  @ApiProperty({
    type: 'integer',
    minimum: 1,
    maximum: 365,
    description: 'Days after the last action closes that the effectiveness check falls due',
  })
  @IsInt()
  @Min(1)
  @Max(365)
  effectivenessAfterDays!: number;
}

export class NcActionDoneDto {
  @ApiPropertyOptional({ maxLength: 2000 }) @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

export class EffectivenessCheckDto extends PasswordDto {
  @ApiProperty({ description: 'true closes the NC (signed); false sends it back to its actions' })
  @IsBoolean()
  effective!: boolean;
  @ApiProperty() @IsString() @Length(3, 4000) comment!: string;
}

export class NcChangeRequestDto {
  @ApiProperty() @IsString() @Length(1, 4000) reason!: string;
  @ApiProperty() @IsString() @Length(1, 4000) impact!: string;
  @ApiProperty() @IsString() @Length(1, 300) proposedTitle!: string;
  @ApiProperty() @IsString() @Length(1, 200_000) proposedBody!: string;
}

export class NonconformityListQueryDto {
  @ApiPropertyOptional({ enum: NC_STATUSES }) @IsOptional() @IsIn(NC_STATUSES) status?: NcStatus;
  @ApiPropertyOptional({ enum: NC_SEVERITIES }) @IsOptional() @IsIn(NC_SEVERITIES) severity?: NcSeverity;
  @ApiPropertyOptional({ enum: NC_SOURCES }) @IsOptional() @IsIn(NC_SOURCES) source?: NcSource;
}
