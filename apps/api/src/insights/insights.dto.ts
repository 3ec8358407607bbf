import {
  CYCLE_STAGES,
  FUNNEL_STAGES,
  HANDOVER_VERDICTS,
  HandoverVerdict,
  INITIATIVES_MAX_LIMIT,
  INSIGHT_AMBITIONS,
  INSIGHT_DECISIONS,
  INSIGHT_GATES,
  INSIGHT_HORIZONS,
  INSIGHT_STATUSES,
  METRIC_DEFINITIONS,
  PERIOD_RULE,
} from '@ambidex/insights';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { AmbitionTargetsDto, HorizonTargetsDto } from '../portfolio/portfolio.dto';

/** `?ambition=` (empty) means no filter, as if the parameter were absent: a form may send every field. */
const EmptyAsAbsent = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' && value.trim() === '' ? undefined : value));

const DATE_EXAMPLE = '2026-01-31';

export class OverviewQueryDto {
  @ApiPropertyOptional({ description: `Start of the period. ${PERIOD_RULE}`, example: '2026-01-01', maxLength: 40 })
  @EmptyAsAbsent()
  @IsOptional()
  @IsString()
  @MaxLength(40)
  from?: string;

  @ApiPropertyOptional({ description: `End of the period. ${PERIOD_RULE}`, example: DATE_EXAMPLE, maxLength: 40 })
  @EmptyAsAbsent()
  @IsOptional()
  @IsString()
  @MaxLength(40)
  to?: string;

  @ApiPropertyOptional({ enum: INSIGHT_AMBITIONS })
  @EmptyAsAbsent()
  @IsOptional()
  @IsIn(INSIGHT_AMBITIONS)
  ambition?: string;
  @ApiPropertyOptional({ enum: INSIGHT_HORIZONS })
  @EmptyAsAbsent()
  @IsOptional()
  @IsIn(INSIGHT_HORIZONS)
  horizon?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'The initiatives this user owns' })
  @EmptyAsAbsent()
  @IsOptional()
  @IsUUID('all')
  ownerId?: string;
}

export class InitiativesQueryDto extends OverviewQueryDto {
  @ApiPropertyOptional({ enum: FUNNEL_STAGES, description: 'Current stage' })
  @EmptyAsAbsent()
  @IsOptional()
  @IsIn(FUNNEL_STAGES)
  stage?: string;
  @ApiPropertyOptional({ enum: INSIGHT_STATUSES, description: 'Current status' })
  @EmptyAsAbsent()
  @IsOptional()
  @IsIn(INSIGHT_STATUSES)
  status?: string;
  @ApiPropertyOptional({
    enum: INSIGHT_GATES,
    description: 'Received a decision at this gate (with decision: that decision)',
  })
  @EmptyAsAbsent()
  @IsOptional()
  @IsIn(INSIGHT_GATES)
  gate?: string;

  @ApiPropertyOptional({ enum: INSIGHT_DECISIONS, description: 'Received this decision (with gate: at that gate)' })
  @EmptyAsAbsent()
  @IsOptional()
  @IsIn(INSIGHT_DECISIONS)
  decision?: string;

  @ApiPropertyOptional({
    enum: FUNNEL_STAGES,
    description: 'Moved into this stage (funnel inflow), in the period when given',
  })
  @EmptyAsAbsent()
  @IsOptional()
  @IsIn(FUNNEL_STAGES)
  entered?: string;

  @ApiPropertyOptional({
    enum: FUNNEL_STAGES,
    description: 'Moved out of this stage (funnel outflow), in the period when given; nobody leaves in_operation',
  })
  @EmptyAsAbsent()
  @IsOptional()
  @IsIn(FUNNEL_STAGES)
  left?: string;

  @ApiPropertyOptional({
    enum: FUNNEL_STAGES,
    description:
      'Completed a passage through this stage (a cycle-time sample), ending in the period when given; in_operation has none',
  })
  @EmptyAsAbsent()
  @IsOptional()
  @IsIn(FUNNEL_STAGES)
  passed?: string;

