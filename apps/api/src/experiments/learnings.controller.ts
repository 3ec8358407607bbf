import {
  EvidenceLink,
  IngestService,
  LearningSearch,
  LearningsService,
  LearningView,
  parseNdjson,
} from '@ambidex/experiments';
import { Principal } from '@ambidex/identity';
import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import {
  ApiAcceptedResponse,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Allow, Authenticated, CurrentPrincipal } from '../auth/access.decorators';
import { RequestValidationError } from '../errors/request-validation';
import { INGEST_ROUTE } from '../http/content-types';
import { ApiProblems } from '../http/openapi.decorators';
import { uuidPipe } from '../http/uuid.pipe';
import {
  BatchDto,
  BatchStatusDto,
  LearningDto,
  LearningHitDto,
  LearningInputDto,
  LearningSearchQueryDto,
  ListLearningsQueryDto,
} from './experiments.dto';

function learningDto(l: LearningView): LearningDto {
  const {
    id,
    initiativeId,
    experimentId,
    observed,
    belief,
    decision,
    confidence,
    evidence,
    supersedesId,
    supersededBy,
    createdAt,
  } = l;
  return {
    id,
    initiativeId,
    experimentId,
    observed,
    belief,
    decision,
    confidence,
    evidence,
    supersedesId,
    supersededBy,
    createdAt,
  };
}

/** Learning cards, the bulk learning log and the organisation-wide learning search. */
@ApiTags('learnings')
@Controller('api')
export class LearningsController {
  constructor(
    private readonly learnings: LearningsService,
    private readonly ingest: IngestService,
    private readonly search: LearningSearch,
  ) {}

  @Post('initiatives/:id/learnings')
  @Allow('innovation_lead', 'admin')
  @ApiOperation({
    summary: 'Record a learning card',
    description: 'Never edited: to correct one, record a new card with supersedes.',
  })
  @ApiCreatedResponse({ type: LearningDto })
  @ApiProblems(400, 404, 409, 422)
  async record(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuidPipe()) id: string,
    @Body() body: LearningInputDto,
  ): Promise<LearningDto> {
    const learning = await this.learnings.record(principal, id, {
      experimentId: body.experimentId ?? null,
      observed: body.observed,
      belief: body.belief,
      decision: body.decision,
      confidence: body.confidence,
      evidence: (body.evidence ?? []) as EvidenceLink[],
      supersedes: body.supersedes ?? null,
      ...(body.idempotencyKey === undefined ? {} : { idempotencyKey: body.idempotencyKey }),
    });
    return learningDto({ ...learning, supersededBy: null });
  }

  @Get('initiatives/:id/learnings')
  @Authenticated()
  @ApiOperation({ summary: 'The learnings of an initiative (current ones unless asked for all)' })
  @ApiOkResponse({ type: [LearningDto] })
  @ApiProblems(422)
  async list(@Param('id', uuidPipe()) id: string, @Query() query: ListLearningsQueryDto): Promise<LearningDto[]> {
    return (await this.learnings.list(id, query.includeSuperseded === true)).map(learningDto);
  }

  @Get('learnings/search')
  @Authenticated()
  @ApiOperation({
    summary: 'Search every learning of the portfolio, killed and held initiatives included',
    description:
      'Full-text, ranked by relevance (ts_rank), with highlights. Ranks the newest 1,000 learnings that match the ' +
      'words and filters: for words found in more learnings than that, the hits are the best of the newest 1,000 ' +
      '(narrow the words or set `to` to reach older ones); fewer matches are all ranked. Among equally relevant ' +
      'hits, newer first; the order is total, so a smaller `limit` gives the start of a larger one.',
  })
  @ApiOkResponse({ type: [LearningHitDto] })
  @ApiProblems(422)
  find(@Query() query: LearningSearchQueryDto): Promise<LearningHitDto[]> {
    return this.search.search({
      q: query.q,
      ...(query.riskKind === undefined ? {} : { riskKind: query.riskKind }),
      ...(query.decision === undefined ? {} : { decision: query.decision }),
      ...(query.from === undefined ? {} : { from: new Date(query.from) }),
      ...(query.to === undefined ? {} : { to: new Date(query.to) }),
      includeSuperseded: query.includeSuperseded === true,
      limit: query.limit ?? 20,
    });
  }

  @Get('learnings/:id')
  @Authenticated()
  @ApiOperation({ summary: 'A learning card, with the correction that replaced it if any' })
  @ApiOkResponse({ type: LearningDto })
  @ApiProblems(404, 422)
  async get(@Param('id', uuidPipe()) id: string): Promise<LearningDto> {
    return learningDto(await this.learnings.get(id));
  }

  @Post('ingest/batches')
  @Allow('innovation_lead', 'admin')
  @HttpCode(202)
  @RouteConfig(INGEST_ROUTE)
  @ApiConsumes('application/json', 'application/x-ndjson')
  @ApiBody({
    description:
      'A JSON array of entries (or {"entries": [...]}), or NDJSON with one entry per line. Each entry is a result ' +
      '{type:"result", idempotencyKey, experimentId, value, sampleSize, cost?, observedAt?, note?} or a learning ' +
      '{type:"learning", idempotencyKey, initiativeId, observed, belief, decision, confidence, experimentId?, evidence?, supersedes?}.',
    schema: {
      oneOf: [
        { type: 'array', items: { type: 'object' } },
        { type: 'object', properties: { entries: { type: 'array', items: { type: 'object' } } } },
        { type: 'string' },
      ],
    },
  })
  @ApiOperation({
    summary: 'Send results and learnings in bulk',
    description: 'Accepted at once and processed by a job; poll the batch for progress and per-entry problems.',
  })
  @ApiAcceptedResponse({ type: BatchDto })
  @ApiProblems(400, 413, 415, 422)
  async submit(
    @CurrentPrincipal() principal: Principal,
    @Body() body: unknown,
    @Headers('content-type') contentType = '',
  ): Promise<BatchDto> {
    const entries =
      contentType.startsWith('application/x-ndjson') && typeof body === 'string' ? parseNdjson(body) : entriesOf(body);
    const { id, status, total, stored, duplicates, failed, createdAt, completedAt } = await this.ingest.submit(
      principal,
      entries,
    );
    return { id, status, total, stored, duplicates, failed, createdAt, completedAt };
  }

  @Get('ingest/batches/:id')
  @Allow('innovation_lead', 'admin')
  @ApiOperation({
    summary: 'Progress of a batch and the problems of its refused entries',
    description: 'Its submitter or an admin.',
  })
  @ApiOkResponse({ type: BatchStatusDto })
  @ApiProblems(404, 422)
  async status(@CurrentPrincipal() principal: Principal, @Param('id', uuidPipe()) id: string): Promise<BatchStatusDto> {
    const { batch, pending, problems } = await this.ingest.status(principal, id);
    const { status, total, stored, duplicates, failed, createdAt, completedAt } = batch;
    return { id, status, total, stored, duplicates, failed, createdAt, completedAt, pending, problems };
  }
}

function entriesOf(body: unknown): unknown[] {
  if (Array.isArray(body)) return body;
  if (typeof body === 'object' && body !== null && Array.isArray((body as { entries?: unknown }).entries))
    return (body as { entries: unknown[] }).entries;
  throw new RequestValidationError([
    { field: 'body', reason: 'must be a JSON array of entries, {"entries": [...]}, or NDJSON' },
  ]);
}
