import { REVIEW_CLAUSES, REVIEW_STATUSES } from '@ambidex/management-review';
import { ApiProperty } from '@nestjs/swagger';
import { SignatureDto } from '../handover/signature.dto';

const CLAUSE_IDS = REVIEW_CLAUSES.map((c) => c.id);

export class ManagementReviewSummaryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'MR-0001' }) number!: string;
  @ApiProperty({ enum: REVIEW_STATUSES }) status!: string;
  @ApiProperty({ format: 'date' }) meetingOn!: string;
  @ApiProperty({ format: 'date' }) periodFrom!: string;
  @ApiProperty({ format: 'date', description: 'Inclusive' }) periodTo!: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) portfolioId!: string | null;
  @ApiProperty({ type: String, nullable: true }) ambition!: string | null;
  @ApiProperty({ type: String, nullable: true }) horizon!: string | null;
  @ApiProperty({ type: String, nullable: true }) contextChanges!: string | null;
  @ApiProperty({ type: [String] }) decisions!: string[];
  @ApiProperty({ type: String, nullable: true, description: 'SHA-256 of the stored pack’s canonical JSON' })
  packSha256!: string | null;
  @ApiProperty({ type: 'integer' }) packRound!: number;
  @ApiProperty({ type: 'integer', nullable: true }) packAssembledRound!: number | null;
  @ApiProperty({ type: Date, nullable: true }) packAssembledAt!: Date | null;
  @ApiProperty({ description: 'The pack of the latest round is stored (false while its job runs)' })
  packReady!: boolean;
  @ApiProperty({ format: 'uuid' }) scheduledBy!: string;
  @ApiProperty() scheduledByName!: string;
  @ApiProperty() scheduledAt!: Date;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) signatureId!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) signedBy!: string | null;
  @ApiProperty({ type: Date, nullable: true }) signedAt!: Date | null;
}

export class PackSectionDto {
  @ApiProperty() key!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: CLAUSE_IDS, isArray: true, description: 'The clauses asking for it; the first one leads' })
  clauses!: string[];
  @ApiProperty({ description: 'Where the figures come from' }) source!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The figures, plain JSON' })
  figures!: Record<string, unknown>;
}

export class PackClauseDto {
  @ApiProperty({ enum: CLAUSE_IDS }) clause!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ type: [PackSectionDto] }) sections!: PackSectionDto[];
}

class PackPeriodDto {
  @ApiProperty({ format: 'date' }) from!: string;
  @ApiProperty({ format: 'date' }) to!: string;
}

class PackScopeDto {
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) portfolioId!: string | null;
  @ApiProperty({ type: String, nullable: true }) ambition!: string | null;
  @ApiProperty({ type: String, nullable: true }) horizon!: string | null;
}

export class ManagementReviewPackDto {
  @ApiProperty({ type: PackPeriodDto }) period!: PackPeriodDto;
  @ApiProperty({ type: PackScopeDto }) scope!: PackScopeDto;
  @ApiProperty({ format: 'date-time' }) assembledAt!: string;
  @ApiProperty({ type: [PackClauseDto] }) clauses!: PackClauseDto[];
}

export class ReviewActionDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) reviewId!: string;
  @ApiProperty() text!: string;
  @ApiProperty({ format: 'uuid' }) ownerId!: string;
  @ApiProperty() ownerName!: string;
  @ApiProperty() dueAt!: Date;
  @ApiProperty() createdAt!: Date;
  @ApiProperty({ type: Date, nullable: true }) doneAt!: Date | null;
  @ApiProperty({ type: String, nullable: true }) doneNote!: string | null;
  @ApiProperty({ type: Date, nullable: true }) escalatedToOwnerAt!: Date | null;
  @ApiProperty({ type: Date, nullable: true }) escalatedToLeadershipAt!: Date | null;
  @ApiProperty() overdue!: boolean;
}

export class MyReviewActionDto extends ReviewActionDto {
  @ApiProperty({ example: 'MR-0001' }) reviewNumber!: string;
  @ApiProperty({ format: 'date' }) reviewMeetingOn!: string;
}

export class ReviewOpportunityDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) reviewId!: string;
  @ApiProperty({ format: 'uuid' }) initiativeId!: string;
  @ApiProperty({ format: 'uuid' }) portfolioId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ format: 'uuid' }) raisedBy!: string;
  @ApiProperty() raisedAt!: Date;
}

export class ManagementReviewDto extends ManagementReviewSummaryDto {
  @ApiProperty({ type: ManagementReviewPackDto, nullable: true, description: 'Null until the first pack is stored' })
  pack!: ManagementReviewPackDto | null;
  @ApiProperty({ type: [ReviewActionDto] }) actions!: ReviewActionDto[];
  @ApiProperty({ type: [ReviewOpportunityDto] }) opportunities!: ReviewOpportunityDto[];
  @ApiProperty({ type: [SignatureDto] }) signatures!: SignatureDto[];
}
