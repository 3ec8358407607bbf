import {
  DIRECTORY_DEFAULT_LIMIT,
  DIRECTORY_MAX_LIMIT,
  DirectoryEntry,
  Role,
  ROLES,
  UserDirectory,
} from '@ambidex/identity';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { Authenticated } from '../auth/access.decorators';
import { ApiProblems } from '../http/openapi.decorators';
import { Trim } from '../portfolio/dto-helpers';

export class DirectoryQueryDto {
  @ApiPropertyOptional({
    maxLength: 100,
    example: 'ann',
    description: 'Part of the display name, any case; every active user when absent',
  })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({
    enum: ROLES,
    description: 'Only people holding this role (approvers are quality heads, owners innovation leads)',
  })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Only this person: the name of an id a link carries (a dashboard owner filter)',
  })
  @IsOptional()
  @IsUUID('all')
  id?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: DIRECTORY_MAX_LIMIT, default: DIRECTORY_DEFAULT_LIMIT })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(DIRECTORY_MAX_LIMIT)
  limit?: number;
}

export class DirectoryUserDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Ann Example' }) displayName!: string;
  @ApiProperty({ enum: ROLES, isArray: true }) roles!: Role[];
}

/** People to pick in forms, for everyone signed in; user management (with emails) stays with admins. */
@ApiTags('users')
@Controller('api/users')
export class UserDirectoryController {
  constructor(private readonly directory: UserDirectory) {}

  @Get('directory')
  @Authenticated()
  @ApiOperation({
    summary: 'Find people to name in a form: approvers, owners, team members',
    description:
      'Any signed-in user. Active users only, sorted by name; id, display name and roles, never emails (admins read ' +
      'those in GET /api/admin/users). At most `limit` people: type more of the name to narrow it.',
  })
  @ApiOkResponse({ type: [DirectoryUserDto] })
  @ApiProblems(422)
  search(@Query() query: DirectoryQueryDto): Promise<DirectoryEntry[]> {
    return this.directory.search(query);
  }
}
