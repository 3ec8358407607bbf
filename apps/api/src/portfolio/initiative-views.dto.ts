import { ApiProperty } from '@nestjs/swagger';
import {
  AMBITIONS,
  DECISIONS,
  DELIVERABLE_STATUSES,
  GATES,
  HORIZONS,
  INNOVATION_TYPES,
  ORIGIN_TYPES,
  STAGE_EVENT_KINDS,
  STAGES,
  STATUSES,
} from './portfolio-enums';

const nullableNumber = (description?: string) => ({
  type: Number,
  nullable: true,
  ...(description === undefined ? {} : { description }),
});
const nullableString = { type: String, nullable: true };

export class InitiativeSummaryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) portfolioId!: string;
  @ApiProperty({ format: 'uuid', description: 'The process model version it is pinned to' }) processModelId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ format: 'uuid' }) ownerId!: string;
  @ApiProperty({ enum: HORIZONS }) horizon!: string;
  @ApiProperty({ enum: AMBITIONS }) ambition!: string;
  @ApiProperty({ enum: INNOVATION_TYPES }) innovationType!: string;
  @ApiProperty({ enum: STAGES }) stage!: string;
  @ApiProperty({ enum: STATUSES }) status!: string;
  @ApiProperty({ type: Date, nullable: true }) holdUntil!: Date | null;
  @ApiProperty() stageEnteredAt!: Date;
  @ApiProperty(
    nullableNumber('Expected commercial value ((NPV × Pcs − C) × Pts) − D; null while an estimate is missing'),
  )
  ecv!: number | null;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;
  @ApiProperty({ description: 'Send it back when editing' }) version!: number;
}

/** A row of the initiative list, with its owner's name beside the id. */
export class InitiativeListItemDto extends InitiativeSummaryDto {
  @ApiProperty({ type: String, nullable: true, description: 'Display name of the owner' }) ownerName!: string | null;
}

export class InitiativePageDto {
  @ApiProperty({ type: [InitiativeListItemDto] }) items!: InitiativeListItemDto[];
  @ApiProperty({ ...nullableString, description: 'Pass as cursor for the next page; null on the last page' })
  nextCursor!: string | null;
}

export class DeliverableDto {
  @ApiProperty({ enum: GATES }) gate!: string;
  @ApiProperty() key!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: DELIVERABLE_STATUSES }) status!: string;
  @ApiProperty({ ...nullableString, description: 'What was delivered, or why it is not required' }) note!:
    string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) updatedBy!: string | null;
  @ApiProperty() updatedAt!: Date;
}

export class StageEventDto {
  @ApiProperty() seq!: number;
  @ApiProperty({ enum: STAGE_EVENT_KINDS }) kind!: string;
  @ApiProperty({ enum: STAGES, nullable: true }) fromStage!: string | null;
  @ApiProperty({ enum: STATUSES, nullable: true }) fromStatus!: string | null;
  @ApiProperty({ enum: STAGES }) toStage!: string;
  @ApiProperty({ enum: STATUSES }) toStatus!: string;
  @ApiProperty({ enum: GATES, nullable: true }) gate!: string | null;
  @ApiProperty({ enum: DECISIONS, nullable: true }) decision!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) reviewId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) actorId!: string | null;
  @ApiProperty() actorLabel!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Display name of the actor; null when the system acted' })
  actorName!: string | null;
  @ApiProperty(nullableString) reason!: string | null;
  @ApiProperty() occurredAt!: Date;
}

export class ProcessModelRefDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() key!: string;
  @ApiProperty({ type: 'integer' }) version!: number;
}

export class InitiativeOriginDto {
  @ApiProperty({ enum: ORIGIN_TYPES }) type!: string;
  @ApiProperty({ format: 'uuid', description: 'The record it came from (for a nonconformity, its id)' }) id!: string;
  @ApiProperty({ ...nullableString, example: 'NC-0007', description: 'The record’s own name' }) label!: string | null;
}

