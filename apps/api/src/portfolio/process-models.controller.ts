import { actorOf, Principal } from '@ambidex/identity';
import { ProcessModelActivation, ProcessModelsService, ProcessModelView } from '@ambidex/portfolio';
import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, Authenticated, CurrentPrincipal } from '../auth/access.decorators';
import { ApiProblems } from '../http/openapi.decorators';
import { uuidPipe } from '../http/uuid.pipe';
import { READ_RULE } from './dto-helpers';
import {
  CreateProcessModelDto,
  ListProcessModelsQueryDto,
  ProcessModelDto,
  UpdateProcessModelDto,
} from './process-model.dto';

/** Reads for everyone signed in, writes for admins, on one path: the access rule of each operation says which. */
@ApiTags('process models')
@Controller('api/process-models')
export class ProcessModelsController {
  constructor(
    private readonly models: ProcessModelsService,
    private readonly activation: ProcessModelActivation,
  ) {}

  @Get()
  @Authenticated()
  @ApiOperation({
    summary: 'List process models, every version',
    description: `${READ_RULE} Newest version of each key first.`,
  })
  @ApiOkResponse({ type: [ProcessModelDto] })
  @ApiProblems(422)
  list(@Query() query: ListProcessModelsQueryDto): Promise<ProcessModelView[]> {
    return this.models.list(query.key);
  }

  @Get(':id')
  @Authenticated()
  @ApiOperation({ summary: 'Get one process model version', description: READ_RULE })
  @ApiOkResponse({ type: ProcessModelDto })
  @ApiProblems(404, 422)
  get(@Param('id', uuidPipe()) id: string): Promise<ProcessModelView> {
    return this.models.get(id);
  }

  @Post()
  @Allow('admin')
  @ApiOperation({
    summary: 'Create a draft: the next version of a key',
    description:
      'Admins. The definition is checked in full; each problem is named by its path (definition.gates.G1.passMark).',
  })
  @ApiCreatedResponse({ type: ProcessModelDto })
  @ApiProblems(400, 409, 422)
  create(@CurrentPrincipal() principal: Principal, @Body() body: CreateProcessModelDto): Promise<ProcessModelView> {
    return this.models.createDraft(actorOf(principal), body);
  }

  @Patch(':id')
  @Allow('admin')
  @ApiOperation({
    summary: 'Change a draft',
    description: 'Admins. An active or retired version never changes: 409 PORTFOLIO.PROCESS_MODEL_FROZEN.',
  })
  @ApiOkResponse({ type: ProcessModelDto })
  @ApiProblems(400, 404, 409, 422)
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuidPipe()) id: string,
    @Body() body: UpdateProcessModelDto,
  ): Promise<ProcessModelView> {
    return this.models.updateDraft(actorOf(principal), id, body);
  }

  @Post(':id/activate')
  @Allow('admin')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Activate a draft',
    description:
      'Admins. Retires the active version of the same key and activates this one in one transaction. Initiatives ' +
      'created from now on are pinned to it; existing initiatives stay on the version they started with.',
  })
  @ApiOkResponse({ type: ProcessModelDto })
  @ApiProblems(404, 409, 422)
  activate(@CurrentPrincipal() principal: Principal, @Param('id', uuidPipe()) id: string): Promise<ProcessModelView> {
    return this.activation.activate(actorOf(principal), id);
  }
}
