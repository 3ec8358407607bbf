import { PackageQueries } from '@ambidex/handover';
import { nameIn, Principal, UserNames } from '@ambidex/identity';
import {
  CreatedInitiative,
  DUPLICATE_SEARCH_BUDGET_MS,
  DuplicateCheck,
  DuplicateChecks,
  InitiativeEditing,
  InitiativeIntake,
  InitiativePage,
  InitiativeQueries,
  InitiativeView,
  StoredDuplicateCheck,
} from '@ambidex/portfolio';
import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, Authenticated, CurrentPrincipal } from '../auth/access.decorators';
import { ApiProblems } from '../http/openapi.decorators';
import { uuidPipe } from '../http/uuid.pipe';
import { READ_RULE } from './dto-helpers';
import {
  CreateInitiativeDto,
  DuplicatesQueryDto,
  ListInitiativesQueryDto,
  UpdateInitiativeDto,
} from './initiative.dto';
import {
  CreatedInitiativeDto,
  DuplicateCheckDto,
  InitiativeDetailDto,
  InitiativeDto,
  InitiativeLinks,
  InitiativePageDto,
  StoredDuplicateCheckDto,
} from './initiative-views.dto';
import { RequestValidationError } from '../errors/request-validation';

@ApiTags('initiatives')
@Controller('api/initiatives')
export class InitiativesController {
  constructor(
    private readonly queries: InitiativeQueries,
    private readonly intake: InitiativeIntake,
    private readonly editing: InitiativeEditing,
    private readonly duplicateChecks: DuplicateChecks,
    private readonly users: UserNames,
    private readonly packages: PackageQueries,
  ) {}

  @Get()
  @Authenticated()
  @ApiOperation({
    summary: 'List initiatives: filter, sort, page with a cursor',
    description: `${READ_RULE} Keyset pagination: pass nextCursor back as cursor, with the same sort and order, until it is null.`,
  })
  @ApiOkResponse({ type: InitiativePageDto })
  @ApiProblems(422)
  async list(
    @Query() query: ListInitiativesQueryDto,
  ): Promise<InitiativePage & { items: { ownerName: string | null }[] }> {
    const { sort, order, limit, cursor, ...filters } = query;
    const page = await this.queries.list({
      filters,
      sort: sort ?? 'createdAt',
      direction: order ?? 'desc',
      limit: limit ?? 25,
      ...(cursor === undefined ? {} : { cursor }),
    });
    const names = await this.users.names(page.items.map((i) => i.ownerId));
    return { ...page, items: page.items.map((i) => ({ ...i, ownerName: nameIn(names, i.ownerId) })) };
  }

  @Get('duplicates')
  @Authenticated()
  @ApiOperation({
    summary: 'Find initiatives similar to a title or problem, before creating one',
    description:
      `${READ_RULE} Trigram similarity (pg_trgm) ≥ 0.3 on title or problem, across all portfolios; up to 5, closest first. ` +
      'The search has a time budget (1 s); complete is false when it ran out.',
  })
  @ApiOkResponse({ type: DuplicateCheckDto })
  @ApiProblems(422)
  duplicates(@Query() query: DuplicatesQueryDto): Promise<DuplicateCheck> {
    if (query.title === undefined && query.problem === undefined) {
      throw new RequestValidationError([{ field: 'title', reason: 'give a title or a problem (or both)' }]);
    }
    return this.queries.duplicates(query, DUPLICATE_SEARCH_BUDGET_MS);
  }

  @Get(':id')
  @Authenticated()
  @ApiOperation({ summary: 'Get an initiative with its deliverables, stage history and ECV', description: READ_RULE })
  @ApiOkResponse({ type: InitiativeDetailDto })
  @ApiProblems(404, 422)
  async get(@Param('id', uuidPipe()) id: string): Promise<InitiativeView & InitiativeLinks & NamedHistory> {
    const view = await this.queries.get(id);
    const names = await this.users.names([view.ownerId, ...view.history.map((e) => e.actorId)]);
    return {
      ...withActorNames(view, names),
      ownerName: nameIn(names, view.ownerId),
      handoverPackage: await this.packages.currentOfInitiative(id),
    };
  }

  @Get(':id/duplicates')
  @Authenticated()
  @ApiOperation({
    summary: 'The possible duplicates of the initiative’s current title and problem',
    description:
      `${READ_RULE} Found once right after create, and again after each change of title or problem: within the ` +
      'time budget of the create or edit, or else by a background job with a budget of minutes. pending until then.',
  })
  @ApiOkResponse({ type: StoredDuplicateCheckDto })
  @ApiProblems(404, 422)
  storedDuplicates(@Param('id', uuidPipe()) id: string): Promise<StoredDuplicateCheck> {
    return this.duplicateChecks.get(id);
  }

  @Post()
  @Allow('innovation_lead', 'admin')
  @ApiOperation({
    summary: 'Create an initiative',
    description:
      'Innovation leads or admins. The caller owns it (an admin may name another innovation lead). It starts in explore, ' +
      'pinned to the active default process model, with that model’s deliverables pending. The response lists possible duplicates.',
  })
  @ApiCreatedResponse({ type: CreatedInitiativeDto })
  @ApiProblems(400, 409, 422)
  async create(
    @CurrentPrincipal() principal: Principal,
    @Body() body: CreateInitiativeDto,
  ): Promise<CreatedInitiative & NamedHistory> {
    const created = await this.intake.create(principal, body);
    return withActorNames(created, await this.users.names(created.history.map((e) => e.actorId)));
  }

  @Patch(':id')
  @Authenticated()
  @ApiOperation({
    summary: 'Edit an initiative’s descriptive and financial facts',
    description:
      'Only its owner or an admin (403 PORTFOLIO.NOT_OWNER otherwise). Guarded by version: a stale one gives 409 ' +
      'PORTFOLIO.INITIATIVE_CHANGED and writes nothing. Stage and status change only through gate decisions.',
  })
  @ApiOkResponse({ type: InitiativeDto })
  @ApiProblems(400, 404, 409, 422)
  async update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuidPipe()) id: string,
    @Body() body: UpdateInitiativeDto,
  ): Promise<InitiativeView & NamedHistory> {
    const updated = await this.editing.update(principal, id, body);
    return withActorNames(updated, await this.users.names(updated.history.map((e) => e.actorId)));
  }
}

interface NamedHistory {
  history: (InitiativeView['history'][number] & { actorName: string | null })[];
}

/** People read the stage history by name; the actor label (an email, or "system") stays as the audit wrote it. */
function withActorNames<T extends InitiativeView>(view: T, names: Map<string, string>): T & NamedHistory {
  return { ...view, history: view.history.map((e) => ({ ...e, actorName: nameIn(names, e.actorId) })) };
}
