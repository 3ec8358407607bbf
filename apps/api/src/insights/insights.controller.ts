import {
  EXPORT_METRICS,
  FILTER_RULE,
  FRESHNESS_RULE,
  initiativeFilters,
  INITIATIVES_RULE,
  InsightInitiativeRow,
  InsightsExports,
  InsightsOverview,
  InsightsQueries,
  METRIC_DEFINITIONS,
  overviewFilters,
  PERIOD_RULE,
  PortfolioChoice,
} from '@ambidex/insights';
import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { Readable } from 'node:stream';
import { Allow } from '../auth/access.decorators';
import { ApiProblems } from '../http/openapi.decorators';
import { uuidPipe } from '../http/uuid.pipe';
import {
  InitiativesQueryDto,
  InsightInitiativeDto,
  InsightsOverviewDto,
  OverviewQueryDto,
  PortfolioChoiceDto,
} from './insights.dto';

const WHO = 'Leadership or admins (403 for everyone else).';
const DEFINITIONS = Object.values(METRIC_DEFINITIONS).join('\n\n');

/** The portfolio dashboards: figures from the insights read model (docs/metrics.md). */
@ApiTags('insights')
@Controller('api/insights')
export class InsightsController {
  constructor(
    private readonly queries: InsightsQueries,
    private readonly exports: InsightsExports,
  ) {}

  @Get('portfolios')
  @Allow('leadership', 'admin')
  @ApiOperation({ summary: 'Portfolios to choose a dashboard from', description: `${WHO} Ordered by name.` })
  @ApiOkResponse({ type: [PortfolioChoiceDto] })
  portfolios(): Promise<PortfolioChoice[]> {
    return this.queries.portfolios();
  }

  @Get('portfolios/:id/overview')
  @Allow('leadership', 'admin')
  @ApiOperation({
    summary:
      'A portfolio dashboard: funnel, gate rates, cycle times, balance, ECV ranking, bubbles, zombies, learning, handover',
    description: `${WHO}\n\n${PERIOD_RULE}\n\n${FILTER_RULE}\n\n${FRESHNESS_RULE}\n\nDefinitions:\n\n${DEFINITIONS}`,
  })
  @ApiOkResponse({ type: InsightsOverviewDto })
  @ApiProblems(404, 422)
  overview(@Param('id', uuidPipe()) id: string, @Query() query: OverviewQueryDto): Promise<InsightsOverview> {
    return this.queries.overview(id, overviewFilters(query));
  }

  @Get('portfolios/:id/initiatives')
  @Allow('leadership', 'admin')
  @ApiOperation({
    summary: 'The initiatives behind a chart (click-through)',
    description: `${WHO} ${INITIATIVES_RULE} ${FILTER_RULE} ${PERIOD_RULE}`,
  })
  @ApiOkResponse({ type: [InsightInitiativeDto] })
  @ApiProblems(404, 422)
  initiatives(
    @Param('id', uuidPipe()) id: string,
    @Query() query: InitiativesQueryDto,
  ): Promise<InsightInitiativeRow[]> {
    return this.queries.initiatives(id, initiativeFilters(query));
  }

  @Get('portfolios/:id/export/:metric.csv')
  @Allow('leadership', 'admin')
  @ApiProduces('text/csv')
  @ApiParam({ name: 'metric', enum: EXPORT_METRICS })
  @ApiOperation({
    summary: 'One metric as CSV (with a header row), or the portfolio’s initiatives',
    description:
      `${WHO} Same filters as the overview. A metric's CSV holds what the overview shows for the same filters, except ` +
      `zombies, which lists every overdue review; initiatives lists every initiative matching ambition, horizon and ownerId, ` +
      `highest ECV first. Comma-separated, CRLF, RFC 4180 quoting; text cells that start like a formula get a leading apostrophe.\n\n${PERIOD_RULE}\n\n${DEFINITIONS}`,
  })
  @ApiOkResponse({ description: 'text/csv; charset=utf-8', content: { 'text/csv': { schema: { type: 'string' } } } })
  @ApiProblems(404, 422)
  async export(
    @Param('id', uuidPipe()) id: string,
    @Param('metric') metric: string,
    @Query() query: OverviewQueryDto,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const csv = await this.exports.export(id, metric, overviewFilters(query));
    reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${csv.filename}"`);
    await reply.send(typeof csv.body === 'string' ? csv.body : Readable.from(csv.body));
  }
}
