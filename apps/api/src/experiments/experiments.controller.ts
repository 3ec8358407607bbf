import {
  type AssumptionEntity,
  AssumptionsService,
  type ExperimentEntity,
  ExperimentsService,
  InitiativeTeam,
} from '@ambidex/experiments';
import { Principal } from '@ambidex/identity';
import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, Authenticated, CurrentPrincipal } from '../auth/access.decorators';
import { ApiProblems } from '../http/openapi.decorators';
import { uuidPipe } from '../http/uuid.pipe';
import {
  AssumptionDto,
  AssumptionInputDto,
  AssumptionPatchDto,
  AssumptionStatusEventDto,
  ExperimentDetailDto,
  ExperimentDto,
  ExperimentInputDto,
  ExperimentPatchDto,
  ExperimentResultDto,
  ObservationDto,
  TeamDto,
  TeamMemberDto,
} from './experiments.dto';

const WRITERS = ['innovation_lead', 'admin'] as const;

function assumptionDto(a: AssumptionEntity): AssumptionDto {
  const { id, initiativeId, statement, riskKind, importance, status, createdAt, updatedAt } = a;
  return { id, initiativeId, statement, riskKind, importance, status, createdAt, updatedAt };
}

function experimentDto(e: ExperimentEntity): ExperimentDto {
  const {
    id,
    initiativeId,
    hypothesis,
    method,
    metric,
    comparison,
    threshold,
    minimumSample,
    plannedStart,
    plannedEnd,
    budget,
    status,
    startedAt,
    completedAt,
    version,
  } = e;
  return {
    id,
    initiativeId,
    hypothesis,
    method,
    metric,
    comparison,
    threshold,
    minimumSample,
    plannedStart,
    plannedEnd,
    budget,
    status,
    startedAt,
    completedAt,
    version,
  };
}

/** Assumptions, test cards and the team: written by the owner, the team or admins; read by every signed-in user. */
@ApiTags('experiments')
@Controller('api')
export class ExperimentsController {
  constructor(
    private readonly assumptions: AssumptionsService,
    private readonly experiments: ExperimentsService,
    private readonly team: InitiativeTeam,
  ) {}

  @Get('initiatives/:id/team')
  @Authenticated()
  @ApiOperation({ summary: "The initiative's team besides its owner" })
  @ApiOkResponse({ type: [TeamMemberDto] })
  @ApiProblems(422)
  members(@Param('id', uuidPipe()) id: string): Promise<TeamMemberDto[]> {
    return this.team.members(id);
  }

