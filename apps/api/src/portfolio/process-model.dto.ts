import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject, IsOptional, IsString, Length, Matches } from 'class-validator';
import { PROCESS_MODEL_STATUSES } from './portfolio-enums';
import { Trim } from './dto-helpers';

const KEY = /^[a-z][a-z0-9_]{0,62}$/;
const KEY_DOC = { pattern: KEY.source, example: 'default' };

// The definition is documented by these classes and checked in full by the portfolio context (shape, ranges, keys),
// which names every failing field by its path (definition.gates.G1.passMark …) in one 422.

export class DeliverableDefinitionDto {
  @ApiProperty(KEY_DOC) key!: string;
  @ApiProperty() name!: string;
}

export class MustMeetEvaluationDto {
  @ApiProperty({
    enum: ['gatekeeper', 'deliverables_complete', 'financials_present', 'conditions_met', 'assumptions_validated'],
    description: 'gatekeeper: judged by each gatekeeper; the others are evaluated from data when the review opens',
  })
  kind!: string;
  @ApiPropertyOptional({
    enum: ['desirability', 'feasibility', 'viability', null],
    nullable: true,
    description: 'assumptions_validated only: the risk kind of the assumptions it is bound to; null for all kinds',
  })
  riskKind?: string | null;
  @ApiPropertyOptional({
    enum: ['riskiest', 'critical'],
    description:
      "assumptions_validated only: 'riskiest' needs the most important one(s) validated, 'critical' every assumption of importance 4 or 5",
  })
  scope?: string;
}

export class MustMeetCriterionDto {
  @ApiProperty(KEY_DOC) key!: string;
  @ApiProperty() text!: string;
  @ApiProperty({ type: MustMeetEvaluationDto }) evaluation!: MustMeetEvaluationDto;
}

export class ShouldMeetCriterionDto {
  @ApiProperty(KEY_DOC) key!: string;
  @ApiProperty() text!: string;
  @ApiProperty({ minimum: 0, maximum: 100, description: 'Greater than 0' }) weight!: number;
}

export class GateDefinitionDto {
  @ApiProperty({ example: 'Concept gate' }) name!: string;
  @ApiProperty({ type: [DeliverableDefinitionDto] }) deliverables!: DeliverableDefinitionDto[];
  @ApiProperty({ type: [MustMeetCriterionDto], description: 'Knock-out criteria' }) mustMeet!: MustMeetCriterionDto[];
  @ApiProperty({ type: [ShouldMeetCriterionDto], description: 'Weighted criteria scored 0–10; at least one' })
  shouldMeet!: ShouldMeetCriterionDto[];
  @ApiProperty({ minimum: 0, maximum: 10, description: 'The weighted mean of should-meet scores must reach it' })
  passMark!: number;
  @ApiProperty({ minimum: 1, maximum: 20 }) gatekeepersRequired!: number;
  @ApiProperty({ minimum: 1, maximum: 90, description: 'Days from the review opening to its deadline' })
  reviewDays!: number;
}

export class GatesDefinitionDto {
  @ApiProperty({ type: GateDefinitionDto }) G1!: GateDefinitionDto;
  @ApiProperty({ type: GateDefinitionDto }) G2!: GateDefinitionDto;
  @ApiProperty({ type: GateDefinitionDto }) G3!: GateDefinitionDto;
}

export class ProcessModelDefinitionDto {
  @ApiProperty({ type: GatesDefinitionDto }) gates!: GatesDefinitionDto;
}

export class CreateProcessModelDto {
  @ApiProperty({ ...KEY_DOC, description: 'A new key starts at version 1; an existing key gets its next version' })
  @IsString()
  @Matches(KEY, { message: 'key must be snake_case, starting with a letter, at most 63 characters' })
  key!: string;
  @ApiProperty({ maxLength: 200 }) @Trim() @IsString() @Length(1, 200) name!: string;
  @ApiProperty({ type: ProcessModelDefinitionDto }) @IsObject() definition!: Record<string, unknown>;
}

export class UpdateProcessModelDto {
  @ApiPropertyOptional({ maxLength: 200 }) @IsOptional() @Trim() @IsString() @Length(1, 200) name?: string;
  @ApiPropertyOptional({ type: ProcessModelDefinitionDto }) @IsOptional() @IsObject() definition?: Record<
    string,
    unknown
  >;
}

export class ListProcessModelsQueryDto {
  @ApiPropertyOptional({ ...KEY_DOC, description: 'Only the versions of this key' })
  @IsOptional()
  @IsString()
  @Matches(KEY, { message: 'key must be snake_case, starting with a letter' })
  key?: string;
}

export class ProcessModelDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() key!: string;
  @ApiProperty({ type: 'integer' }) version!: number;
  @ApiProperty() name!: string;
  @ApiProperty({
    enum: PROCESS_MODEL_STATUSES,
    description: 'draft: editable; active: frozen, used for new initiatives; retired: frozen',
  })
  status!: string;
  @ApiProperty({ type: ProcessModelDefinitionDto }) definition!: ProcessModelDefinitionDto;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) createdBy!: string | null;
  @ApiProperty() createdAt!: Date;
  @ApiProperty({ type: Date, nullable: true }) activatedAt!: Date | null;
}
