import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsNumber, IsOptional, IsString, Length, MaxLength, Min, Max, ValidateNested } from 'class-validator';
import { Trim } from './dto-helpers';

const share = { minimum: 0, maximum: 100, description: 'Percent; the three shares sum to 100' };

export class AmbitionTargetsDto {
  @ApiProperty({ ...share, example: 70 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100)
  core!: number;
  @ApiProperty({ ...share, example: 20 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100)
  adjacent!: number;
  @ApiProperty({ ...share, example: 10 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100)
  transformational!: number;
}

export class HorizonTargetsDto {
  @ApiProperty({ ...share, example: 70 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100)
  H1!: number;
  @ApiProperty({ ...share, example: 20 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100)
  H2!: number;
  @ApiProperty({ ...share, example: 10 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100)
  H3!: number;
}

export class CreatePortfolioDto {
  @ApiProperty({ example: 'Digital services', maxLength: 200 }) @Trim() @IsString() @Length(1, 200) name!: string;
  @ApiPropertyOptional({ maxLength: 4000 }) @IsOptional() @IsString() @MaxLength(4000) description?: string;
  @ApiPropertyOptional({
    type: AmbitionTargetsDto,
    description: 'Core/adjacent/transformational balance; defaults to 70/20/10',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => AmbitionTargetsDto)
  ambitionTargets?: AmbitionTargetsDto;
  @ApiPropertyOptional({ type: HorizonTargetsDto, description: 'H1/H2/H3 balance; defaults to 70/20/10' })
  @IsOptional()
  @ValidateNested()
  @Type(() => HorizonTargetsDto)
  horizonTargets?: HorizonTargetsDto;
}

export class UpdatePortfolioDto {
  @ApiProperty({
    type: 'integer',
    description: 'The version you read; a mismatch gives 409 PORTFOLIO.PORTFOLIO_CHANGED',
    minimum: 1,
  })
  @IsInt()
  @Min(1)
  version!: number;
  @ApiPropertyOptional({ maxLength: 200 }) @IsOptional() @Trim() @IsString() @Length(1, 200) name?: string;
  @ApiPropertyOptional({ maxLength: 4000 }) @IsOptional() @IsString() @MaxLength(4000) description?: string;
  @ApiPropertyOptional({ type: AmbitionTargetsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => AmbitionTargetsDto)
  ambitionTargets?: AmbitionTargetsDto;
  @ApiPropertyOptional({ type: HorizonTargetsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => HorizonTargetsDto)
  horizonTargets?: HorizonTargetsDto;
}

export class PortfolioDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ type: AmbitionTargetsDto }) ambitionTargets!: AmbitionTargetsDto;
  @ApiProperty({ type: HorizonTargetsDto }) horizonTargets!: HorizonTargetsDto;
  @ApiProperty({ format: 'uuid' }) createdBy!: string;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;
  @ApiProperty({ description: 'Send it back when updating' }) version!: number;
}
