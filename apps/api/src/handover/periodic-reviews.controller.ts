import { actorOf, Principal } from '@ambidex/identity';
import {
  DOCUMENT_TYPES,
  DocumentQueries,
  DocumentType,
  PeriodicReviewInput,
  PeriodicReviews,
  ReviewIntervals,
} from '@ambidex/qms';
import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Allow, CurrentPrincipal } from '../auth/access.decorators';
import { RequestValidationError } from '../errors/request-validation';
import { ApiProblems } from '../http/openapi.decorators';
import { uuidPipe } from '../http/uuid.pipe';
import { documentTypePipe } from './numbering-schemes.controller';
import { RecordReviewDto, ReviewIntervalDto, ReviewIntervalPatchDto } from './periodic-review.dto';
import { DocumentDto } from './views.dto';

/** Periodic review of controlled documents (ISO 9001 7.5.2/7.5.3): intervals per type, reviews recorded. */
@ApiTags('controlled documents')
@Controller('api')
export class PeriodicReviewsController {
  constructor(
    private readonly reviews: PeriodicReviews,
    private readonly intervals: ReviewIntervals,
    private readonly queries: DocumentQueries,
  ) {}

  @Post('documents/:id/reviews')
  @Allow('innovation_lead', 'quality_head')
  @ApiOperation({
    summary:
      'Record the periodic review of a document: still valid (signed) or change needed (raises a change request)',
    description:
      'By the document’s owner or a quality head. still_valid re-authenticates with your password (a wrong one ' +
      'answers 422 QMS.SIGNING_PASSWORD_WRONG) and sets the next due date; change_needed raises a change request ' +
      'with reason, impact and the proposed content. A review already recorded for dueAt answers 409.',
  })
  @ApiCreatedResponse({
    type: DocumentDto,
    description: 'The document as GET /api/documents/{id} answers it, the review first in periodicReview.reviews',
  })
  @ApiProblems(400, 401, 403, 404, 409, 422, 429)
  async record(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuidPipe()) id: string,
    @Body() body: RecordReviewDto,
  ): Promise<DocumentDto> {
    await this.reviews.record(principal, id, reviewInput(body));
    return this.queries.get(id);
  }

  @Get('document-review-intervals')
  @Allow('admin', 'quality_head')
  @ApiOperation({ summary: 'The periodic review interval of each controlled document type, in months' })
  @ApiOkResponse({ type: [ReviewIntervalDto] })
  listIntervals(): Promise<ReviewIntervalDto[]> {
    return this.intervals.list();
  }

  @Patch('document-review-intervals/:documentType')
  @Allow('admin', 'quality_head')
  @ApiParam({ name: 'documentType', enum: DOCUMENT_TYPES })
  @ApiOperation({
    summary: 'Change the review interval of a document type',
    description: 'Applies from the next effective revision or recorded review; due dates already set stay.',
  })
  @ApiOkResponse({ type: ReviewIntervalDto })
  @ApiProblems(400, 404, 422)
  updateInterval(
    @CurrentPrincipal() principal: Principal,
    @Param('documentType', documentTypePipe) documentType: string,
    @Body() body: ReviewIntervalPatchDto,
  ): Promise<ReviewIntervalDto> {
    return this.intervals.update(actorOf(principal), documentType as DocumentType, body.intervalMonths);
  }
}

/** The fields each outcome needs: a password to sign "still valid", the change request's content for "change needed". */
function reviewInput(body: RecordReviewDto): PeriodicReviewInput {
  const base = { dueAt: new Date(body.dueAt), comment: body.comment ?? null };
  if (body.outcome === 'still_valid') {
    if (body.password === undefined)
      throw new RequestValidationError([
        { field: 'password', reason: 'sign with your password: the review is still valid' },
      ]);
    return { ...base, outcome: 'still_valid', password: body.password };
  }
  const missing = (['reason', 'impact', 'proposedTitle', 'proposedBody'] as const).filter((f) => body[f] === undefined);
  if (missing.length > 0)
    throw new RequestValidationError(
      missing.map((field) => ({ field, reason: 'a change needed raises a change request: give it' })),
    );
  return {
    ...base,
    outcome: 'change_needed',
    change: {
      reason: body.reason ?? '',
      impact: body.impact ?? '',
      proposedTitle: body.proposedTitle ?? '',
      proposedBody: body.proposedBody ?? '',
    },
  };
}
