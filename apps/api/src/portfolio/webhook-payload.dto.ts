import { ApiProperty } from '@nestjs/swagger';
import { DECISIONS, GATES, STAGES, STATUSES } from './portfolio-enums';

/** The OpenAPI schema of what a webhook subscriber receives (not a request or response of this API). */
export class WebhookStageStateDto {
  @ApiProperty({ enum: STAGES }) stage!: string;
  @ApiProperty({ enum: STATUSES }) status!: string;
}

export class StageChangedWebhookDataDto {
  @ApiProperty({ format: 'uuid' }) initiativeId!: string;
  @ApiProperty({ format: 'uuid' }) portfolioId!: string;
  @ApiProperty({
    enum: ['decision', 'hold_expired', 'handover_accepted', 'handover_rejected'],
    nullable: true,
    description: 'What changed the stage',
  })
  kind!: string | null;
  @ApiProperty({
    enum: DECISIONS,
    nullable: true,
    description:
      'The gate decision when kind is decision (go and conditional_go differ; recycle keeps the stage); else null',
  })
  decision!: string | null;
  @ApiProperty({
    enum: GATES,
    nullable: true,
    description: 'The gate decided, or for hold_expired the gate whose hold ran out; null for the handover verdicts',
  })
  gate!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The gate review, when a review decided' })
  reviewId!: string | null;
  @ApiProperty({ type: WebhookStageStateDto }) from!: WebhookStageStateDto;
  @ApiProperty({ type: WebhookStageStateDto }) to!: WebhookStageStateDto;
}

export class StageChangedWebhookDto {
  @ApiProperty({
    format: 'uuid',
    description: 'The event id: the same on every retry; receivers dedupe on it (also in x-ambidex-event-id)',
  })
  id!: string;
  @ApiProperty({ example: 'portfolio.stage-changed', description: 'Also in x-ambidex-event-type' }) type!: string;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;
  @ApiProperty({ type: StageChangedWebhookDataDto }) data!: StageChangedWebhookDataDto;
}
