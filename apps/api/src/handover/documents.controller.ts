import { documentPdf } from '@ambidex/handover';
import { Principal } from '@ambidex/identity';
import { ChangeRequests, DocumentDrafts, DocumentQueries, RevisionApprovals, Training } from '@ambidex/qms';
import { Body, Controller, Get, Header, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { Allow, Authenticated, CurrentPrincipal } from '../auth/access.decorators';
import { ApiProblems } from '../http/openapi.decorators';
import { uuidPipe } from '../http/uuid.pipe';
import {
  ChangeDecisionDto,
  ChangeRequestDto,
  DocumentListQueryDto,
  IdDto,
  RevisionApprovalDto,
  RevisionPatchDto,
  RouteRevisionDto,
} from './handover.dto';
import { DocumentDto, DocumentSummaryDto, RevisionWithDocumentDto, TrainingDto } from './views.dto';

/** Controlled documents (ISO 9001 7.5), their approval, change control and training. */
@ApiTags('controlled documents')
@Controller('api')
export class DocumentsController {
  constructor(
    private readonly queries: DocumentQueries,
    private readonly drafts: DocumentDrafts,
    private readonly approvals: RevisionApprovals,
    private readonly changes: ChangeRequests,
    private readonly training: Training,
  ) {}

  @Get('documents')
  @Authenticated()
  @ApiOperation({
    summary: 'Controlled documents, by originating initiative, review flag or periodic review due',
    description: 'Drafts withdrawn with a rejected handover package are left out (they stay readable by id).',
  })
  @ApiOkResponse({ type: [DocumentSummaryDto] })
  @ApiProblems(422)
  list(@Query() query: DocumentListQueryDto): Promise<DocumentSummaryDto[]> {
    return this.queries.list({
      ...(query.initiativeId === undefined ? {} : { initiativeId: query.initiativeId }),
      ...(query.flagged === undefined ? {} : { flagged: query.flagged === 'true' }),
      ...(query.reviewDue === undefined ? {} : { reviewDue: query.reviewDue === 'true' }),
    });
  }

  @Get('documents/:id')
  @Authenticated()
  @ApiOperation({
    summary: 'A controlled document: every revision (superseded ones stay readable), approvals, signatures',
  })
  @ApiOkResponse({ type: DocumentDto })
  @ApiProblems(404, 422)
  get(@Param('id', uuidPipe()) id: string): Promise<DocumentDto> {
    return this.queries.get(id);
  }

  @Get('documents/:id/export.pdf')
  @Authenticated()
  @Header('content-type', 'application/pdf')
  @ApiProduces('application/pdf')
  @ApiOperation({
    summary: 'The document as PDF with number, revision, status, approvals and signature manifestations',
  })
  @ApiOkResponse({ description: 'PDF', schema: { type: 'string', format: 'binary' } })
  @ApiProblems(404, 422)
  async pdf(@Param('id', uuidPipe()) id: string, @Res() reply: FastifyReply): Promise<void> {
    const doc = await this.queries.get(id);
    await reply
      .header('content-disposition', `inline; filename="${doc.number ?? id}.pdf"`)
      .send(await documentPdf(doc));
  }

  @Get('revisions/:id')
  @Authenticated()
  @ApiOperation({
    summary: 'A revision, as it reads in its document, with the document id, number and title',
    description: 'Resolves links to a revision (inbox items, training assignments).',
  })
  @ApiOkResponse({ type: RevisionWithDocumentDto })
  @ApiProblems(404, 422)
  getRevision(@Param('id', uuidPipe()) id: string): Promise<RevisionWithDocumentDto> {
    return this.queries.revision(id);
  }

  @Patch('revisions/:id')
  @Allow('innovation_lead', 'quality_head')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Edit a draft revision',
    description: 'Approved and later revisions never change (the database refuses it too).',
  })
  @ApiOkResponse({
    type: RevisionWithDocumentDto,
    description: 'Edited; the revision as GET /api/revisions/{id} answers it',
  })
  @ApiProblems(400, 404, 409, 422)
  async edit(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuidPipe()) id: string,
    @Body() body: RevisionPatchDto,
  ): Promise<RevisionWithDocumentDto> {
    await this.drafts.edit(principal, id, body);
    return this.queries.revision(id);
  }

  @Post('revisions/:id/review')
  @Allow('innovation_lead', 'quality_head')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send a draft revision to review, routed to named approvers with a deadline' })
  @ApiOkResponse({
    type: RevisionWithDocumentDto,
    description: 'In review; the revision as GET /api/revisions/{id} answers it',
  })
  @ApiProblems(400, 404, 409, 422)
  async route(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuidPipe()) id: string,
    @Body() body: RouteRevisionDto,
  ): Promise<RevisionWithDocumentDto> {
    await this.drafts.resubmit(principal, id, body.approverIds, new Date(body.dueAt));
    return this.queries.revision(id);
  }

  @Post('revisions/:id/approval')
  @Allow('quality_head')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Approve (signed) or send back a revision routed to you',
    description:
      'Re-authenticates with your password (a wrong one answers 422 QMS.SIGNING_PASSWORD_WRONG); the signature covers the exact content.',
  })
  @ApiOkResponse({
    type: RevisionWithDocumentDto,
    description: 'The revision as GET /api/revisions/{id} answers it; its state is the state after the decision',
  })
  @ApiProblems(400, 401, 403, 404, 409, 422, 429)
  async approve(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuidPipe()) id: string,
    @Body() body: RevisionApprovalDto,
  ): Promise<RevisionWithDocumentDto> {
    await this.approvals.decide(principal, id, {
      password: body.password,
      decision: body.decision,
      comment: body.comment ?? null,
      effectiveFrom: body.effectiveFrom === undefined ? null : new Date(body.effectiveFrom),
    });
    return this.queries.revision(id);
  }

  @Post('documents/:id/change-requests')
  @Allow('innovation_lead', 'quality_head')
  @ApiOperation({
    summary: 'Raise a change request against the effective revision (reason, impact, proposed content, diff)',
  })
  @ApiCreatedResponse({ type: IdDto })
  @ApiProblems(400, 404, 409, 422)
  async raise(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuidPipe()) id: string,
    @Body() body: ChangeRequestDto,
  ): Promise<IdDto> {
    return { id: await this.changes.raise(principal, id, body) };
  }

  @Post('change-requests/:id/decision')
  @Allow('quality_head')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Approve (signed) or reject a change request; approval makes the next revision',
    description: 'Re-authenticates with your password; a wrong one answers 422 QMS.SIGNING_PASSWORD_WRONG.',
  })
  @ApiOkResponse({
    type: DocumentDto,
    description:
      'The document as GET /api/documents/{id} answers it: the change request is among its changeRequests with its status and newRevisionId, the new revision among its revisions',
  })
  @ApiProblems(400, 401, 404, 409, 422, 429)
  async decideChange(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuidPipe()) id: string,
    @Body() body: ChangeDecisionDto,
  ): Promise<DocumentDto> {
    const { documentId } = await this.changes.decide(principal, id, {
      password: body.password,
      approve: body.approve,
      comment: body.comment ?? null,
      effectiveFrom: body.effectiveFrom === undefined ? null : new Date(body.effectiveFrom),
    });
    return this.queries.get(documentId);
  }

  @Get('me/training')
  @Authenticated()
  @ApiOperation({ summary: 'My training assignments' })
  @ApiOkResponse({ type: [TrainingDto] })
  mine(@CurrentPrincipal() principal: Principal): Promise<TrainingDto[]> {
    return this.training.mine(principal.userId);
  }

  @Post('training/:id/acknowledge')
  @Authenticated()
  @HttpCode(200)
  @ApiOperation({ summary: 'Acknowledge that I read and understood an effective revision' })
  @ApiOkResponse({ type: TrainingDto, description: 'Acknowledged; the assignment as GET /api/me/training lists it' })
  @ApiProblems(404, 422)
  async acknowledge(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuidPipe()) id: string,
  ): Promise<TrainingDto> {
    await this.training.acknowledge(principal, id);
    return this.training.one(principal.userId, id);
  }
}
