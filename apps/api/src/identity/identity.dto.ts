import { MIN_PASSWORD_LENGTH, Role, ROLES } from '@ambidex/identity';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDateString,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  Length,
  MaxLength,
} from 'class-validator';

export class LoginDto {
  @ApiProperty({ format: 'email', example: 'lead@ambidex.local' }) @IsEmail() @MaxLength(320) email!: string;
  @ApiProperty({ example: 'correct horse battery staple' }) @IsString() @Length(1, 256) password!: string;
}

export class RefreshDto {
  @ApiProperty() @IsString() @Length(10, 200) refreshToken!: string;
}

export class TokensDto {
  @ApiProperty() accessToken!: string;
  @ApiProperty() accessTokenExpiresAt!: Date;
  @ApiProperty() refreshToken!: string;
  @ApiProperty() sessionExpiresAt!: Date;
}

export class MeDto {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty() email!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ enum: ROLES, isArray: true }) roles!: Role[];
  @ApiProperty({ enum: ['session', 'api-token'] }) via!: 'session' | 'api-token';
}

export class UserDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() email!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ enum: ROLES, isArray: true }) roles!: Role[];
  @ApiProperty() active!: boolean;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;
}

export class CreateUserDto {
  @ApiProperty({ format: 'email' }) @IsEmail() @MaxLength(320) email!: string;
  @ApiProperty() @IsString() @Length(1, 200) displayName!: string;
  @ApiProperty({ minLength: MIN_PASSWORD_LENGTH }) @IsString() @Length(MIN_PASSWORD_LENGTH, 256) password!: string;
  @ApiProperty({ enum: ROLES, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(ROLES, { each: true })
  roles!: Role[];
}

export class UpdateUserDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200) displayName?: string;
  @ApiPropertyOptional({ enum: ROLES, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(ROLES, { each: true })
  roles?: Role[];
  @ApiPropertyOptional() @IsOptional() @IsBoolean() active?: boolean;
}

export class CreateApiTokenDto {
  @ApiProperty({ example: 'nightly import script' }) @IsString() @Length(1, 100) name!: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'ISO 8601; never expires when absent' })
  @IsOptional()
  @IsDateString()
  expiresAt?: string;
}

export class ApiTokenDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() createdAt!: Date;
  @ApiProperty({ type: Date, nullable: true }) expiresAt!: Date | null;
  @ApiProperty({ type: Date, nullable: true }) lastUsedAt!: Date | null;
  @ApiProperty({ type: Date, nullable: true }) revokedAt!: Date | null;
}

export class CreatedApiTokenDto extends ApiTokenDto {
  @ApiProperty({ description: 'Shown once; only its hash is stored' }) token!: string;
}
