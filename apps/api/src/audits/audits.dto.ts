import {
  AUDIT_CLAUSE_IDS,
  AUDIT_STATUSES,
  AUDIT_SUBJECT_TYPES,
  AuditClauseId,
  AuditStatus,
  AuditSubjectType,
  FINDING_KINDS,
  FindingKind,
} from '@ambidex/audits';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { NcOpportunityDto } from '../portfolio/opportunity.dto';
import { PasswordDto } from '../handover/handover.dto';

export class AuditSubjectDto {
  @ApiProperty({ enum: AUDIT_SUBJECT_TYPES }) @IsIn(AUDIT_SUBJECT_TYPES) type!: AuditSubjectType;
  @ApiProperty({ format: 'uuid' }) @IsUUID('all') id!: string;
}

export class PlanAuditDto {
  @ApiProperty({ format: 'date', example: '2027-01-15', description: 'The day the audit is planned for' })
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'plannedFor must be a date, YYYY-MM-DD' })
  plannedFor!: string;
  @ApiProperty({ maxLength: 2000, description: 'What is audited, in words' })
  @IsString()
  @Length(3, 2000)
  scope!: string;
  @ApiPropertyOptional({
    type: AuditSubjectDto,
    description: 'The record audited, if one: its owner may not be the auditor',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => AuditSubjectDto)
  subject?: AuditSubjectDto;
  @ApiProperty({ enum: AUDIT_CLAUSE_IDS, isArray: true, description: 'The clauses in scope: one checklist item each' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(AUDIT_CLAUSE_IDS.length)
  @IsIn(AUDIT_CLAUSE_IDS, { each: true })
  clauses!: AuditClauseId[];
  @ApiProperty({ format: 'uuid', description: 'A user with the auditor role, not the planner' })
  @IsUUID('all')
  auditorId!: string;
}

export class AuditListQueryDto {
  @ApiPropertyOptional({ enum: AUDIT_STATUSES }) @IsOptional() @IsIn(AUDIT_STATUSES) status?: AuditStatus;
}

export class RecordFindingDto {
  @ApiProperty({ enum: AUDIT_CLAUSE_IDS, description: 'The checklist item, by its clause' })
  @IsIn(AUDIT_CLAUSE_IDS)
  clause!: AuditClauseId;
  @ApiProperty({ enum: FINDING_KINDS, description: 'minor and major raise a nonconformity' })
  @IsIn(FINDING_KINDS)
  finding!: FindingKind;
  @ApiProperty({ maxLength: 4000 }) @IsString() @Length(3, 4000) note!: string;
  @ApiPropertyOptional({ type: [String], description: 'Links to evidence (http or https)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false }, { each: true })
  @MaxLength(2000, { each: true })
  evidenceLinks?: string[];
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: 5,
    description: 'How likely it recurs, for the nonconformity a minor or major finding raises (3 when absent)',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5)
  probability?: number;
}

export class SignAuditReportDto extends PasswordDto {
  @ApiProperty({ maxLength: 8000, description: "The auditor's summary of the audit" })
  @IsString()
  @Length(3, 8000)
  summary!: string;
}

/** An observation's opportunity: the clause whose observation raises it, and the new initiative's fields. */
export class AuditOpportunityDto extends NcOpportunityDto {
  @ApiProperty({ enum: AUDIT_CLAUSE_IDS, description: 'The checklist item whose finding is an observation' })
  @IsIn(AUDIT_CLAUSE_IDS)
  clause!: string;
}
