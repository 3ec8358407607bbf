import { actorOf, Principal } from '@ambidex/identity';
import { PortfoliosService, PortfolioView } from '@ambidex/portfolio';
import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, Authenticated, CurrentPrincipal } from '../auth/access.decorators';
import { ApiProblems } from '../http/openapi.decorators';
import { uuidPipe } from '../http/uuid.pipe';
import { READ_RULE } from './dto-helpers';
import { CreatePortfolioDto, PortfolioDto, UpdatePortfolioDto } from './portfolio.dto';

@ApiTags('portfolios')
@Controller('api/portfolios')
export class PortfoliosController {
  constructor(private readonly portfolios: PortfoliosService) {}

  @Post()
  @Allow('leadership', 'admin')
  @ApiOperation({
    summary: 'Create a portfolio with its balance targets',
    description: 'Leadership or admins. Targets default to 70/20/10.',
  })
  @ApiCreatedResponse({ type: PortfolioDto })
  @ApiProblems(400, 409, 422)
  create(@CurrentPrincipal() principal: Principal, @Body() body: CreatePortfolioDto): Promise<PortfolioView> {
    return this.portfolios.create(principal, body);
  }

  @Get()
  @Authenticated()
  @ApiOperation({ summary: 'List portfolios', description: READ_RULE })
  @ApiOkResponse({ type: [PortfolioDto] })
  list(): Promise<PortfolioView[]> {
    return this.portfolios.list();
  }

  @Get(':id')
  @Authenticated()
  @ApiOperation({ summary: 'Get a portfolio', description: READ_RULE })
  @ApiOkResponse({ type: PortfolioDto })
  @ApiProblems(404, 422)
  get(@Param('id', uuidPipe()) id: string): Promise<PortfolioView> {
    return this.portfolios.get(id);
  }

  @Patch(':id')
  @Allow('leadership', 'admin')
  @ApiOperation({
    summary: 'Change a portfolio: name, description, balance targets',
    description: 'Leadership or admins; guarded by version.',
  })
  @ApiOkResponse({ type: PortfolioDto })
  @ApiProblems(400, 404, 409, 422)
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuidPipe()) id: string,
    @Body() body: UpdatePortfolioDto,
  ): Promise<PortfolioView> {
    return this.portfolios.update(actorOf(principal), id, body);
  }
}