  @ApiPropertyOptional({
    enum: HANDOVER_VERDICTS,
    description: 'Its handover package was decided (any verdict) or accepted, in the period when given',
  })
  @EmptyAsAbsent()
  @IsOptional()
  @IsIn(HANDOVER_VERDICTS)
  handover?: HandoverVerdict;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: INITIATIVES_MAX_LIMIT, default: 100 })
  @EmptyAsAbsent()
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(INITIATIVES_MAX_LIMIT)
  limit?: number;
}

/* ------------------------------------------------------------------ */
/* responses                                                           */
/* ------------------------------------------------------------------ */

export class PortfolioChoiceDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
}

export class InsightsPortfolioDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: AmbitionTargetsDto }) ambitionTargets!: AmbitionTargetsDto;
  @ApiProperty({ type: HorizonTargetsDto }) horizonTargets!: HorizonTargetsDto;
}

export class FunnelRowDto {
  @ApiProperty({ enum: FUNNEL_STAGES }) stage!: string;
  @ApiProperty({ description: METRIC_DEFINITIONS.funnelCurrent }) current!: number;
  @ApiProperty({ description: METRIC_DEFINITIONS.funnelInflow }) inflow!: number;
  @ApiProperty({ description: METRIC_DEFINITIONS.funnelOutflow }) outflow!: number;
}

const rateProperty = (what: string) => ({
  type: Number,
  nullable: true,
  minimum: 0,
  maximum: 1,
  description: `${what} / decisions; null when decisions = 0`,
});

export class GateRowDto {
  @ApiProperty({ enum: INSIGHT_GATES }) gate!: string;
  @ApiProperty({ description: 'Decisions taken at the gate in the period' }) decisions!: number;
  @ApiProperty() go!: number;
  @ApiProperty() conditionalGo!: number;
  @ApiProperty() kill!: number;
  @ApiProperty() hold!: number;
  @ApiProperty() recycle!: number;
  @ApiProperty(rateProperty('(go + conditionalGo)')) conversionRate!: number | null;
  @ApiProperty(rateProperty('kill')) killRate!: number | null;
  @ApiProperty(rateProperty('recycle')) recycleRate!: number | null;
  @ApiProperty(rateProperty('hold')) holdRate!: number | null;
}

export class CycleTimeRowDto {
  @ApiProperty({ enum: CYCLE_STAGES }) stage!: string;
  @ApiProperty({ type: Number, nullable: true, description: 'Nearest-rank median, days' }) medianDays!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Nearest-rank 85th percentile, days' }) p85Days!:
    number | null;
  @ApiProperty({ description: 'Passages counted' }) samples!: number;
}

export class BalanceRowDto {
  @ApiProperty({ example: 'core' }) bucket!: string;
  @ApiProperty() count!: number;
  @ApiProperty({ minimum: 0, maximum: 1 }) share!: number;
  @ApiProperty({ minimum: 0, maximum: 1 }) target!: number;
}

export class BalanceDto {
  @ApiProperty({ type: [BalanceRowDto] }) ambition!: BalanceRowDto[];
  @ApiProperty({ type: [BalanceRowDto] }) horizon!: BalanceRowDto[];
}

export class EcvRankingRowDto {
  @ApiProperty({ format: 'uuid' }) initiativeId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ description: 'ECV = ((NPV × Pcs − C) × Pts) − D' }) ecv!: number;
  @ApiProperty({ enum: FUNNEL_STAGES }) stage!: string;
  @ApiProperty({ enum: INSIGHT_STATUSES }) status!: string;
}

export class BubbleDto {
  @ApiProperty({ format: 'uuid' }) initiativeId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ minimum: 0, maximum: 1, description: 'Pcs × Pts' }) probability!: number;
  @ApiProperty() ecv!: number;
  @ApiProperty({ description: 'D, the remaining development cost' }) remainingCost!: number;
  @ApiProperty({ enum: INSIGHT_AMBITIONS }) ambition!: string;
}

