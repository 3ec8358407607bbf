import { AUDIT_CLAUSE_IDS, AUDIT_STATUSES, AUDIT_SUBJECT_TYPES, FINDING_KINDS } from '@ambidex/audits';
import { ApiProperty } from '@nestjs/swagger';
import { SignatureDto } from '../handover/signature.dto';

export class AuditSummaryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'AUD-0001' }) number!: string;
  @ApiProperty({ enum: AUDIT_STATUSES }) status!: string;
  @ApiProperty({ format: 'date' }) plannedFor!: string;
  @ApiProperty() scope!: string;
  @ApiProperty({ enum: AUDIT_SUBJECT_TYPES, type: String, nullable: true }) subjectType!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) subjectId!: string | null;
  @ApiProperty({ enum: AUDIT_CLAUSE_IDS, isArray: true }) clauses!: string[];
  @ApiProperty({ format: 'uuid' }) auditorId!: string;
  @ApiProperty() auditorName!: string;
  @ApiProperty({ format: 'uuid' }) plannedBy!: string;
  @ApiProperty() plannedByName!: string;
  @ApiProperty() plannedAt!: Date;
  @ApiProperty({ type: Date, nullable: true }) startedAt!: Date | null;
  @ApiProperty({ type: String, nullable: true }) summary!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) signatureId!: string | null;
  @ApiProperty({ type: Date, nullable: true }) signedAt!: Date | null;
  @ApiProperty({ type: Date, nullable: true }) remindedAt!: Date | null;
  @ApiProperty({ type: Date, nullable: true }) escalatedAt!: Date | null;
}

export class AuditItemDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) auditId!: string;
  @ApiProperty({ enum: AUDIT_CLAUSE_IDS }) clause!: string;
  @ApiProperty() clauseTitle!: string;
  @ApiProperty({ type: 'integer' }) position!: number;
  @ApiProperty({ enum: FINDING_KINDS, type: String, nullable: true }) finding!: string | null;
  @ApiProperty({ type: String, nullable: true }) note!: string | null;
  @ApiProperty({ type: [String] }) evidenceLinks!: string[];
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'The NC a minor or major finding raised' })
  nonconformityId!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'NC-0001' }) nonconformityNumber!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'The initiative an observation raised' })
  opportunityInitiativeId!: string | null;
  @ApiProperty({ type: Date, nullable: true }) recordedAt!: Date | null;
}

export class AuditDto extends AuditSummaryDto {
  @ApiProperty({ type: [AuditItemDto], description: 'The checklist, one item per clause (empty until started)' })
  items!: AuditItemDto[];
  @ApiProperty({ type: [SignatureDto] }) signatures!: SignatureDto[];
}

export class AuditClauseDto {
  @ApiProperty({ enum: AUDIT_CLAUSE_IDS }) id!: string;
  @ApiProperty() title!: string;
}
