import type {
  Ambition,
  Horizon,
  InitiativeSort,
  InitiativeStatus,
  InnovationType,
  SortDirection,
  Stage,
} from '@ambidex/portfolio';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { MONEY, MONEY_LIMIT, PROBABILITY, Trim } from './dto-helpers';
import {
  AMBITIONS,
  DELIVERABLE_STATUSES,
  HORIZONS,
  INITIATIVE_SORTS,
  INNOVATION_TYPES,
  SORT_DIRECTIONS,
  STAGES,
  STATUSES,
} from './portfolio-enums';

/** Present means validated (null included, so a required field cannot be cleared); absent means unchanged. */
const Given = (): PropertyDecorator => ValidateIf((_: unknown, value: unknown) => value !== undefined);

const text = (max: number, example?: string) => ({ maxLength: max, ...(example === undefined ? {} : { example }) });
const money = (description: string, minimum = 0) => ({
  type: Number,
  nullable: true,
  minimum,
  maximum: MONEY_LIMIT,
  description,
});
const probability = (description: string) => ({ type: Number, nullable: true, minimum: 0, maximum: 1, description });

export class CreateInitiativeDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all') portfolioId!: string;
  @ApiProperty(text(200, 'Predictive maintenance as a service')) @Trim() @IsString() @Length(3, 200) title!: string;
  @ApiProperty(text(5000)) @Trim() @IsString() @Length(1, 5000) problem!: string;
  @ApiProperty(text(5000)) @Trim() @IsString() @Length(1, 5000) valueHypothesis!: string;
  @ApiProperty({ enum: HORIZONS }) @IsIn(HORIZONS) horizon!: Horizon;
  @ApiProperty({ enum: AMBITIONS }) @IsIn(AMBITIONS) ambition!: Ambition;
  @ApiProperty({ enum: INNOVATION_TYPES }) @IsIn(INNOVATION_TYPES) innovationType!: InnovationType;
  @ApiPropertyOptional({ ...text(500), type: String, nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(500)
  strategicObjective?: string | null;
  @ApiPropertyOptional({ ...text(500), type: String, nullable: true, description: 'Who or what raised it' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(500)
  source?: string | null;
  @ApiPropertyOptional(money('Net present value if it succeeds', -MONEY_LIMIT))
  @IsOptional()
  @IsNumber(MONEY)
  @Min(-MONEY_LIMIT)
  @Max(MONEY_LIMIT)
  npv?: number | null;
  @ApiPropertyOptional(probability('Pcs: probability of commercial success'))
  @IsOptional()
  @IsNumber(PROBABILITY)
  @Min(0)
  @Max(1)
  probabilityCommercial?: number | null;
  @ApiPropertyOptional(probability('Pts: probability of technical success'))
  @IsOptional()
  @IsNumber(PROBABILITY)
  @Min(0)
  @Max(1)
  probabilityTechnical?: number | null;
  @ApiPropertyOptional(money('C: commercialization (launch) cost'))
  @IsOptional()
  @IsNumber(MONEY)
  @Min(0)
  @Max(MONEY_LIMIT)
  commercializationCost?: number | null;
  @ApiPropertyOptional(money('D: remaining development cost'))
  @IsOptional()
  @IsNumber(MONEY)
  @Min(0)
  @Max(MONEY_LIMIT)
  remainingDevelopmentCost?: number | null;
  @ApiPropertyOptional(money('Spent so far')) @IsOptional() @IsNumber(MONEY) @Min(0) @Max(MONEY_LIMIT) costToDate?:
    number | null;
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Defaults to you. Only an admin may name another owner, who must be an active innovation lead',
  })
  @IsOptional()
  @IsUUID('all')
  ownerId?: string;
}

/** Every field optional; `version` required. Stage and status are not fields: they change only through gate decisions. */
export class UpdateInitiativeDto {
  @ApiProperty({
    type: 'integer',
    minimum: 1,
    description: 'The version you read; a mismatch gives 409 PORTFOLIO.INITIATIVE_CHANGED and writes nothing',
  })
  @IsInt()
  @Min(1)
  version!: number;
  @ApiPropertyOptional(text(200)) @Given() @Trim() @IsString() @Length(3, 200) title?: string;
  @ApiPropertyOptional(text(5000)) @Given() @Trim() @IsString() @Length(1, 5000) problem?: string;
  @ApiPropertyOptional(text(5000)) @Given() @Trim() @IsString() @Length(1, 5000) valueHypothesis?: string;
  @ApiPropertyOptional({ enum: HORIZONS }) @Given() @IsIn(HORIZONS) horizon?: Horizon;
  @ApiPropertyOptional({ enum: AMBITIONS }) @Given() @IsIn(AMBITIONS) ambition?: Ambition;
  @ApiPropertyOptional({ enum: INNOVATION_TYPES }) @Given() @IsIn(INNOVATION_TYPES) innovationType?: InnovationType;
  @ApiPropertyOptional({ ...text(500), type: String, nullable: true, description: 'null clears it' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(500)
  strategicObjective?: string | null;
  @ApiPropertyOptional({ ...text(500), type: String, nullable: true, description: 'null clears it' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(500)
  source?: string | null;
  @ApiPropertyOptional(money('null clears it', -MONEY_LIMIT))
  @IsOptional()
  @IsNumber(MONEY)
  @Min(-MONEY_LIMIT)
  @Max(MONEY_LIMIT)
  npv?: number | null;
  @ApiPropertyOptional(probability('Pcs; null clears it'))
  @IsOptional()
  @IsNumber(PROBABILITY)
  @Min(0)
  @Max(1)
  probabilityCommercial?: number | null;
  @ApiPropertyOptional(probability('Pts; null clears it'))
  @IsOptional()
  @IsNumber(PROBABILITY)
  @Min(0)
  @Max(1)
  probabilityTechnical?: number | null;
  @ApiPropertyOptional(money('C; null clears it'))
  @IsOptional()
  @IsNumber(MONEY)
  @Min(0)
  @Max(MONEY_LIMIT)
  commercializationCost?: number | null;
  @ApiPropertyOptional(money('D; null clears it'))
  @IsOptional()
  @IsNumber(MONEY)
  @Min(0)
  @Max(MONEY_LIMIT)
  remainingDevelopmentCost?: number | null;
  @ApiPropertyOptional(money('null clears it')) @IsOptional() @IsNumber(MONEY) @Min(0) @Max(MONEY_LIMIT) costToDate?:
    number | null;
}

export class ListInitiativesQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all') portfolioId?: string;
  @ApiPropertyOptional({ enum: STAGES }) @IsOptional() @IsIn(STAGES) stage?: Stage;
  @ApiPropertyOptional({ enum: STATUSES }) @IsOptional() @IsIn(STATUSES) status?: InitiativeStatus;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all') ownerId?: string;
  @ApiPropertyOptional({ enum: HORIZONS }) @IsOptional() @IsIn(HORIZONS) horizon?: Horizon;
  @ApiPropertyOptional({ enum: AMBITIONS }) @IsOptional() @IsIn(AMBITIONS) ambition?: Ambition;
  @ApiPropertyOptional({
    minLength: 3,
    maxLength: 200,
    description:
      'Text in title or problem (case-insensitive); at least 3 characters so the trigram indexes can serve it',
  })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(3, 200)
  q?: string;
  @ApiPropertyOptional({ enum: INITIATIVE_SORTS, default: 'createdAt' })
  @IsOptional()
  @IsIn(INITIATIVE_SORTS)
  sort?: InitiativeSort;
  @ApiPropertyOptional({ enum: SORT_DIRECTIONS, default: 'desc' })
  @IsOptional()
  @IsIn(SORT_DIRECTIONS)
  order?: SortDirection;
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 100, default: 25 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
  @ApiPropertyOptional({ description: "The previous page's nextCursor; valid with the same sort and order" })
  @IsOptional()
  @IsString()
  @MaxLength(4096)
  cursor?: string;
}

export class DuplicatesQueryDto {
  @ApiPropertyOptional({ maxLength: 200 }) @IsOptional() @Trim() @IsString() @Length(3, 200) title?: string;
  @ApiPropertyOptional({ maxLength: 5000 }) @IsOptional() @Trim() @IsString() @Length(3, 5000) problem?: string;
}

export class UpdateDeliverableDto {
  @ApiProperty({ enum: DELIVERABLE_STATUSES })
  @IsIn(DELIVERABLE_STATUSES)
  status!: (typeof DELIVERABLE_STATUSES)[number];
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: 2000,
    description: 'What was delivered; required (the reason) when status is not_required',
  })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string | null;
}
