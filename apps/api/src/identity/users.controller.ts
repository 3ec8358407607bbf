import { actorOf, Principal, UsersService } from '@ambidex/identity';
import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, CurrentPrincipal } from '../auth/access.decorators';
import { ApiProblems } from '../http/openapi.decorators';
import { uuidPipe } from '../http/uuid.pipe';
import { CreateUserDto, UpdateUserDto, UserDto } from './identity.dto';

@ApiTags('admin')
@Allow('admin')
@Controller('api/admin/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @ApiOperation({ summary: 'Create a user' })
  @ApiCreatedResponse({ type: UserDto })
  @ApiProblems(400, 409, 422)
  create(@CurrentPrincipal() principal: Principal, @Body() body: CreateUserDto): Promise<UserDto> {
    return this.users.create(actorOf(principal), body);
  }

  @Get()
  @ApiOperation({ summary: 'List users' })
  @ApiOkResponse({ type: [UserDto] })
  list(): Promise<UserDto[]> {
    return this.users.list();
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get a user' })
  @ApiOkResponse({ type: UserDto })
  @ApiProblems(404, 422)
  get(@Param('id', uuidPipe()) id: string): Promise<UserDto> {
    return this.users.get(id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a user: name, roles, active' })
  @ApiOkResponse({ type: UserDto, description: 'Deactivating a user also revokes their sessions' })
  @ApiProblems(400, 404, 409, 422)
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuidPipe()) id: string,
    @Body() body: UpdateUserDto,
  ): Promise<UserDto> {
    return this.users.update(actorOf(principal), id, body);
  }
}
