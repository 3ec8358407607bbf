import { DECISIONS, Decision, GATES, Gate } from '@ambidex/portfolio';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsBoolean,
  IsDateString,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

export class MustMeetJudgementDto {
  @ApiProperty({ example: 'strategic_fit' }) @IsString() @Length(1, 64) key!: string;
  @ApiProperty() @IsBoolean() pass!: boolean;
  @ApiProperty({ description: 'Required when pass is false' }) @IsString() @MaxLength(2000) comment!: string;
}

export class ShouldMeetScoreDto {
  @ApiProperty({ example: 'problem_significance' }) @IsString() @Length(1, 64) key!: string;
  @ApiProperty({ type: 'integer', minimum: 0, maximum: 10 }) @IsInt() @Min(0) @Max(10) score!: number;
}

export class ScorecardDto {
  @ApiProperty({
    type: [MustMeetJudgementDto],
    description: 'One judgement per must-meet criterion judged by gatekeepers',
  })
  @ValidateNested({ each: true })
  @Type(() => MustMeetJudgementDto)
  @ArrayMaxSize(50)
  mustMeet!: MustMeetJudgementDto[];

  @ApiProperty({ type: [ShouldMeetScoreDto], description: 'One score per should-meet criterion' })
  @ValidateNested({ each: true })
  @Type(() => ShouldMeetScoreDto)
  @ArrayMaxSize(50)
  shouldMeet!: ShouldMeetScoreDto[];
}

export class ScorecardAcceptedDto {
  @ApiProperty({ description: 'True when this was the last scorecard: the outcome is being computed' })
  complete!: boolean;
}

export class ConditionInputDto {
  @ApiProperty() @IsString() @Length(1, 2000) text!: string;
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @IsDateString() dueAt?: string;
}

export class DecisionDto {
  @ApiProperty({ enum: DECISIONS }) @IsIn(DECISIONS) decision!: Decision;
  @ApiPropertyOptional({ description: 'Required for kill' }) @IsOptional() @IsString() @MaxLength(4000) reason?: string;
  @ApiPropertyOptional({ type: [ConditionInputDto], description: 'Required for conditional_go, refused otherwise' })
  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => ConditionInputDto)
  @ArrayMaxSize(20)
  conditions?: ConditionInputDto[];
  @ApiPropertyOptional({ format: 'date-time', description: 'Required for hold: when it comes back for a decision' })
  @IsOptional()
  @IsDateString()
  holdUntil?: string;
}

export class ConditionMetDto {
  @ApiProperty({ description: 'How the condition was met' }) @IsString() @Length(1, 4000) note!: string;
}

export class EvaluatedCriterionDto {
  @ApiProperty() key!: string;
  @ApiProperty() pass!: boolean;
  @ApiProperty() detail!: string;
}

export class ReadinessReportDto {
  @ApiProperty() ready!: boolean;
  @ApiProperty({ type: [String], description: 'Keys of the deliverables still pending' }) openDeliverables!: string[];
  @ApiProperty({
    type: [EvaluatedCriterionDto],
    description: 'Must-meet criteria decided by data, frozen with the evidence',
  })
  evaluated!: EvaluatedCriterionDto[];
}

export class KnockOutDto {
  @ApiProperty() key!: string;
  @ApiProperty({ description: "'data', or the id of the gatekeeper who failed it" }) by!: string;
  @ApiProperty() comment!: string;
}

export class CriterionMeanDto {
  @ApiProperty() key!: string;
  @ApiProperty() weight!: number;
  @ApiProperty() mean!: number;
}

export class GateOutcomeDto {
  @ApiProperty() passed!: boolean;
  @ApiProperty({ type: [KnockOutDto] }) knockOuts!: KnockOutDto[];
  @ApiProperty() weightedMean!: number;
  @ApiProperty() passMark!: number;
  @ApiProperty({ type: [CriterionMeanDto] }) criteria!: CriterionMeanDto[];
  @ApiProperty({ enum: DECISIONS, description: 'Advice to the chair' }) proposal!: Decision;
}

