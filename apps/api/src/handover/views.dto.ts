import { DOCUMENT_TYPES } from '@ambidex/qms';
import { ApiProperty } from '@nestjs/swagger';
import { InitiativeOriginDto } from '../portfolio/initiative-views.dto';
import { PeriodicReviewDto, REVIEW_STATE_DESCRIPTION, REVIEW_STATES } from './periodic-review.dto';
import { SignatureDto } from './signature.dto';

export { SignatureDto };

export class ApprovalDto {
  @ApiProperty({ format: 'uuid' }) approverId!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Display name of the approver' }) approverName!:
    string | null;
  @ApiProperty() dueAt!: Date;
  @ApiProperty({ type: String, nullable: true, enum: ['approved', 'rejected'] }) decision!: string | null;
  @ApiProperty({ type: Date, nullable: true }) decidedAt!: Date | null;
  @ApiProperty({ type: String, nullable: true }) comment!: string | null;
}

export class TrainingCountDto {
  @ApiProperty() assigned!: number;
  @ApiProperty() acknowledged!: number;
}

export class RevisionDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() revision!: number;
  @ApiProperty({ enum: ['draft', 'in_review', 'approved', 'effective', 'superseded', 'obsolete'] }) state!: string;
  @ApiProperty() title!: string;
  @ApiProperty() body!: string;
  @ApiProperty({ type: Date, nullable: true }) effectiveFrom!: Date | null;
  @ApiProperty({ type: Date, nullable: true }) effectiveAt!: Date | null;
  @ApiProperty({ type: Date, nullable: true }) approvedAt!: Date | null;
  @ApiProperty({ type: Date, nullable: true }) endedAt!: Date | null;
  @ApiProperty({ type: [ApprovalDto] }) approvals!: ApprovalDto[];
  @ApiProperty({ type: [SignatureDto] }) signatures!: SignatureDto[];
  @ApiProperty({ type: TrainingCountDto }) training!: TrainingCountDto;
}

export class RevisionWithDocumentDto extends RevisionDto {
  @ApiProperty({
    format: 'uuid',
    description: 'The document this revision belongs to (GET /api/documents/{documentId})',
  })
  documentId!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'SOP-0007',
    description: 'null until the document is numbered',
  })
  documentNumber!: string | null;
  @ApiProperty() documentTitle!: string;
}

export class ChangeRequestViewDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['open', 'approved', 'rejected'] }) status!: string;
  @ApiProperty() reason!: string;
  @ApiProperty() impact!: string;
  @ApiProperty({ description: "Line diff against the effective revision: '+ ' added, '- ' removed" }) diff!: string;
  @ApiProperty() requestedAt!: Date;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) newRevisionId!: string | null;
}

export class DocumentDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, nullable: true, example: 'SOP-0007' }) number!: string | null;
  @ApiProperty({ enum: ['procedure', 'work_instruction', 'specification', 'control_plan'] }) documentType!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ format: 'uuid' }) ownerId!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Display name of the owner' }) ownerName!: string | null;
  @ApiProperty({
    enum: ['draft_in_package', 'controlled', 'obsolete', 'withdrawn'],
    description: 'withdrawn: a draft of a rejected handover package',
  })
  status!: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) originInitiativeId!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) packageId!: string | null;
  @ApiProperty() retentionYears!: number;
  @ApiProperty({ type: [String] }) trainingRoles!: string[];
  @ApiProperty({ type: Date, nullable: true }) reviewFlaggedAt!: Date | null;
  @ApiProperty({ type: String, nullable: true }) reviewFlagReason!: string | null;
  @ApiProperty({ type: [String] }) citedAssumptionIds!: string[];
  @ApiProperty({ type: [RevisionDto] }) revisions!: RevisionDto[];
  @ApiProperty({ type: [ChangeRequestViewDto] }) changeRequests!: ChangeRequestViewDto[];
  @ApiProperty({ type: PeriodicReviewDto }) periodicReview!: PeriodicReviewDto;
}

export class DocumentSummaryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, nullable: true }) number!: string | null;
  @ApiProperty({ enum: DOCUMENT_TYPES }) documentType!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ format: 'uuid' }) ownerId!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Display name of the owner' }) ownerName!: string | null;
  @ApiProperty({ enum: ['draft_in_package', 'controlled', 'obsolete', 'withdrawn'] }) status!: string;
  @ApiProperty({ type: Number, nullable: true }) effectiveRevision!: number | null;
  @ApiProperty({ type: Date, nullable: true }) reviewFlaggedAt!: Date | null;
  @ApiProperty({
    type: String,
    nullable: true,
    format: 'uuid',
    description: 'The handover package the document was drafted in',
  })
  packageId!: string | null;
  @ApiProperty({
    type: Date,
    nullable: true,
    description: 'When the effective revision is next due for its periodic review',
  })
  reviewDueAt!: Date | null;
  @ApiProperty({ enum: REVIEW_STATES, description: REVIEW_STATE_DESCRIPTION }) reviewState!: string;
}