export class ZombieDto {
  @ApiProperty({ format: 'uuid' }) initiativeId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ format: 'uuid' }) reviewId!: string;
  @ApiProperty({ enum: INSIGHT_GATES }) gate!: string;
  @ApiProperty({ format: 'date-time' }) deadlineAt!: string;
}

export class LearningFiguresDto {
  @ApiProperty({ type: Number, nullable: true, description: 'Mean assumptions resolved per initiative per 30 days' })
  velocity!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Mean experiment cost per learning' }) costPerLearning!:
    number | null;
}

export class HandoverFiguresDto {
  @ApiProperty() decided!: number;
  @ApiProperty() accepted!: number;
  @ApiProperty({ type: Number, nullable: true, minimum: 0, maximum: 1 }) acceptanceRate!: number | null;
  @ApiProperty({ type: Number, nullable: true }) medianTimeToControlledHours!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'The same median in whole seconds' })
  medianTimeToControlledSeconds!: number | null;
}

export class OperationsFiguresDto {
  @ApiProperty({ type: 'integer', description: 'Initiatives created in the period' }) newInitiatives!: number;
  @ApiProperty({ type: 'integer', description: 'Of those, the ones operations raised (with an origin)' })
  fromOperations!: number;
  @ApiProperty({ type: Number, nullable: true, minimum: 0, maximum: 1 }) share!: number | null;
  @ApiProperty({ type: 'integer', description: 'Of those operations raised, the ones with a gate decision' })
  decided!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Median days from creation to the first gate decision' })
  medianDaysToFirstDecision!: number | null;
}

export class InsightsOverviewDto {
  @ApiProperty({ type: InsightsPortfolioDto, description: 'Targets in percent, as the portfolio stores them' })
  portfolio!: InsightsPortfolioDto;
  @ApiProperty({ format: 'date-time', description: 'The read model is as of this instant' }) refreshedAt!: string;
  @ApiProperty({
    type: [FunnelRowDto],
    description: `${METRIC_DEFINITIONS.funnelCurrent} ${METRIC_DEFINITIONS.funnelInflow} ${METRIC_DEFINITIONS.funnelOutflow}`,
  })
  funnel!: FunnelRowDto[];
  @ApiProperty({ type: [GateRowDto], description: METRIC_DEFINITIONS.gates }) gates!: GateRowDto[];
  @ApiProperty({ type: [CycleTimeRowDto], description: METRIC_DEFINITIONS.cycleTimes }) cycleTimes!: CycleTimeRowDto[];
  @ApiProperty({ type: BalanceDto, description: METRIC_DEFINITIONS.balance }) balance!: BalanceDto;
  @ApiProperty({ type: [EcvRankingRowDto], description: METRIC_DEFINITIONS.ecvRanking })
  ecvRanking!: EcvRankingRowDto[];
  @ApiProperty({ type: [BubbleDto], description: METRIC_DEFINITIONS.bubbles }) bubbles!: BubbleDto[];
  @ApiProperty({ type: [ZombieDto], description: METRIC_DEFINITIONS.zombies }) zombies!: ZombieDto[];
  @ApiProperty({ type: LearningFiguresDto, description: METRIC_DEFINITIONS.learning }) learning!: LearningFiguresDto;
  @ApiProperty({ type: HandoverFiguresDto, description: METRIC_DEFINITIONS.handover }) handover!: HandoverFiguresDto;
  @ApiProperty({ type: OperationsFiguresDto, description: METRIC_DEFINITIONS.operations })
  operations!: OperationsFiguresDto;
}

export class InsightInitiativeDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: FUNNEL_STAGES }) stage!: string;
  @ApiProperty({ enum: INSIGHT_STATUSES }) status!: string;
  @ApiProperty({ enum: INSIGHT_AMBITIONS }) ambition!: string;
  @ApiProperty({ enum: INSIGHT_HORIZONS }) horizon!: string;
  @ApiProperty({ type: Number, nullable: true }) ecv!: number | null;
}