export class GateReviewDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) initiativeId!: string;
  @ApiProperty({ enum: GATES }) gate!: Gate;
  @ApiProperty({ enum: ['requested', 'not_ready', 'scoring', 'awaiting_decision', 'decided', 'cancelled'] })
  status!: string;
  @ApiProperty() requestedAt!: Date;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) chairId!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Display name of the chair' }) chairName!: string | null;
  @ApiProperty({ type: Date, nullable: true }) openedAt!: Date | null;
  @ApiProperty({ type: Date, nullable: true }) deadlineAt!: Date | null;
  @ApiProperty({
    type: ReadinessReportDto,
    nullable: true,
    description: 'Readiness report: open deliverables, evaluated must-meet criteria',
  })
  readiness!: unknown;
  @ApiProperty({ type: GateOutcomeDto, nullable: true, description: 'Knock-outs, weighted mean, pass mark, proposal' })
  outcome!: unknown;
  @ApiProperty({ enum: DECISIONS, nullable: true }) decision!: Decision | null;
  @ApiProperty({ type: String, nullable: true }) decisionReason!: string | null;
  @ApiProperty({ type: Date, nullable: true }) decidedAt!: Date | null;
  @ApiProperty({ type: Date, nullable: true }) holdUntil!: Date | null;
}

export class ScorecardViewDto {
  @ApiProperty({ format: 'uuid' }) gatekeeperId!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Display name of the gatekeeper' }) gatekeeperName!:
    string | null;
  @ApiProperty({ type: [MustMeetJudgementDto] }) mustMeet!: MustMeetJudgementDto[];
  @ApiProperty({ type: [ShouldMeetScoreDto] }) shouldMeet!: ShouldMeetScoreDto[];
  @ApiProperty() submittedAt!: Date;
}

export class ReviewUserNameDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: 'Display name' }) name!: string;
}

export class GateReviewDetailDto extends GateReviewDto {
  @ApiProperty({ type: [String] }) gatekeeperIds!: string[];
  @ApiProperty({ type: [ReviewUserNameDto], description: 'The gatekeepers with their display names' })
  gatekeepers!: ReviewUserNameDto[];
  @ApiProperty({
    type: String,
    nullable: true,
    format: 'uuid',
    description: 'The handover package a G3 Go assembled (GET /api/handover-packages/{id})',
  })
  handoverPackageId!: string | null;
  @ApiProperty() scorecardsIn!: number;
  @ApiProperty({ type: String, nullable: true, description: 'SHA-256 of the frozen evidence snapshot' }) evidenceHash!:
    string | null;
  @ApiProperty({
    type: [ScorecardViewDto],
    description: 'All to the chair, leadership and admins; otherwise only your own',
  })
  scorecards!: ScorecardViewDto[];
}

/** Marks a stored record returned as it was stored (its keys are exempt from the camelCase rule of the API). */
const VERBATIM: object = { 'x-ambidex-verbatim': true };

export class EvidenceDto {
  @ApiProperty({ format: 'uuid' }) reviewId!: string;
  @ApiProperty({ description: 'SHA-256 of the canonical JSON of content' }) contentHash!: string;
  @ApiProperty() createdAt!: Date;
  @ApiProperty({
    type: Object,
    description:
      'The evidence as frozen when the review opened: initiative, history, assumptions, experiments, learnings, deliverables. ' +
      'Kept verbatim, with the stored (snake_case) keys of its time, because contentHash covers exactly these bytes.',
    ...VERBATIM,
  })
  content!: Record<string, unknown>;
}

export class ConditionDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) reviewId!: string;
  @ApiProperty() text!: string;
  @ApiProperty({ type: Date, nullable: true }) dueAt!: Date | null;
  @ApiProperty({ type: Date, nullable: true }) metAt!: Date | null;
  @ApiProperty({ type: String, nullable: true }) metNote!: string | null;
}