  @Put('initiatives/:id/team')
  @Allow(...WRITERS)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Name the team (owner or admin)',
    description: 'Team members may write assumptions, experiments and learnings.',
  })
  @ApiOkResponse({ type: [TeamMemberDto], description: 'The team is replaced; the team as GET answers it' })
  @ApiProblems(400, 404, 422)
  async setMembers(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuidPipe()) id: string,
    @Body() body: TeamDto,
  ): Promise<TeamMemberDto[]> {
    await this.team.setMembers(principal, id, body.memberIds);
    return this.team.members(id);
  }

  @Post('initiatives/:id/assumptions')
  @Allow(...WRITERS)
  @ApiOperation({ summary: 'Add an assumption' })
  @ApiCreatedResponse({ type: AssumptionDto })
  @ApiProblems(400, 404, 422)
  async createAssumption(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuidPipe()) id: string,
    @Body() body: AssumptionInputDto,
  ): Promise<AssumptionDto> {
    return assumptionDto(await this.assumptions.create(principal, id, body));
  }

  @Get('initiatives/:id/assumptions')
  @Authenticated()
  @ApiOperation({ summary: 'The assumptions of an initiative, most important first' })
  @ApiOkResponse({ type: [AssumptionDto] })
  @ApiProblems(422)
  async listAssumptions(@Param('id', uuidPipe()) id: string): Promise<AssumptionDto[]> {
    return (await this.assumptions.list(id)).map(assumptionDto);
  }

  @Patch('assumptions/:id')
  @Allow(...WRITERS)
  @ApiOperation({
    summary: 'Reword an assumption or change its risk kind or importance',
    description: 'Its status changes only through experiment results.',
  })
  @ApiOkResponse({ type: AssumptionDto })
  @ApiProblems(400, 404, 422)
  async updateAssumption(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuidPipe()) id: string,
    @Body() body: AssumptionPatchDto,
  ): Promise<AssumptionDto> {
    return assumptionDto(await this.assumptions.update(principal, id, body));
  }

  @Get('assumptions/:id/history')
  @Authenticated()
  @ApiOperation({ summary: "An assumption's status history, with the experiments behind each change" })
  @ApiOkResponse({ type: [AssumptionStatusEventDto] })
  @ApiProblems(422)
  async history(@Param('id', uuidPipe()) id: string): Promise<AssumptionStatusEventDto[]> {
    return (await this.assumptions.history(id)).map(({ fromStatus, toStatus, experimentId, occurredAt }) => ({
      fromStatus,
      toStatus,
      experimentId,
      occurredAt,
    }));
  }

  @Post('initiatives/:id/experiments')
  @Allow(...WRITERS)
  @ApiOperation({ summary: 'Plan an experiment (test card)' })
  @ApiCreatedResponse({ type: ExperimentDto })
  @ApiProblems(400, 404, 422)
  async createExperiment(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuidPipe()) id: string,
    @Body() body: ExperimentInputDto,
  ): Promise<ExperimentDto> {
    return experimentDto(
      await this.experiments.create(principal, id, {
        ...body,
        plannedStart: body.plannedStart ?? null,
        plannedEnd: body.plannedEnd ?? null,
        budget: body.budget ?? null,
      }),
    );
  }

  @Get('initiatives/:id/experiments')
  @Authenticated()
  @ApiOperation({ summary: 'The experiments of an initiative' })
  @ApiOkResponse({ type: [ExperimentDto] })
  @ApiProblems(422)
  async listExperiments(@Param('id', uuidPipe()) id: string): Promise<ExperimentDto[]> {
    return (await this.experiments.list(id)).map(experimentDto);
  }

  @Get('experiments/:id')
  @Authenticated()
  @ApiOperation({ summary: 'An experiment with the assumptions it tests and its result' })
  @ApiOkResponse({ type: ExperimentDetailDto })
  @ApiProblems(404, 422)
  async getExperiment(@Param('id', uuidPipe()) id: string): Promise<ExperimentDetailDto> {
    const { experiment, assumptionIds, result } = await this.experiments.get(id);
    return { ...experimentDto(experiment), assumptionIds, result: result === null ? null : resultDto(result) };
  }

  @Patch('experiments/:id')
  @Allow(...WRITERS)
  @ApiOperation({
    summary: 'Change a test card',
    description: 'Once started, its hypothesis, metric and threshold are frozen: 409 EXPERIMENTS.THRESHOLD_FROZEN.',
  })
  @ApiOkResponse({ type: ExperimentDto })
  @ApiProblems(400, 404, 409, 422)
  async updateExperiment(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuidPipe()) id: string,
    @Body() body: ExperimentPatchDto,
  ): Promise<ExperimentDto> {
    return experimentDto(await this.experiments.update(principal, id, body));
  }

  @Post('experiments/:id/start')
  @Allow(...WRITERS)
  @HttpCode(200)
  @ApiOperation({ summary: 'Start an experiment: its threshold is frozen from now on' })
  @ApiOkResponse({ type: ExperimentDto })
  @ApiProblems(404, 409, 422)
  async start(@CurrentPrincipal() principal: Principal, @Param('id', uuidPipe()) id: string): Promise<ExperimentDto> {
    return experimentDto(await this.experiments.start(principal, id));
  }

  @Post('experiments/:id/result')
  @Allow(...WRITERS)
  @ApiOperation({
    summary: 'Record the observed value',
    description:
      'Computes validated, invalidated or inconclusive against the threshold and updates the assumptions tested.',
  })
  @ApiCreatedResponse({ type: ExperimentResultDto })
  @ApiProblems(400, 404, 409, 422)
  async recordResult(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuidPipe()) id: string,
    @Body() body: ObservationDto,
  ): Promise<ExperimentResultDto> {
    const result = await this.experiments.recordResult(principal, id, {
      value: body.value,
      sampleSize: body.sampleSize,
      cost: body.cost ?? null,
      note: body.note ?? null,
      ...(body.idempotencyKey === undefined ? {} : { idempotencyKey: body.idempotencyKey }),
    });
    return resultDto(result);
  }
}

function resultDto(r: {
  id: string;
  value: number;
  sampleSize: number;
  cost: number | null;
  result: string;
  observedAt: Date;
}): ExperimentResultDto {
  return {
    id: r.id,
    value: r.value,
    sampleSize: r.sampleSize,
    cost: r.cost,
    result: r.result,
    observedAt: r.observedAt,
  };
}
