import { Principal } from '@ambidex/identity';
import { DeliverablesService, DeliverableView, Gate, GATES, InitiativeQueries } from '@ambidex/portfolio';
import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentPrincipal } from '../auth/access.decorators';
import { ApiProblems } from '../http/openapi.decorators';
import { uuidPipe } from '../http/uuid.pipe';
import { READ_RULE } from './dto-helpers';
import { UpdateDeliverableDto } from './initiative.dto';
import { DeliverableDto } from './initiative-views.dto';
import { DELIVERABLE_KEY, gatePipe, keyPipe } from './param-pipes';

@ApiTags('initiatives')
@Controller('api/initiatives/:id/deliverables')
export class DeliverablesController {
  constructor(
    private readonly deliverables: DeliverablesService,
    private readonly queries: InitiativeQueries,
  ) {}

  @Get()
  @Authenticated()
  @ApiOperation({
    summary: 'List an initiative’s deliverables, every gate, in the model’s order',
    description: READ_RULE,
  })
  @ApiOkResponse({ type: [DeliverableDto] })
  @ApiProblems(404, 422)
  async list(@Param('id', uuidPipe()) id: string): Promise<DeliverableView[]> {
    return (await this.queries.get(id)).deliverables;
  }

  @Put(':gate/:key')
  @ApiParam({ name: 'gate', enum: GATES })
  @ApiParam({ name: 'key', schema: { type: 'string', pattern: DELIVERABLE_KEY.source, example: 'business_case' } })
  @Authenticated()
  @ApiOperation({
    summary: 'Mark a deliverable done, not required (with a reason) or pending',
    description:
      'Only the initiative’s owner or an admin. not_required without a reason in note: 422 PORTFOLIO.REASON_REQUIRED.',
  })
  @ApiOkResponse({ type: DeliverableDto })
  @ApiProblems(400, 404, 409, 422)
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuidPipe()) id: string,
    @Param('gate', gatePipe) gate: string,
    @Param('key', keyPipe) key: string,
    @Body() body: UpdateDeliverableDto,
  ): Promise<DeliverableView> {
    return this.deliverables.update(principal, id, gate as Gate, key, body);
  }
}
