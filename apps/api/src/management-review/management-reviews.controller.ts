import { Principal } from '@ambidex/identity';
import {
  ManagementReviewQueries,
  PackAssembly,
  ReviewActions,
  ReviewOpportunities,
  ReviewOutputs,
  ScheduleManagementReview,
  SignManagementReview,
} from '@ambidex/management-review';
import { Body, Controller, Get, Header, HttpCode, Param, Post, Put, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { Allow, Authenticated, CurrentPrincipal } from '../auth/access.decorators';
import { PasswordDto } from '../handover/handover.dto';
import { ApiProblems } from '../http/openapi.decorators';
import { uuidPipe } from '../http/uuid.pipe';
import { NcOpportunityDto, opportunityInput } from '../portfolio/opportunity.dto';
import {
  NewReviewActionDto,
  ReviewActionDoneDto,
  ReviewNotesDto,
  ScheduleManagementReviewDto,
} from './management-review.dto';
import { ManagementReviewDto, ManagementReviewSummaryDto, MyReviewActionDto } from './management-review-views.dto';

const READERS = 'Leadership, quality heads and auditors read reviews (403 for everyone else).';

/**
 * Management reviews (ISO 9001 9.3, ISO 56001 9.3): leadership schedules, records the outputs and signs; quality
 * heads and auditors read; an action's owner, whatever their role, sees and completes their own actions.
 */
@ApiTags('management-reviews')
@Controller('api')
export class ManagementReviewsController {
  constructor(
    private readonly queries: ManagementReviewQueries,
    private readonly scheduling: ScheduleManagementReview,
    private readonly packs: PackAssembly,
    private readonly outputs: ReviewOutputs,
    private readonly actions: ReviewActions,
    private readonly opportunities: ReviewOpportunities,
    private readonly signing: SignManagementReview,
  ) {}

  @Get('management-reviews')
  @Allow('leadership', 'quality_head', 'auditor')
  @ApiOperation({ summary: 'Management reviews, the latest meeting first', description: READERS })
  @ApiOkResponse({ type: [ManagementReviewSummaryDto] })
  list(): Promise<ManagementReviewSummaryDto[]> {
    return this.queries.list();
  }

  @Post('management-reviews')
  @Allow('leadership')
  @ApiOperation({
    summary: 'Schedule a management review (numbered MR-0001 onwards); a job assembles its pack',
    description:
      'The period is read as the dashboards read from and to (to inclusive); the portfolio scope and the ambition and ' +
      'horizon filters are the dashboards’ too. The pack is ready when packReady is true.',
  })
  @ApiCreatedResponse({ type: ManagementReviewDto })
  @ApiProblems(400, 422)
  async schedule(
    @CurrentPrincipal() principal: Principal,
    @Body() body: ScheduleManagementReviewDto,
  ): Promise<ManagementReviewDto> {
    const id = await this.scheduling.schedule(principal, {
      meetingOn: body.meetingOn,
      from: body.from,
      to: body.to,
      portfolioId: body.portfolioId ?? null,
      ambition: body.ambition ?? null,
      horizon: body.horizon ?? null,
      contextChanges: body.contextChanges ?? null,
    });
    return this.queries.get(id);
  }

  @Get('management-reviews/:id')
  @Allow('leadership', 'quality_head', 'auditor')
  @ApiOperation({ summary: 'A review: its pack by clause, the outputs and the signature', description: READERS })
  @ApiOkResponse({ type: ManagementReviewDto })
  @ApiProblems(404, 422)
  get(@Param('id', uuidPipe()) id: string): Promise<ManagementReviewDto> {
    return this.queries.get(id);
  }

  @Get('management-reviews/:id/export.pdf')
  @Allow('leadership', 'quality_head', 'auditor')
  @Header('content-type', 'application/pdf')
  @ApiProduces('application/pdf')
  @ApiOperation({ summary: 'The review as PDF: the pack by clause, the outputs, the signature', description: READERS })
  @ApiOkResponse({ description: 'PDF', schema: { type: 'string', format: 'binary' } })
  @ApiProblems(404, 422)
  async pdf(@Param('id', uuidPipe()) id: string, @Res() reply: FastifyReply): Promise<void> {
    const { number, content } = await this.queries.pdf(id);
    await reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `inline; filename="${number}.pdf"`)
      .send(content);
  }

  @Post('management-reviews/:id/reassemble')
  @Allow('leadership')
  @HttpCode(200)
  @ApiOperation({ summary: 'Assemble the pack again (new figures, changed context text) while not signed' })
  @ApiOkResponse({ type: ManagementReviewDto })
  @ApiProblems(404, 409, 422)
  async reassemble(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuidPipe()) id: string,
  ): Promise<ManagementReviewDto> {
    await this.packs.reassemble(principal, id);
    return this.queries.get(id);
  }

  @Put('management-reviews/:id/notes')
  @Allow('leadership')
  @ApiOperation({ summary: 'Record the context changes and the decisions (replacing them) while not signed' })
  @ApiOkResponse({ type: ManagementReviewDto })
  @ApiProblems(400, 404, 409, 422)
  async notes(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuidPipe()) id: string,
    @Body() body: ReviewNotesDto,
  ): Promise<ManagementReviewDto> {
    await this.outputs.recordNotes(principal, id, {
      contextChanges: body.contextChanges?.trim() || null,
      decisions: body.decisions.map((d) => d.trim()),
    });
    return this.queries.get(id);
  }

  @Post('management-reviews/:id/actions')
  @Allow('leadership')
  @ApiOperation({ summary: 'Add an action with an owner (any active user) and a due date; it reaches their inbox' })
  @ApiCreatedResponse({ type: ManagementReviewDto })
  @ApiProblems(400, 404, 409, 422)
  async addAction(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuidPipe()) id: string,
    @Body() body: NewReviewActionDto,
  ): Promise<ManagementReviewDto> {
    await this.outputs.addAction(principal, id, {
      text: body.text,
      ownerId: body.ownerId,
      dueAt: new Date(body.dueAt),
    });
    return this.queries.get(id);
  }

  @Post('management-reviews/:id/opportunities')
  @Allow('leadership')
  @ApiOperation({
    summary: 'Raise an opportunity: a new initiative in explore, its origin this review (ISO 56001 9.3.3)',
    description:
      'The owner must be an active innovation lead (ownerId). Part of the outputs: refused once signed (409).',
  })
  @ApiCreatedResponse({ type: ManagementReviewDto })
  @ApiProblems(400, 404, 409, 422)
  async opportunity(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuidPipe()) id: string,
    @Body() body: NcOpportunityDto,
  ): Promise<ManagementReviewDto> {
    await this.opportunities.raise(principal, id, opportunityInput(body));
    return this.queries.get(id);
  }

  @Post('management-reviews/:id/sign')
  @Allow('leadership')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Sign the review (approved): the pack’s hash and the outputs; a signed review cannot change',
    description:
      'Needs the latest pack assembled (409). Re-authenticates with your password (422 QMS.SIGNING_PASSWORD_WRONG).',
  })
  @ApiOkResponse({ type: ManagementReviewDto })
  @ApiProblems(400, 404, 409, 422, 429)
  async sign(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuidPipe()) id: string,
    @Body() body: PasswordDto,
  ): Promise<ManagementReviewDto> {
    await this.signing.sign(principal, id, body.password);
    return this.queries.get(id);
  }

  @Get('management-review-actions/mine')
  @Authenticated()
  @ApiOperation({ summary: 'Your review actions (any role), open ones first by due date' })
  @ApiOkResponse({ type: [MyReviewActionDto] })
  mine(@CurrentPrincipal() principal: Principal): Promise<MyReviewActionDto[]> {
    return this.queries.mine(principal.userId);
  }

  @Post('management-review-actions/:id/done')
  @Authenticated()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Mark your review action done with a note (its owner only; also after the review is signed)',
  })
  @ApiOkResponse({ type: [MyReviewActionDto], description: 'Your review actions' })
  @ApiProblems(400, 403, 404, 409, 422)
  async done(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuidPipe()) id: string,
    @Body() body: ReviewActionDoneDto,
  ): Promise<MyReviewActionDto[]> {
    await this.actions.markDone(principal, id, body.note);
    return this.queries.mine(principal.userId);
  }
}
