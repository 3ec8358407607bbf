import {
  ASSUMPTION_STATUSES,
  COMPARISONS,
  CONFIDENCES,
  LEARNING_DECISIONS,
  MAX_INT,
  MAX_MONEY,
  RISK_KINDS,
} from '@ambidex/experiments';
import type { AssumptionStatus, Comparison, Confidence, LearningDecision, RiskKind } from '@ambidex/experiments';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
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
  ValidateIf,
  ValidateNested,
} from 'class-validator';

/** jsonb and text columns cannot hold NUL characters. */
// eslint-disable-next-line no-control-regex -- NUL is exactly the character refused here
const NO_NUL = /^[^\u0000]*$/;
const NO_NUL_MESSAGE = '$property must not contain NUL characters';

export class AssumptionInputDto {
  @ApiProperty({ example: 'SMEs will pay €20 a month for automated compliance checks' })
  @IsString()
  @Length(1, 2000)
  statement!: string;
  @ApiProperty({ enum: RISK_KINDS }) @IsIn(RISK_KINDS) riskKind!: RiskKind;
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 5, description: '5: the initiative dies if this is wrong' })
  @IsInt()
  @Min(1)
  @Max(5)
  importance!: number;
}

export class AssumptionPatchDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 2000) statement?: string;
  @ApiPropertyOptional({ enum: RISK_KINDS }) @IsOptional() @IsIn(RISK_KINDS) riskKind?: RiskKind;
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 5 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5)
  importance?: number;
}

export class AssumptionDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) initiativeId!: string;
  @ApiProperty() statement!: string;
  @ApiProperty({ enum: RISK_KINDS }) riskKind!: RiskKind;
  @ApiProperty() importance!: number;
  @ApiProperty({ enum: ASSUMPTION_STATUSES }) status!: AssumptionStatus;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;
}

export class AssumptionStatusEventDto {
  @ApiProperty({ enum: ASSUMPTION_STATUSES }) fromStatus!: AssumptionStatus;
  @ApiProperty({ enum: ASSUMPTION_STATUSES }) toStatus!: AssumptionStatus;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) experimentId!: string | null;
  @ApiProperty() occurredAt!: Date;
}

export class ExperimentInputDto {
  @ApiProperty({
    type: [String],
    format: 'uuid',
    description: 'Assumptions of the same initiative this experiment tests',
  })
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(20)
  @IsUUID('4', { each: true })
  assumptionIds!: string[];
  @ApiProperty() @IsString() @Length(1, 4000) hypothesis!: string;
  @ApiProperty({ example: 'Landing page with a pre-order button' }) @IsString() @Length(1, 4000) method!: string;
  @ApiProperty({ example: 'conversion' }) @IsString() @Length(1, 200) metric!: string;
  @ApiProperty({ enum: COMPARISONS }) @IsIn(COMPARISONS) comparison!: Comparison;
  @ApiProperty({ example: 0.12 }) @IsNumber({ allowNaN: false, allowInfinity: false }) threshold!: number;
  @ApiProperty({
    type: 'integer',
    minimum: 0,
    maximum: MAX_INT,
    description: 'Below this sample the result is inconclusive',
  })
  @IsInt()
  @Min(0)
  @Max(MAX_INT)
  minimumSample!: number;
  @ApiPropertyOptional({ format: 'date' }) @IsOptional() @IsDateString() plannedStart?: string;
  @ApiPropertyOptional({ format: 'date' }) @IsOptional() @IsDateString() plannedEnd?: string;
  @ApiPropertyOptional({ minimum: 0, maximum: MAX_MONEY })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(MAX_MONEY)
  budget?: number;
}

export class ExperimentPatchDto {
  @ApiPropertyOptional({ type: [String], format: 'uuid' })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(20)
  @IsUUID('4', { each: true })
  assumptionIds?: string[];
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 4000) hypothesis?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 4000) method?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200) metric?: string;
  @ApiPropertyOptional({ enum: COMPARISONS }) @IsOptional() @IsIn(COMPARISONS) comparison?: Comparison;
  @ApiPropertyOptional() @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }) threshold?: number;
  @ApiPropertyOptional({ type: 'integer' }) @IsOptional() @IsInt() @Min(0) @Max(MAX_INT) minimumSample?: number;
  @ApiPropertyOptional({ format: 'date' }) @IsOptional() @IsDateString() plannedStart?: string;
  @ApiPropertyOptional({ format: 'date' }) @IsOptional() @IsDateString() plannedEnd?: string;
  @ApiPropertyOptional()
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(MAX_MONEY)
  budget?: number;
}

