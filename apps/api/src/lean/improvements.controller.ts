import { Principal } from '@ambidex/identity';
import {
  ImprovementActions,
  ImprovementChangeRequests,
  ImprovementEvents,
  improvementsOfChangeRequest,
  LeanQueries,
} from '@ambidex/lean';
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Allow, Authenticated, CurrentPrincipal } from '../auth/access.decorators';
import { ApiProblems } from '../http/openapi.decorators';
import { uuidPipe } from '../http/uuid.pipe';
import {
  CloseImprovementDto,
  ImprovementActionDoneDto,
  ImprovementActionDto,
  ImprovementChangeRequestDto,
  ImprovementListQueryDto,
  RaiseImprovementDto,
} from './lean.dto';
import { ImprovementDto, ImprovementLinkDto, ImprovementSummaryDto } from './lean-views.dto';

/**
 * Improvement events (kaizen) on a process's value stream: the process owner or a quality head raises, plans and
 * closes them; action owners complete their actions; leadership and auditors read.
 */
@ApiTags('lean')
@Controller('api')
export class ImprovementsController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queries: LeanQueries,
    private readonly events: ImprovementEvents,
    private readonly actions: ImprovementActions,
    private readonly changeRequests: ImprovementChangeRequests,
  ) {}

  @Get('improvements')
  @Allow('quality_head', 'innovation_lead', 'leadership', 'auditor')
  @ApiOperation({ summary: 'The improvement events, newest first, filtered by status or value stream' })
  @ApiOkResponse({ type: [ImprovementSummaryDto] })
  @ApiProblems(422)
  list(@Query() query: ImprovementListQueryDto): Promise<ImprovementSummaryDto[]> {
    return this.queries.list(query);
  }

  @Post('value-streams/:id/improvements')
  @Allow('quality_head', 'innovation_lead')
  @ApiOperation({
    summary: 'Raise an improvement event against a process: the waste it targets, the problem and the target',
    description: 'The process owner or a quality head; numbered KZ-0001 onwards.',
  })
  @ApiCreatedResponse({ type: ImprovementDto })
  @ApiProblems(400, 403, 404, 422)
  async raise(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuidPipe()) id: string,
    @Body() body: RaiseImprovementDto,
  ): Promise<ImprovementDto> {
    return this.queries.get(await this.events.raise(principal, id, body));
  }

  @Get('improvements/:id')
  @Authenticated()
  @ApiOperation({ summary: 'An improvement event with its actions, its close measurement and measured effect' })
  @ApiOkResponse({ type: ImprovementDto })
  @ApiProblems(404, 422)
  get(@Param('id', uuidPipe()) id: string): Promise<ImprovementDto> {
    return this.queries.get(id);
  }

  @Post('improvements/:id/actions')
  @Allow('quality_head', 'innovation_lead')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Add an action: what, who, by when',
    description: 'The owner finds it in their inbox; an overdue one escalates to them, then to quality heads.',
  })
  @ApiOkResponse({ type: ImprovementDto })
  @ApiProblems(400, 403, 404, 409, 422)
  async addAction(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuidPipe()) id: string,
    @Body() body: ImprovementActionDto,
  ): Promise<ImprovementDto> {
    await this.actions.add(principal, id, { text: body.text, ownerId: body.ownerId, dueAt: new Date(body.dueAt) });
    return this.queries.get(id);
  }

  @Post('improvement-actions/:id/done')
  @Authenticated()
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark an improvement action done, with a note (its owner or a quality head)' })
  @ApiOkResponse({ type: ImprovementDto, description: "The action's improvement event" })
  @ApiProblems(400, 403, 404, 409, 422)
  async done(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuidPipe()) id: string,
    @Body() body: ImprovementActionDoneDto,
  ): Promise<ImprovementDto> {
    return this.queries.get(await this.actions.markDone(principal, id, body.note));
  }

  @Post('improvements/:id/close')
  @Allow('quality_head', 'innovation_lead')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Close with its effect measured: a measurement taken now, set against the value-stream baseline',
    description: 'Once every action is done (409 before). A closed event is frozen (the database refuses changes).',
  })
  @ApiOkResponse({ type: ImprovementDto })
  @ApiProblems(400, 403, 404, 409, 422)
  async close(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuidPipe()) id: string,
    @Body() body: CloseImprovementDto,
  ): Promise<ImprovementDto> {
    await this.events.close(principal, id, { steps: body.steps, note: body.note });
    return this.queries.get(id);
  }

  @Post('improvements/:id/change-request')
  @Allow('quality_head', 'innovation_lead')
  @ApiOperation({
    summary: "Raise a change request on one of the process's controlled documents, linked both ways",
  })
  @ApiCreatedResponse({ type: ImprovementDto, description: 'The event, with its changeRequestId' })
  @ApiProblems(400, 403, 404, 409, 422)
  async changeRequest(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuidPipe()) id: string,
    @Body() body: ImprovementChangeRequestDto,
  ): Promise<ImprovementDto> {
    await this.changeRequests.raise(principal, id, body);
    return this.queries.get(id);
  }

  @Get('change-requests/:id/improvements')
  @Authenticated()
  @ApiOperation({ summary: 'The improvement events that raised a change request' })
  @ApiOkResponse({ type: [ImprovementLinkDto] })
  @ApiProblems(422)
  ofChangeRequest(@Param('id', uuidPipe()) id: string): Promise<ImprovementLinkDto[]> {
    return improvementsOfChangeRequest(this.dataSource.manager, id);
  }
}
