import { Principal } from '@ambidex/identity';
import { LeanQueries, leanFiguresForPeriod, ValueStreamMeasurements } from '@ambidex/lean';
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Allow, CurrentPrincipal } from '../auth/access.decorators';
import { ApiProblems } from '../http/openapi.decorators';
import { uuidPipe } from '../http/uuid.pipe';
import { LeanFiguresQueryDto, ValueStreamStepsDto } from './lean.dto';
import { ProcessLeanFiguresDto, ValueStreamDto, ValueStreamSummaryDto } from './lean-views.dto';
import { assertBoundedPeriod } from './lean-period';

/** Readers of Lean figures: the people who run processes, the quality heads, leadership and auditors. */
const READERS = ['quality_head', 'innovation_lead', 'leadership', 'auditor'] as const;

/**
 * Value streams of controlled processes: opened at handover, baselined once by the process owner, then measured on a
 * schedule. Writes are the process owner's (or a quality head's); the use case checks which process is theirs.
 */
@ApiTags('lean')
@Controller('api')
export class ValueStreamsController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queries: LeanQueries,
    private readonly measurements: ValueStreamMeasurements,
  ) {}

  @Get('value-streams')
  @Allow(...READERS)
  @ApiOperation({ summary: 'Every value stream (one per controlled process record), by process name' })
  @ApiOkResponse({ type: [ValueStreamSummaryDto] })
  list(): Promise<ValueStreamSummaryDto[]> {
    return this.queries.listValueStreams();
  }

  @Get('value-streams/:id')
  @Allow(...READERS)
  @ApiOperation({ summary: 'A value stream with its baseline, measurements and improvement events' })
  @ApiOkResponse({ type: ValueStreamDto })
  @ApiProblems(404, 422)
  get(@Param('id', uuidPipe()) id: string): Promise<ValueStreamDto> {
    return this.queries.valueStream(id);
  }

  @Get('process-records/:id/value-stream')
  @Allow(...READERS)
  @ApiOperation({
    summary: 'The value stream of a process record',
    description: '404 LEAN.VALUE_STREAM_NOT_FOUND until its handover is accepted.',
  })
  @ApiOkResponse({ type: ValueStreamDto })
  @ApiProblems(404, 422)
  ofProcess(@Param('id', uuidPipe()) id: string): Promise<ValueStreamDto> {
    return this.queries.valueStreamOfProcess(id);
  }

  @Post('value-streams/:id/baseline')
  @Allow('quality_head', 'innovation_lead')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Set the baseline: the steps with process time, waiting time and %C&A (once; 409 after)',
    description: 'The process owner or a quality head. Lead time, flow efficiency and rolled %C&A are computed.',
  })
  @ApiOkResponse({ type: ValueStreamDto })
  @ApiProblems(400, 403, 404, 409, 422)
  async baseline(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuidPipe()) id: string,
    @Body() body: ValueStreamStepsDto,
  ): Promise<ValueStreamDto> {
    await this.measurements.recordBaseline(principal, id, body.steps);
    return this.queries.valueStream(id);
  }

  @Post('value-streams/:id/measurements')
  @Allow('quality_head', 'innovation_lead')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Record a measurement (same step shape as the baseline); answers the period’s request if there is one',
  })
  @ApiOkResponse({ type: ValueStreamDto })
  @ApiProblems(400, 403, 404, 409, 422)
  async measure(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuidPipe()) id: string,
    @Body() body: ValueStreamStepsDto,
  ): Promise<ValueStreamDto> {
    await this.measurements.recordMeasurement(principal, id, body.steps);
    return this.queries.valueStream(id);
  }

  @Get('lean/figures')
  @Allow('quality_head', 'leadership', 'auditor')
  @ApiOperation({
    summary: 'Per process: lead time and flow efficiency over a period against the baseline, and events closed in it',
    description: 'What the management review reads (ISO 9001 9.3.2, 10.3). The period is [from, to), at most 5 years.',
  })
  @ApiOkResponse({ type: [ProcessLeanFiguresDto] })
  @ApiProblems(422)
  figures(@Query() query: LeanFiguresQueryDto): Promise<ProcessLeanFiguresDto[]> {
    const from = new Date(query.from);
    const to = new Date(query.to);
    assertBoundedPeriod(from, to);
    return leanFiguresForPeriod(this.dataSource.manager, { from, to });
  }
}