export class RequirementDto {
  @ApiProperty() key!: string;
  @ApiProperty() text!: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) assumptionId!: string | null;
  @ApiProperty({ type: [String] }) experimentIds!: string[];
  @ApiProperty({ type: [String] }) learningIds!: string[];
}

export class ChecklistItemDto {
  @ApiProperty() key!: string;
  @ApiProperty() text!: string;
  @ApiProperty() done!: boolean;
  @ApiProperty() detail!: string;
}

export class ActionDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() text!: string;
  @ApiProperty({ format: 'uuid' }) ownerId!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Display name of the owner' }) ownerName!: string | null;
  @ApiProperty() dueAt!: Date;
  @ApiProperty({ type: Date, nullable: true }) doneAt!: Date | null;
  @ApiProperty({ type: String, nullable: true, description: 'The note given when the action was marked done' })
  doneNote!: string | null;
  @ApiProperty({ type: Date, nullable: true }) escalatedAt!: Date | null;
}

export class ProductOwnerDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
}

export class ProductDefinitionDto {
  @ApiProperty() title!: string;
  @ApiProperty() problem!: string;
  @ApiProperty({ type: String, nullable: true }) valueHypothesis!: string | null;
  @ApiProperty({ type: String, nullable: true }) horizon!: string | null;
  @ApiProperty({ type: String, nullable: true }) ambition!: string | null;
  @ApiProperty({ type: String, nullable: true }) innovationType!: string | null;
  @ApiProperty({ type: String, nullable: true }) strategicObjective!: string | null;
  @ApiProperty({ type: ProductOwnerDto }) owner!: ProductOwnerDto;
}

export class PackageRiskDto {
  @ApiProperty() key!: string;
  @ApiProperty() text!: string;
  @ApiProperty({ format: 'uuid' }) assumptionId!: string;
  @ApiProperty({ enum: ['untested', 'validated', 'invalidated', 'inconclusive'] }) status!: string;
  @ApiProperty({ type: String, nullable: true, description: 'null until one is defined' }) control!: string | null;
}

export class ProcessKpiDto {
  @ApiProperty() name!: string;
  @ApiProperty({ type: Number, nullable: true, description: 'null until measured' }) baseline!: number | null;
  @ApiProperty() unit!: string;
}

export class ProcessRecordDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ format: 'uuid' }) ownerId!: string;
  @ApiProperty({ type: [String] }) inputs!: string[];
  @ApiProperty({ type: [String] }) outputs!: string[];
  @ApiProperty({ type: [String] }) resources!: string[];
  @ApiProperty({ type: [ProcessKpiDto], description: 'KPIs with their baselines' }) kpis!: ProcessKpiDto[];
  @ApiProperty({ type: [PackageRiskDto], description: "The package's risks with the controls set while preparing it" })
  risksAndControls!: PackageRiskDto[];
  @ApiProperty({ enum: ['draft', 'controlled'] }) status!: 'draft' | 'controlled';
  @ApiProperty() createdAt!: Date;
  @ApiProperty({ type: Date, nullable: true }) controlledAt!: Date | null;
}