export class ExperimentDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) initiativeId!: string;
  @ApiProperty() hypothesis!: string;
  @ApiProperty() method!: string;
  @ApiProperty() metric!: string;
  @ApiProperty({ enum: COMPARISONS }) comparison!: Comparison;
  @ApiProperty() threshold!: number;
  @ApiProperty({ type: 'integer' }) minimumSample!: number;
  @ApiProperty({ type: String, nullable: true }) plannedStart!: string | null;
  @ApiProperty({ type: String, nullable: true }) plannedEnd!: string | null;
  @ApiProperty({ type: Number, nullable: true }) budget!: number | null;
  @ApiProperty({ enum: ['planned', 'running', 'completed'] }) status!: string;
  @ApiProperty({ type: Date, nullable: true }) startedAt!: Date | null;
  @ApiProperty({ type: Date, nullable: true }) completedAt!: Date | null;
  @ApiProperty({ type: 'integer' }) version!: number;
}

/**
 * Idempotency keys are scoped to the caller and the resource written; a replay with another body is 422 (as the IETF
 * Idempotency-Key draft advises: the request is well-formed but cannot be processed as a replay).
 */
const RESULT_KEY_DESCRIPTION =
  'Optional retry token (1–200 printable characters). It belongs to the caller and to the ' +
  'experiment: other callers, and other experiments, never see it. The access check runs first. Sending it again with the same body returns the ' +
  'original result and records nothing new; with a different body the request is refused with 422 EXPERIMENTS.IDEMPOTENCY_KEY_REUSED.';
const LEARNING_KEY_DESCRIPTION =
  'Optional retry token (1–200 printable characters). It belongs to the caller and to the ' +
  'initiative: other callers, and other initiatives, never see it. The access check runs first. Sending it again with the same body returns the ' +
  'original learning and records nothing new; with a different body the request is refused with 422 EXPERIMENTS.IDEMPOTENCY_KEY_REUSED.';

export class ExperimentResultDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() value!: number;
  @ApiProperty({ type: 'integer' }) sampleSize!: number;
  @ApiProperty({ type: Number, nullable: true }) cost!: number | null;
  @ApiProperty({ enum: ['validated', 'invalidated', 'inconclusive'] }) result!: string;
  @ApiProperty() observedAt!: Date;
}

export class ExperimentDetailDto extends ExperimentDto {
  @ApiProperty({ type: [String], format: 'uuid' }) assumptionIds!: string[];
  @ApiProperty({ type: ExperimentResultDto, nullable: true }) result!: ExperimentResultDto | null;
}

export class ObservationDto {
  @ApiProperty({ example: 0.134 }) @IsNumber({ allowNaN: false, allowInfinity: false }) value!: number;
  @ApiProperty({ type: 'integer', example: 412, maximum: MAX_INT }) @IsInt() @Min(0) @Max(MAX_INT) sampleSize!: number;
  @ApiPropertyOptional({ minimum: 0, maximum: MAX_MONEY })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(MAX_MONEY)
  cost?: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(4000) note?: string;
  @ApiPropertyOptional({ description: RESULT_KEY_DESCRIPTION })
  @IsOptional()
  @Matches(/^[\x21-\x7e]{1,200}$/)
  idempotencyKey?: string;
}

export class EvidenceLinkDto {
  @ApiProperty({ enum: ['url', 'file'] }) @IsIn(['url', 'file']) kind!: 'url' | 'file';
  @ApiPropertyOptional({
    format: 'uri',
    pattern: '^https?://\\S{1,2000}$',
    example: 'https://wiki.example.com/interviews',
    description: 'Required for kind url: http(s)',
  })
  @ValidateIf((o: EvidenceLinkDto) => o.kind === 'url')
  @Matches(/^https?:\/\/\S{1,2000}$/)
  url?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) title?: string;
  @ApiPropertyOptional({ description: 'Required for kind file' })
  @ValidateIf((o: EvidenceLinkDto) => o.kind === 'file')
  @IsString()
  @Length(1, 300)
  name?: string;
  @ApiPropertyOptional({ description: 'Required for kind file: SHA-256, 64 hex digits' })
  @ValidateIf((o: EvidenceLinkDto) => o.kind === 'file')
  @Matches(/^[0-9a-fA-F]{64}$/)
  sha256?: string;
}

