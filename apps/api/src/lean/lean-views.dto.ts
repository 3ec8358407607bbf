import { IMPROVEMENT_STATUSES, MEASUREMENT_KINDS, WASTES } from '@ambidex/lean';
import { ApiProperty } from '@nestjs/swagger';
import { ValueStreamStepDto } from './lean.dto';

export class MeasurementDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) valueStreamId!: string;
  @ApiProperty({ enum: MEASUREMENT_KINDS }) kind!: string;
  @ApiProperty({ type: 'integer', nullable: true, description: 'The measurement period it answered, if asked' })
  period!: number | null;
  @ApiProperty({ type: [ValueStreamStepDto] }) steps!: ValueStreamStepDto[];
  @ApiProperty({ description: 'Minutes: Σ process + waiting' }) leadTime!: number;
  @ApiProperty({ description: 'Minutes: Σ process' }) processTime!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Process time / lead time, 0 to 1' })
  flowEfficiency!: number | null;
  @ApiProperty({ description: 'Rolled %C&A as a fraction, 0 to 1' }) rolledCa!: number;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) improvementEventId!: string | null;
  @ApiProperty({ format: 'uuid' }) recordedBy!: string;
  @ApiProperty() recordedAt!: Date;
}

export class ImprovementRecordDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'KZ-0001' }) number!: string;
  @ApiProperty({ format: 'uuid' }) valueStreamId!: string;
  @ApiProperty({ enum: WASTES }) waste!: string;
  @ApiProperty() problem!: string;
  @ApiProperty() target!: string;
  @ApiProperty({ enum: IMPROVEMENT_STATUSES }) status!: string;
  @ApiProperty({ format: 'uuid' }) raisedBy!: string;
  @ApiProperty() raisedAt!: Date;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'The change request it raised' })
  changeRequestId!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) changeDocumentId!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) closeMeasurementId!: string | null;
  @ApiProperty({ type: Number, nullable: true }) beforeLeadTime!: number | null;
  @ApiProperty({ type: Number, nullable: true }) beforeFlowEfficiency!: number | null;
  @ApiProperty({ type: String, nullable: true }) closeNote!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) closedBy!: string | null;
  @ApiProperty({ type: Date, nullable: true }) closedAt!: Date | null;
}

export class ImprovementSummaryDto extends ImprovementRecordDto {
  @ApiProperty() processName!: string;
  @ApiProperty({ format: 'uuid' }) processRecordId!: string;
}

export class ImprovementActionViewDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) improvementEventId!: string;
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

export class FigurePairDto {
  @ApiProperty() leadTime!: number;
  @ApiProperty({ type: Number, nullable: true }) flowEfficiency!: number | null;
}

export class MeasuredEffectDto {
  @ApiProperty({ type: FigurePairDto, description: 'The baseline' }) before!: FigurePairDto;
  @ApiProperty({ type: FigurePairDto, description: 'Measured at close' }) after!: FigurePairDto;
  @ApiProperty({ description: 'After minus before, minutes (negative: shorter)' }) leadTimeDelta!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'After minus before' }) flowEfficiencyDelta!: number | null;
}

export class ProcessDocumentDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, nullable: true }) number!: string | null;
  @ApiProperty() title!: string;
  @ApiProperty() status!: string;
}

export class PersonDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() displayName!: string;
}

export class ImprovementDto extends ImprovementSummaryDto {
  @ApiProperty({ format: 'uuid' }) processOwnerId!: string;
  @ApiProperty({ type: [ImprovementActionViewDto] }) actions!: ImprovementActionViewDto[];
  @ApiProperty({ type: MeasurementDto, nullable: true }) closeMeasurement!: MeasurementDto | null;
  @ApiProperty({ type: MeasuredEffectDto, nullable: true }) effect!: MeasuredEffectDto | null;
  @ApiProperty({ type: [ProcessDocumentDto] }) documents!: ProcessDocumentDto[];
  @ApiProperty({ type: [PersonDto] }) people!: PersonDto[];
}

export class ValueStreamSummaryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) processRecordId!: string;
  @ApiProperty({ format: 'uuid' }) packageId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ format: 'uuid', description: 'The process owner' }) ownerId!: string;
  @ApiProperty() openedAt!: Date;
  @ApiProperty({ type: Date, nullable: true }) baselineAt!: Date | null;
  @ApiProperty({ type: Date, nullable: true }) measuredAt!: Date | null;
  @ApiProperty({ type: 'integer', nullable: true }) requestedPeriod!: number | null;
}

export class ValueStreamDto extends ValueStreamSummaryDto {
  @ApiProperty({ type: [MeasurementDto], description: 'Baseline, measurements and close measurements, oldest first' })
  measurements!: MeasurementDto[];
  @ApiProperty({ type: [ImprovementRecordDto] }) improvements!: ImprovementRecordDto[];
}

export class ImprovementLinkDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'KZ-0001' }) number!: string;
  @ApiProperty({ enum: IMPROVEMENT_STATUSES }) status!: string;
}

export class LeanFigurePointDto {
  @ApiProperty({ enum: MEASUREMENT_KINDS }) kind!: string;
  @ApiProperty() recordedAt!: Date;
  @ApiProperty() leadTime!: number;
  @ApiProperty() processTime!: number;
  @ApiProperty({ type: Number, nullable: true }) flowEfficiency!: number | null;
  @ApiProperty() rolledPercentCompleteAccurate!: number;
}

export class ClosedImprovementFiguresDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() number!: string;
  @ApiProperty({ enum: WASTES }) waste!: string;
  @ApiProperty() problem!: string;
  @ApiProperty() target!: string;
  @ApiProperty() closedAt!: Date;
  @ApiProperty({ type: MeasuredEffectDto }) effect!: MeasuredEffectDto;
}

export class ProcessLeanFiguresDto {
  @ApiProperty({ format: 'uuid' }) valueStreamId!: string;
  @ApiProperty({ format: 'uuid' }) processRecordId!: string;
  @ApiProperty() processName!: string;
  @ApiProperty({ format: 'uuid' }) ownerId!: string;
  @ApiProperty({ type: LeanFigurePointDto, nullable: true }) baseline!: LeanFigurePointDto | null;
  @ApiProperty({ type: [LeanFigurePointDto] }) measurements!: LeanFigurePointDto[];
  @ApiProperty({ type: [ClosedImprovementFiguresDto] }) improvementsClosed!: ClosedImprovementFiguresDto[];
}
