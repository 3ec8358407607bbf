import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDateString,
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
  ValidateNested,
} from 'class-validator';
import { ROLES } from '@ambidex/identity';

export class PasswordDto {
  @ApiProperty({ description: 'Your password again: an electronic signature needs the signer present (21 CFR 11.200)' })
  @IsString()
  @Length(1, 256)
  password!: string;
}

class RiskControlDto {
  @ApiProperty({ example: 'RISK-001' }) @IsString() @Length(1, 40) key!: string;
  @ApiProperty() @IsString() @Length(1, 2000) control!: string;
}

class KpiBaselineDto {
  @ApiProperty({ example: 'Lead time' }) @IsString() @Length(1, 200) name!: string;
  @ApiProperty() @IsNumber({ allowNaN: false, allowInfinity: false }) baseline!: number;
}

class ProcessRecordPatchDto {
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(500, { each: true })
  inputs?: string[];
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(500, { each: true })
  outputs?: string[];
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(500, { each: true })
  resources?: string[];
}

class DraftDocumentPatchDto {
  @ApiProperty({ enum: ['procedure', 'work_instruction', 'specification', 'control_plan'] })
  @IsIn(['procedure', 'work_instruction', 'specification', 'control_plan'])
  type!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 300) title?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200_000) body?: string;
}

export class PackagePatchDto {
  @ApiPropertyOptional({
    type: [DraftDocumentPatchDto],
    description: 'Edits of the draft documents, while the package is a draft',
  })
  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => DraftDocumentPatchDto)
  @ArrayMaxSize(4)
  documents?: DraftDocumentPatchDto[];
  @ApiPropertyOptional({ type: [RiskControlDto] })
  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => RiskControlDto)
  @ArrayMaxSize(200)
  riskControls?: RiskControlDto[];
  @ApiPropertyOptional({ type: [KpiBaselineDto] })
  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => KpiBaselineDto)
  @ArrayMaxSize(50)
  kpiBaselines?: KpiBaselineDto[];
  @ApiPropertyOptional({ enum: ROLES, isArray: true, description: 'Roles trained when the documents become effective' })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(ROLES, { each: true })
  trainingRoles?: string[];
  @ApiPropertyOptional({ type: ProcessRecordPatchDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ProcessRecordPatchDto)
  processRecord?: ProcessRecordPatchDto;
}

class HandoverConditionDto {
  @ApiProperty() @IsString() @Length(1, 2000) text!: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID('4') ownerId!: string;
  @ApiProperty({ format: 'date-time' }) @IsDateString() dueAt!: string;
}

export class HandoverDecisionDto extends PasswordDto {
  @ApiProperty({ enum: ['accept', 'accept_with_conditions', 'reject'] })
  @IsIn(['accept', 'accept_with_conditions', 'reject'])
  verdict!: 'accept' | 'accept_with_conditions' | 'reject';
  @ApiPropertyOptional({ description: 'Required to reject' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  reason?: string;
  @ApiPropertyOptional({
    type: [HandoverConditionDto],
    description: 'Required to accept on conditions: each becomes a tracked action',
  })
  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => HandoverConditionDto)
  @ArrayMaxSize(50)
  conditions?: HandoverConditionDto[];
  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    description: 'Quality heads who approve the controlled documents (default: you)',
  })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsUUID('4', { each: true })
  approverIds?: string[];
  @ApiPropertyOptional({ format: 'date-time', description: 'Deadline of the document approvals (default: 14 days)' })
  @IsOptional()
  @IsDateString()
  approvalDueAt?: string;
}

export class ActionDoneDto {
  @ApiProperty() @IsString() @Length(1, 4000) note!: string;
}

export class RevisionPatchDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 300) title?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200_000) body?: string;
}

export class RouteRevisionDto {
  @ApiProperty({ type: [String], format: 'uuid' })
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(20)
  @IsUUID('4', { each: true })
  approverIds!: string[];
  @ApiProperty({ format: 'date-time' }) @IsDateString() dueAt!: string;
}

export class RevisionApprovalDto extends PasswordDto {
  @ApiProperty({ enum: ['approved', 'rejected'] }) @IsIn(['approved', 'rejected']) decision!: 'approved' | 'rejected';
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(4000) comment?: string;
  @ApiPropertyOptional({
    format: 'date-time',
    description: 'Effective on approval when absent; otherwise a job makes it effective then',
  })
  @IsOptional()
  @IsDateString()
  effectiveFrom?: string;
}

export class ChangeRequestDto {
  @ApiProperty() @IsString() @Length(1, 4000) reason!: string;
  @ApiProperty() @IsString() @Length(1, 4000) impact!: string;
  @ApiProperty() @IsString() @Length(1, 300) proposedTitle!: string;
  @ApiProperty() @IsString() @Length(1, 200_000) proposedBody!: string;
}

export class ChangeDecisionDto extends PasswordDto {
  @ApiProperty() @IsBoolean() approve!: boolean;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(4000) comment?: string;
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @IsDateString() effectiveFrom?: string;
}

export class DocumentListQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('4') initiativeId?: string;
  @ApiPropertyOptional({
    enum: ['true', 'false'],
    description: 'Only documents flagged for review (true) or not (false)',
  })
  @IsOptional()
  @IsIn(['true', 'false'])
  flagged?: 'true' | 'false';
  @ApiPropertyOptional({
    enum: ['true', 'false'],
    description:
      'Only documents whose periodic review is due within 30 days or overdue, unanswered (true), or the others',
  })
  @IsOptional()
  @IsIn(['true', 'false'])
  reviewDue?: 'true' | 'false';
}

export class IdDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
}

export class NumberingSchemePatchDto {
  @ApiPropertyOptional({ example: 'QP', description: '1–10 capital letters or digits, starting with a letter' })
  @IsOptional()
  @Matches(/^[A-Z][A-Z0-9]{0,9}$/, { message: 'prefix must be 1–10 capital letters or digits, starting with a letter' })
  prefix?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 10 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10)
  padding?: number;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    description: 'Only grows, and stays above every number already issued with the prefix',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(2_000_000_000)
  nextValue?: number;
}