export class InitiativeDto extends InitiativeSummaryDto {
  @ApiProperty() problem!: string;
  @ApiProperty() valueHypothesis!: string;
  @ApiProperty(nullableString) strategicObjective!: string | null;
  @ApiProperty(nullableString) source!: string | null;
  @ApiProperty(nullableNumber('NPV')) npv!: number | null;
  @ApiProperty(nullableNumber('Pcs, 0–1')) probabilityCommercial!: number | null;
  @ApiProperty(nullableNumber('Pts, 0–1')) probabilityTechnical!: number | null;
  @ApiProperty(nullableNumber('C')) commercializationCost!: number | null;
  @ApiProperty(nullableNumber('D')) remainingDevelopmentCost!: number | null;
  @ApiProperty(nullableNumber()) costToDate!: number | null;
  @ApiProperty({
    type: InitiativeOriginDto,
    nullable: true,
    description: 'Where operations raised it from (ISO 56001 8.3.2), set at creation; null when captured directly',
  })
  origin!: InitiativeOriginDto | null;
  @ApiProperty({ type: ProcessModelRefDto }) processModel!: ProcessModelRefDto;
  @ApiProperty({ type: [DeliverableDto], description: 'Every gate’s deliverables, in the model’s order' })
  deliverables!: DeliverableDto[];
  @ApiProperty({ type: [StageEventDto], description: 'Every stage or status change, oldest first' })
  history!: StageEventDto[];
}

export class DuplicateDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) portfolioId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: STAGES }) stage!: string;
  @ApiProperty({ enum: STATUSES }) status!: string;
  @ApiProperty({ minimum: 0, maximum: 1, description: 'Trigram similarity of the closer of title and problem' })
  similarity!: number;
}

export class DuplicateCheckDto {
  @ApiProperty({ type: [DuplicateDto], description: 'Up to 5, closest first' }) candidates!: DuplicateDto[];
  @ApiProperty({ description: 'false when the search ran out of its time budget; candidates are then empty' })
  complete!: boolean;
}

export class StoredDuplicateCheckDto {
  @ApiProperty({
    enum: ['pending', 'complete', 'incomplete', 'unchecked'],
    description:
      'pending until the check has run: at create, or soon after in the background; incomplete when even the background ' +
      'search ran out of its budget (candidates empty); unchecked for initiatives created before checks were kept, or ' +
      'whose check could not run for a week',
  })
  status!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) checkedAt!: Date | null;
  @ApiProperty({
    type: [DuplicateDto],
    description: 'Up to 5, closest first, as they were when the check ran; empty while pending',
  })
  candidates!: DuplicateDto[];
}

export class CreatedInitiativeDto extends InitiativeDto {
  @ApiProperty({
    type: [DuplicateDto],
    description: 'Up to 5 existing initiatives with a similar title or problem (similarity ≥ 0.3), closest first',
  })
  possibleDuplicates!: DuplicateDto[];
  @ApiProperty({
    description:
      'false when the duplicate search ran out of its time budget (DUPLICATE_CHECK_BUDGET_MS, 1 s by default): a background check ' +
      'then finishes it, stores the result at GET /api/initiatives/{id}/duplicates and tells the owner in the inbox when it finds any',
  })
  duplicateCheckComplete!: boolean;
}

export class HandoverPackageLinkDto {
  @ApiProperty({ format: 'uuid', description: 'GET /api/handover-packages/{id}' }) id!: string;
  @ApiProperty({ enum: ['draft', 'submitted', 'accepted', 'accepted_with_conditions', 'rejected'] }) status!: string;
}

export interface InitiativeLinks {
  ownerName: string | null;
  handoverPackage: { id: string; status: string } | null;
}

/** One initiative with the owner's name and a link to its handover package. */
export class InitiativeDetailDto extends InitiativeDto {
  @ApiProperty({ type: String, nullable: true, description: 'Display name of the owner' }) ownerName!: string | null;
  @ApiProperty({
    type: HandoverPackageLinkDto,
    nullable: true,
    description: 'The live handover package, else the last rejected one; null before the G3 Go',
  })
  handoverPackage!: HandoverPackageLinkDto | null;
}
