import { Principal } from '@ambidex/identity';
import {
  CorrectiveActions,
  EffectivenessChecks,
  NonconformityChangeRequests,
  NonconformityInvestigation,
  NonconformityOpportunities,
  NonconformityQueries,
  nonconformitiesOfChangeRequest,
  RaiseNonconformity,
} from '@ambidex/nonconformity';
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Allow, Authenticated, CurrentPrincipal } from '../auth/access.decorators';
import { ApiProblems } from '../http/openapi.decorators';
import { uuidPipe } from '../http/uuid.pipe';
import {
  NcActionDoneDto,
  ContainmentDto,
  EffectivenessCheckDto,
  NcChangeRequestDto,
  NonconformityListQueryDto,
  PlanActionsDto,
  RaiseNonconformityDto,
  RootCauseDto,
} from './nonconformity.dto';
import { NcOpportunityDto, opportunityInput } from '../portfolio/opportunity.dto';
import { NonconformityDto, NonconformityLinkDto, NonconformitySummaryDto } from './nonconformity-views.dto';

/** Nonconformities and CAPA: anyone signed in raises one; quality heads contain, analyse, act and verify. */
@ApiTags('nonconformities')
@Controller('api')
export class NonconformitiesController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queries: NonconformityQueries,
    private readonly raising: RaiseNonconformity,
    private readonly investigation: NonconformityInvestigation,
    private readonly actions: CorrectiveActions,
    private readonly checks: EffectivenessChecks,
    private readonly changeRequests: NonconformityChangeRequests,
    private readonly opportunities: NonconformityOpportunities,
  ) {}

  @Get('nonconformities')
  @Authenticated()
  @ApiOperation({ summary: 'The nonconformity register, newest first, filtered by status, severity or source' })
  @ApiOkResponse({ type: [NonconformitySummaryDto] })
  @ApiProblems(422)
  list(@Query() query: NonconformityListQueryDto): Promise<NonconformitySummaryDto[]> {
    return this.queries.list(query);
  }

  @Post('nonconformities')
  @Authenticated()
  @ApiOperation({ summary: 'Raise a nonconformity, stand-alone or about a record; it is numbered NC-0001 onwards' })
  @ApiCreatedResponse({ type: NonconformityDto })
  @ApiProblems(400, 422)
  async raise(
    @CurrentPrincipal() principal: Principal,
    @Body() body: RaiseNonconformityDto,
  ): Promise<NonconformityDto> {
    const id = await this.raising.raise(principal, {
      subject: body.subject === undefined ? null : { type: body.subject.type, id: body.subject.id },
      source: body.source,
      severity: body.severity,
      probability: body.probability,
      description: body.description,
      evidenceLinks: body.evidenceLinks ?? [],
    });
    return this.queries.get(id);
  }

  @Get('nonconformities/:id')
  @Authenticated()
  @ApiOperation({ summary: 'A nonconformity with its actions, effectiveness checks and signatures' })
  @ApiOkResponse({ type: NonconformityDto })
  @ApiProblems(404, 422)
  get(@Param('id', uuidPipe()) id: string): Promise<NonconformityDto> {
    return this.queries.get(id);
  }

  @Post('nonconformities/:id/containment')
  @Allow('quality_head')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record what was done at once to contain the nonconformity' })
  @ApiOkResponse({ type: NonconformityDto })
  @ApiProblems(400, 404, 409, 422)
  async contain(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuidPipe()) id: string,
    @Body() body: ContainmentDto,
  ): Promise<NonconformityDto> {
    await this.investigation.recordContainment(principal, id, body.containment);
    return this.queries.get(id);
  }

  @Post('nonconformities/:id/root-cause')
  @Allow('quality_head')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record the root cause: the whys in order and the cause category (6M)' })
  @ApiOkResponse({ type: NonconformityDto })
  @ApiProblems(400, 404, 409, 422)
  async rootCause(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuidPipe()) id: string,
    @Body() body: RootCauseDto,
  ): Promise<NonconformityDto> {
    await this.investigation.recordRootCause(principal, id, body);
    return this.queries.get(id);
  }

  @Post('nonconformities/:id/actions')
  @Allow('quality_head')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Plan corrective actions (after the root cause) and when their effectiveness is checked',
    description: 'Each owner finds the action in their inbox; an overdue one escalates to them, then to quality heads.',
  })
  @ApiOkResponse({ type: NonconformityDto })
  @ApiProblems(400, 404, 409, 422)
  async plan(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuidPipe()) id: string,
    @Body() body: PlanActionsDto,
  ): Promise<NonconformityDto> {
    await this.actions.plan(principal, id, {
      actions: body.actions.map((a) => ({ text: a.text, ownerId: a.ownerId, dueAt: new Date(a.dueAt) })),
      effectivenessAfterDays: body.effectivenessAfterDays,
    });
    return this.queries.get(id);
  }

  @Post('nonconformity-actions/:id/done')
  @Authenticated()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Mark a corrective action done (its owner or a quality head)',
    description: 'The last one schedules the effectiveness check, due the planned number of days later.',
  })
  @ApiOkResponse({ type: NonconformityDto, description: "The action's nonconformity" })
  @ApiProblems(400, 403, 404, 409, 422)
  async done(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuidPipe()) id: string,
    @Body() body: NcActionDoneDto,
  ): Promise<NonconformityDto> {
    return this.queries.get(await this.actions.markDone(principal, id, body.note ?? null));
  }

  @Post('nonconformities/:id/effectiveness-check')
  @Allow('quality_head')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Judge the corrective action: effective closes the NC (signed: approved), ineffective reopens it',
    description: 'Re-authenticates with your password; a wrong one answers 422 QMS.SIGNING_PASSWORD_WRONG.',
  })
  @ApiOkResponse({ type: NonconformityDto })
  @ApiProblems(400, 404, 409, 422, 429)
  async check(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuidPipe()) id: string,
    @Body() body: EffectivenessCheckDto,
  ): Promise<NonconformityDto> {
    await this.checks.record(principal, id, body);
    return this.queries.get(id);
  }

  @Post('nonconformities/:id/change-request')
  @Allow('quality_head')
  @ApiOperation({
    summary: 'Raise a change request on the controlled document the NC is about, linked both ways',
  })
  @ApiCreatedResponse({ type: NonconformityDto, description: 'The NC, with its changeRequestId' })
  @ApiProblems(400, 404, 409, 422)
  async changeRequest(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuidPipe()) id: string,
    @Body() body: NcChangeRequestDto,
  ): Promise<NonconformityDto> {
    await this.changeRequests.raise(principal, id, body);
    return this.queries.get(id);
  }

  @Post('nonconformities/:id/opportunity')
  @Allow('quality_head', 'innovation_lead')
  @ApiOperation({
    summary: 'Raise an opportunity: a new initiative in explore, its origin this NC (ISO 56001 8.3.2)',
    description:
      'One per NC, not from a closed one (409). A customer complaint’s initiative has origin type customer_complaint.',
  })
  @ApiCreatedResponse({ type: NonconformityDto, description: 'The NC, with its opportunityInitiativeId' })
  @ApiProblems(400, 404, 409, 422)
  async opportunity(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuidPipe()) id: string,
    @Body() body: NcOpportunityDto,
  ): Promise<NonconformityDto> {
    await this.opportunities.raise(principal, id, opportunityInput(body));
    return this.queries.get(id);
  }

  @Get('change-requests/:id/nonconformities')
  @Authenticated()
  @ApiOperation({ summary: 'The nonconformities that raised a change request' })
  @ApiOkResponse({ type: [NonconformityLinkDto] })
  @ApiProblems(422)
  ofChangeRequest(@Param('id', uuidPipe()) id: string): Promise<NonconformityLinkDto[]> {
    return nonconformitiesOfChangeRequest(this.dataSource.manager, id);
  }
}
