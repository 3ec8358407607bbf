import { CAUSE_CATEGORIES, NC_SEVERITIES, NC_SOURCES, NC_STATUSES, NC_SUBJECT_TYPES } from '@ambidex/nonconformity';
import { ApiProperty } from '@nestjs/swagger';
import { SignatureDto } from '../handover/views.dto';

export class NonconformitySummaryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'NC-0001' }) number!: string;
  @ApiProperty({ enum: NC_STATUSES }) status!: string;
  @ApiProperty({ enum: NC_SUBJECT_TYPES, type: String, nullable: true }) subjectType!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) subjectId!: string | null;
  @ApiProperty({ enum: NC_SOURCES }) source!: string;
  @ApiProperty({ enum: NC_SEVERITIES }) severity!: string;
  @ApiProperty({ type: 'integer' }) probability!: number;
  @ApiProperty() description!: string;
  @ApiProperty({ type: [String] }) evidenceLinks!: string[];
  @ApiProperty({ format: 'uuid' }) raisedBy!: string;
  @ApiProperty() raisedAt!: Date;
  @ApiProperty({ type: String, nullable: true }) containment!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) containedBy!: string | null;
  @ApiProperty({ type: Date, nullable: true }) containedAt!: Date | null;
  @ApiProperty({ type: [String], nullable: true, description: 'The five whys, in order' }) whys!: string[] | null;
  @ApiProperty({ enum: CAUSE_CATEGORIES, type: String, nullable: true }) causeCategory!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) rootCauseBy!: string | null;
  @ApiProperty({ type: Date, nullable: true }) rootCauseAt!: Date | null;
  @ApiProperty({ type: 'integer', nullable: true }) effectivenessAfterDays!: number | null;
  @ApiProperty({ type: Date, nullable: true }) effectivenessDueAt!: Date | null;
  @ApiProperty({ type: Date, nullable: true }) effectivenessNotifiedAt!: Date | null;
  @ApiProperty({ type: 'integer' }) effectivenessRound!: number;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'The change request this NC raised' })
  changeRequestId!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    format: 'uuid',
    description: 'The initiative this NC raised as an opportunity (ISO 56001 8.3.2)',
  })
  opportunityInitiativeId!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) closedBy!: string | null;
  @ApiProperty({ type: Date, nullable: true }) closedAt!: Date | null;
}

export class CorrectiveActionDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) nonconformityId!: string;
  @ApiProperty() text!: string;
  @ApiProperty({ format: 'uuid' }) ownerId!: string;
  @ApiProperty() dueAt!: Date;
  @ApiProperty() createdAt!: Date;
  @ApiProperty({ type: Date, nullable: true }) doneAt!: Date | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) doneBy!: string | null;
  @ApiProperty({ type: String, nullable: true }) doneNote!: string | null;
  @ApiProperty({ type: Date, nullable: true }) escalatedToOwnerAt!: Date | null;
  @ApiProperty({ type: Date, nullable: true }) escalatedToQualityAt!: Date | null;
}

export class EffectivenessCheckViewDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() effective!: boolean;
  @ApiProperty() comment!: string;
  @ApiProperty({ format: 'uuid' }) checkedBy!: string;
  @ApiProperty() checkedAt!: Date;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) signatureId!: string | null;
}

export class NcPersonDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() displayName!: string;
}

export class NonconformityDto extends NonconformitySummaryDto {
  @ApiProperty({ type: [CorrectiveActionDto] }) actions!: CorrectiveActionDto[];
  @ApiProperty({ type: [EffectivenessCheckViewDto] }) effectivenessChecks!: EffectivenessCheckViewDto[];
  @ApiProperty({ type: [SignatureDto] }) signatures!: SignatureDto[];
  @ApiProperty({ type: [NcPersonDto], description: 'Display names of everyone the NC names' }) people!: NcPersonDto[];
}

export class NonconformityLinkDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'NC-0001' }) number!: string;
  @ApiProperty({ enum: NC_STATUSES }) status!: string;
}
