import { actorOf, Principal } from '@ambidex/identity';
import { DeadLetterRetry, DeadLetters, DeadLetterView } from '@ambidex/platform';
import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Allow, CurrentPrincipal } from '../auth/access.decorators';
import { ApiProblems } from '../http/openapi.decorators';
import { uuidPipe } from '../http/uuid.pipe';

class DeadLetterDto {
  @ApiProperty({ format: 'uuid', description: 'The outbox event id' }) id!: string;
  @ApiProperty({ example: 'gates.handover-approved' }) eventType!: string;
  @ApiProperty({ example: 'gate_review' }) aggregateType!: string;
  @ApiProperty() aggregateId!: string;
  @ApiProperty({ description: 'Failed deliveries in all, BullMQ retries and sweeps together' }) failedAttempts!: number;
  @ApiProperty({ type: String, nullable: true, description: 'What the last failed delivery threw' }) lastError!:
    string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastFailedAt!: Date | null;
  @ApiProperty({
    type: String,
    format: 'date-time',
    description: 'When it reached OUTBOX_MAX_ATTEMPTS and was set aside',
  })
  deadAt!: Date;
}

class DeadLetterRetryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({
    enum: ['pending', 'delivered'],
    description: 'pending: queued for delivery again; delivered: it already was',
  })
  state!: 'pending' | 'delivered';
  @ApiProperty({ description: 'True when this call brought a dead letter back; false when there was nothing to retry' })
  requeued!: boolean;
}

/** Outbox events whose delivery kept failing (OUTBOX_MAX_ATTEMPTS), for admins to inspect and retry once the cause is fixed. */
@ApiTags('admin')
@Allow('admin')
@Controller('api/admin/dead-letters')
export class DeadLettersController {
  constructor(private readonly deadLetters: DeadLetters) {}

  @Get()
  @ApiOperation({ summary: 'Outbox events set aside after too many failed deliveries, newest first (at most 500)' })
  @ApiOkResponse({ type: [DeadLetterDto] })
  list(): Promise<DeadLetterView[]> {
    return this.deadLetters.list();
  }

  @Post(':id/retry')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Deliver a dead letter again',
    description:
      'Resets its failure count and queues it again (audited). Idempotent: an event that is not dead (already retried, ' +
      'or delivered) is left as it is and requeued is false.',
  })
  @ApiOkResponse({ type: DeadLetterRetryDto })
  @ApiProblems(404, 422)
  retry(@CurrentPrincipal() principal: Principal, @Param('id', uuidPipe()) id: string): Promise<DeadLetterRetry> {
    return this.deadLetters.retry(actorOf(principal), id);
  }
}
