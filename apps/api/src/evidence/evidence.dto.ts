import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A period of whole UTC days, both included; the order and the calendar are checked by the lib (422 naming the field). */
export class EvidenceRangeQueryDto {
  @ApiProperty({ format: 'date', example: '2026-01-01', description: 'First day (UTC), included' })
  @IsString()
  @Matches(DAY, { message: 'from must be a date as YYYY-MM-DD' })
  from!: string;

  @ApiProperty({ format: 'date', example: '2026-12-31', description: 'Last day (UTC), included' })
  @IsString()
  @Matches(DAY, { message: 'to must be a date as YYYY-MM-DD' })
  to!: string;
}

export class EvidenceClauseRefDto {
  @ApiProperty({ example: 'ISO9001-10.2' }) id!: string;
  @ApiProperty({ example: 'ISO 9001 10.2 Nonconformity and corrective action' }) title!: string;
}

export class EvidenceRecordSummaryDto {
  @ApiProperty({ description: 'The audit entry; records/<id>.json in the ZIP' }) id!: string;
  @ApiProperty({ example: 'nonconformity.raised' }) action!: string;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;
  @ApiProperty() actorLabel!: string;
  @ApiProperty() entityType!: string;
  @ApiProperty() entityId!: string;
  @ApiProperty({ type: String, nullable: true, description: 'The console path of the record', example: '/audits/…' })
  link!: string | null;
  @ApiProperty({ description: "The entry's SHA-256 in the audit trail's hash chain" }) contentHash!: string;
  @ApiProperty({ description: 'How many e-signatures the record carries' }) signatures!: number;
}

export class EvidenceClauseDto extends EvidenceClauseRefDto {
  @ApiProperty() recordCount!: number;
  @ApiProperty({
    type: [EvidenceRecordSummaryDto],
    description: 'The latest records (at most 20); the exports hold all',
  })
  records!: EvidenceRecordSummaryDto[];
}

export class EvidenceOverviewDto {
  @ApiProperty({ format: 'date' }) from!: string;
  @ApiProperty({ format: 'date' }) to!: string;
  @ApiProperty({ format: 'date-time' }) generatedAt!: string;
  @ApiProperty() recordCount!: number;
  @ApiProperty({ type: [EvidenceClauseDto], description: 'Every clause of the catalogue, in order' })
  clauses!: EvidenceClauseDto[];
  @ApiProperty({ type: [EvidenceClauseRefDto], description: 'The coverage report: clauses with no evidence' })
  missing!: EvidenceClauseRefDto[];
}
