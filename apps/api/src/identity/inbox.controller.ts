import { InboxService, Principal } from '@ambidex/identity';
import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { Authenticated, CurrentPrincipal } from '../auth/access.decorators';
import { ApiProblems } from '../http/openapi.decorators';
import { uuidPipe } from '../http/uuid.pipe';

class InboxItemDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({
    example: 'score_review',
    description:
      'score_review, review_reminder, decide_review, review_overdue, review_not_ready, hold_expired, possible_duplicates, ' +
      'handover_to_accept, handover_action, handover_action_overdue, approve_revision, document_review_flagged, document_review_due, document_review_overdue, training, ' +
      'handover_package_assembled, handover_package_accepted, handover_package_accepted_with_conditions, handover_package_rejected (subject: the package)',
  })
  kind!: string;
  @ApiProperty({ example: 'gate_review' }) subjectType!: string;
  @ApiProperty({ format: 'uuid' }) subjectId!: string;
  @ApiProperty() title!: string;
  @ApiProperty() createdAt!: Date;
  @ApiProperty({ type: Date, nullable: true }) doneAt!: Date | null;
}

class InboxQueryDto {
  @ApiPropertyOptional({ description: 'Include items already done' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  all?: boolean;
}

@ApiTags('inbox')
@Authenticated()
@Controller('api/me/inbox')
export class InboxController {
  constructor(private readonly inbox: InboxService) {}

  @Get()
  @ApiOperation({ summary: 'What waits for me: reviews to score, decisions to take, overdue reviews' })
  @ApiOkResponse({ type: [InboxItemDto] })
  @ApiProblems(422)
  list(@CurrentPrincipal() principal: Principal, @Query() query: InboxQueryDto): Promise<InboxItemDto[]> {
    return this.inbox.list(principal.userId, query.all === true);
  }

  @Post(':id/done')
  @HttpCode(200)
  @ApiOperation({ summary: 'Dismiss an inbox item' })
  @ApiOkResponse({ type: InboxItemDto, description: 'Done; the item as GET /api/me/inbox?all=true lists it' })
  @ApiProblems(404, 422)
  async done(@CurrentPrincipal() principal: Principal, @Param('id', uuidPipe()) id: string): Promise<InboxItemDto> {
    await this.inbox.markDone(principal.userId, id);
    return this.inbox.one(principal.userId, id);
  }
}