export class PackageDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) initiativeId!: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) reviewId!: string | null;
  @ApiProperty({ enum: ['draft', 'submitted', 'accepted', 'accepted_with_conditions', 'rejected'] }) status!: string;
  @ApiProperty({ type: ProductDefinitionDto }) productDefinition!: ProductDefinitionDto;
  @ApiProperty({ type: [RequirementDto] }) requirements!: RequirementDto[];
  @ApiProperty({ type: [PackageRiskDto], description: 'Open and invalidated assumptions with their controls' })
  risks!: PackageRiskDto[];
  @ApiProperty({ type: [ChecklistItemDto] }) checklist!: ChecklistItemDto[];
  @ApiProperty({ type: [String] }) trainingRoles!: string[];
  @ApiProperty({
    type: ProcessRecordDto,
    nullable: true,
    description: 'Draft process record: inputs, outputs, owner, resources, KPIs with baselines, risks and controls',
  })
  processRecord!: ProcessRecordDto | null;
  @ApiProperty({ type: [DocumentDto] }) documents!: DocumentDto[];
  @ApiProperty({ type: [ActionDto] }) actions!: ActionDto[];
  @ApiProperty({ type: [SignatureDto] }) signatures!: SignatureDto[];
  @ApiProperty({
    description:
      'SHA-256 (hex) of exactly what a signature made now would sign (authored on submit, accepted or rejected on decision); a signature whose contentHash differs is void',
    pattern: '^[0-9a-f]{64}$',
  })
  contentHash!: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) submittedById!: string | null;
  @ApiProperty({ type: String, nullable: true }) submittedByName!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    format: 'uuid',
    description: 'The quality head who accepted or rejected',
  })
  decidedById!: string | null;
  @ApiProperty({ type: String, nullable: true }) decidedByName!: string | null;
  @ApiProperty({ type: Date, nullable: true }) decidedAt!: Date | null;
  @ApiProperty({ type: String, nullable: true }) decisionReason!: string | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Hours (two decimals) from the G3 decision until every record was effective and its training done',
  })
  timeToControlledHours!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'The same in whole seconds' })
  timeToControlledSeconds!: number | null;
}

export class PackageSummaryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() status!: string;
  @ApiProperty() createdAt!: Date;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'The G3 review whose Go assembled it' })
  reviewId!: string | null;
  @ApiProperty({ type: Date, nullable: true }) decidedAt!: Date | null;
}

class TraceDocumentDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, nullable: true }) number!: string | null;
  @ApiProperty({ type: Number, nullable: true }) effectiveRevision!: number | null;
  @ApiProperty() flaggedForReview!: boolean;
}

class TraceRequirementDto {
  @ApiProperty() key!: string;
  @ApiProperty() text!: string;
}

class TraceAssumptionDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() statement!: string;
  @ApiProperty({ enum: ['untested', 'validated', 'invalidated', 'inconclusive'] }) status!: string;
}

class TraceExperimentDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() metric!: string;
  @ApiProperty({ enum: ['validated', 'invalidated', 'inconclusive', null], nullable: true }) result!: string | null;
}

class TraceLearningDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() belief!: string;
}

export class TraceChainDto {
  @ApiProperty({ type: TraceRequirementDto }) requirement!: TraceRequirementDto;
  @ApiProperty({ type: TraceAssumptionDto, nullable: true }) assumption!: TraceAssumptionDto | null;
  @ApiProperty({ type: [TraceExperimentDto] }) experiments!: TraceExperimentDto[];
  @ApiProperty({ type: [TraceLearningDto] }) learnings!: TraceLearningDto[];
  @ApiProperty({ type: [TraceDocumentDto] }) documents!: TraceDocumentDto[];
  @ApiProperty({ type: TrainingCountDto }) training!: TrainingCountDto;
}

export class TraceGapDto {
  @ApiProperty({
    enum: [
      'requirement_without_evidence',
      'document_without_source',
      'training_not_done',
      'document_not_effective',
      'document_flagged',
    ],
  })
  kind!: string;
  @ApiProperty() subject!: string;
  @ApiProperty() detail!: string;
}

export class TraceDto {
  @ApiProperty({
    type: InitiativeOriginDto,
    nullable: true,
    description:
      'Where operations raised the initiative from, at the start of every chain; null when captured directly',
  })
  origin!: InitiativeOriginDto | null;
  @ApiProperty({ type: [TraceChainDto] }) chains!: TraceChainDto[];
  @ApiProperty({ type: [TraceGapDto] }) gaps!: TraceGapDto[];
}

export class TrainingDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) revisionId!: string;
  @ApiProperty({ type: String, nullable: true }) documentNumber!: string | null;
  @ApiProperty() revision!: number;
  @ApiProperty() title!: string;
  @ApiProperty() assignedAt!: Date;
  @ApiProperty({ type: Date, nullable: true }) acknowledgedAt!: Date | null;
}

export class NumberingSchemeDto {
  @ApiProperty({ enum: DOCUMENT_TYPES }) documentType!: string;
  @ApiProperty({ example: 'SOP' }) prefix!: string;
  @ApiProperty({ example: 4, description: 'Digits of the sequence, zero-padded' }) padding!: number;
  @ApiProperty({ example: 7, description: 'The sequence the next document of this type gets' }) nextValue!: number;
  @ApiProperty({ example: 'SOP-0007' }) nextNumber!: string;
}
