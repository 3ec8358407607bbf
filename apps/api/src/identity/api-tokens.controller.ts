import { ApiTokensService, Principal } from '@ambidex/identity';
import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentPrincipal } from '../auth/access.decorators';
import { ApiProblems } from '../http/openapi.decorators';
import { ApiTokenDto, CreateApiTokenDto, CreatedApiTokenDto } from './identity.dto';
import { uuidPipe } from '../http/uuid.pipe';

@ApiTags('auth')
@Authenticated()
@Controller('api/me/api-tokens')
export class ApiTokensController {
  constructor(private readonly tokens: ApiTokensService) {}

  @Post()
  @ApiOperation({ summary: 'Create a personal API token' })
  @ApiCreatedResponse({ type: CreatedApiTokenDto })
  @ApiProblems(400, 422)
  create(@CurrentPrincipal() principal: Principal, @Body() body: CreateApiTokenDto): Promise<CreatedApiTokenDto> {
    return this.tokens.create(principal, body.name, body.expiresAt === undefined ? null : new Date(body.expiresAt));
  }

  @Get()
  @ApiOperation({ summary: 'List my API tokens' })
  @ApiOkResponse({ type: [ApiTokenDto] })
  list(@CurrentPrincipal() principal: Principal): Promise<ApiTokenDto[]> {
    return this.tokens.list(principal);
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Revoke one of my API tokens' })
  @HttpCode(204)
  @ApiNoContentResponse({
    description:
      'Revoked. No body: a deletion has no resource left to answer, unlike other writes, which answer the resource as its GET does',
  })
  @ApiProblems(404, 422)
  revoke(@CurrentPrincipal() principal: Principal, @Param('id', uuidPipe()) id: string): Promise<void> {
    return this.tokens.revoke(principal, id);
  }
}