export class LearningInputDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('4') experimentId?: string;
  @ApiProperty({ description: 'What was observed' })
  @IsString()
  @Length(1, 8000)
  @Matches(NO_NUL, { message: NO_NUL_MESSAGE })
  observed!: string;
  @ApiProperty({ description: 'What we now believe' })
  @IsString()
  @Length(1, 8000)
  @Matches(NO_NUL, { message: NO_NUL_MESSAGE })
  belief!: string;
  @ApiProperty({ enum: LEARNING_DECISIONS }) @IsIn(LEARNING_DECISIONS) decision!: LearningDecision;
  @ApiProperty({ enum: CONFIDENCES }) @IsIn(CONFIDENCES) confidence!: Confidence;
  @ApiPropertyOptional({ type: [EvidenceLinkDto] })
  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => EvidenceLinkDto)
  @ArrayMaxSize(20)
  evidence?: EvidenceLinkDto[];
  @ApiPropertyOptional({ format: 'uuid', description: 'The learning this one corrects' })
  @IsOptional()
  @IsUUID('4')
  supersedes?: string;
  @ApiPropertyOptional({ description: LEARNING_KEY_DESCRIPTION })
  @IsOptional()
  @Matches(/^[\x21-\x7e]{1,200}$/)
  idempotencyKey?: string;
}

export class LearningDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) initiativeId!: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) experimentId!: string | null;
  @ApiProperty() observed!: string;
  @ApiProperty() belief!: string;
  @ApiProperty({ enum: LEARNING_DECISIONS }) decision!: LearningDecision;
  @ApiProperty({ enum: CONFIDENCES }) confidence!: Confidence;
  @ApiProperty({ type: [EvidenceLinkDto] }) evidence!: EvidenceLinkDto[];
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) supersedesId!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    format: 'uuid',
    description: 'The correction that replaced this learning',
  })
  supersededBy!: string | null;
  @ApiProperty() createdAt!: Date;
}

export class TeamDto {
  @ApiProperty({ type: [String], format: 'uuid', description: 'User ids of the team besides the owner' })
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(50)
  @IsUUID('4', { each: true })
  memberIds!: string[];
}

export class TeamMemberDto {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty() email!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty() addedAt!: Date;
}

export class ListLearningsQueryDto {
  @ApiPropertyOptional({ description: 'Also show learnings that a correction replaced' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  includeSuperseded?: boolean;
}

export class LearningSearchQueryDto extends ListLearningsQueryDto {
  @ApiProperty({ description: 'Words to find (web search syntax: "quoted phrases", -excluded, or)' })
  @IsString()
  @Length(1, 500)
  q!: string;
  @ApiPropertyOptional({
    enum: RISK_KINDS,
    description: 'Learnings from experiments that tested an assumption of this risk kind',
  })
  @IsOptional()
  @IsIn(RISK_KINDS)
  riskKind?: RiskKind;
  @ApiPropertyOptional({ enum: LEARNING_DECISIONS })
  @IsOptional()
  @IsIn(LEARNING_DECISIONS)
  decision?: LearningDecision;
  @ApiPropertyOptional({ format: 'date-time', description: 'Recorded at or after (ISO 8601)' })
  @IsOptional()
  @IsDateString()
  from?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'Recorded before (ISO 8601)' })
  @IsOptional()
  @IsDateString()
  to?: string;
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

export class LearningHitDto {
  @ApiProperty({ format: 'uuid' }) learningId!: string;
  @ApiProperty({ format: 'uuid' }) initiativeId!: string;
  @ApiProperty() initiativeTitle!: string;
  @ApiProperty({ description: 'Killed and held initiatives included' }) initiativeStatus!: string;
  @ApiProperty({ enum: LEARNING_DECISIONS }) decision!: LearningDecision;
  @ApiProperty({ enum: CONFIDENCES }) confidence!: string;
  @ApiProperty() createdAt!: Date;
  @ApiProperty({ description: 'ts_rank relevance' }) rank!: number;
  @ApiProperty({ description: 'Matching fragments, matches wrapped in <mark>' }) highlight!: string;
  @ApiProperty() superseded!: boolean;
}

export class EntryProblemDto {
  @ApiProperty({ description: 'Position of the entry in the batch (0-based)' }) index!: number;
  @ApiProperty() field!: string;
  @ApiProperty() reason!: string;
}

export class BatchDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['queued', 'processing', 'completed'] }) status!: string;
  @ApiProperty() total!: number;
  @ApiProperty() stored!: number;
  @ApiProperty({ description: 'Entries whose idempotency key was already stored' }) duplicates!: number;
  @ApiProperty() failed!: number;
  @ApiProperty() createdAt!: Date;
  @ApiProperty({ type: Date, nullable: true }) completedAt!: Date | null;
}

export class BatchStatusDto extends BatchDto {
  @ApiProperty() pending!: number;
  @ApiProperty({ type: [EntryProblemDto], description: 'Problems of refused entries (first 1,000 entries)' })
  problems!: EntryProblemDto[];
}
