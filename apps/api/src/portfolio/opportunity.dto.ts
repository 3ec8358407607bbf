import {
  AMBITIONS,
  Ambition,
  Horizon,
  HORIZONS,
  INNOVATION_TYPES,
  InnovationType,
  NewInitiative,
} from '@ambidex/portfolio';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { Trim } from './dto-helpers';

/**
 * An opportunity raised from operations (an NC, a complaint, an audit observation): the new initiative's few fields,
 * the rest defaulted for the owner to frame in explore. The schema keeps its first name, NcOpportunityDto.
 */
export class NcOpportunityDto {
  @ApiProperty({ format: 'uuid', description: 'The portfolio the new initiative joins, in explore' })
  @IsUUID('all')
  portfolioId!: string;
  @ApiProperty({ maxLength: 200 }) @Trim() @IsString() @Length(3, 200) title!: string;
  @ApiProperty({ maxLength: 5000, description: 'The problem statement' })
  @Trim()
  @IsString()
  @Length(1, 5000)
  problem!: string;
  @ApiPropertyOptional({ maxLength: 5000, description: 'Defaults to a placeholder the owner frames in explore' })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 5000)
  valueHypothesis?: string;
  @ApiPropertyOptional({ enum: HORIZONS, description: 'H1 when left out' })
  @IsOptional()
  @IsIn(HORIZONS)
  horizon?: Horizon;
  @ApiPropertyOptional({ enum: AMBITIONS, description: 'core when left out' })
  @IsOptional()
  @IsIn(AMBITIONS)
  ambition?: Ambition;
  @ApiPropertyOptional({ enum: INNOVATION_TYPES, description: 'process when left out' })
  @IsOptional()
  @IsIn(INNOVATION_TYPES)
  innovationType?: InnovationType;
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'An active innovation lead; defaults to the caller, who must then be one',
  })
  @IsOptional()
  @IsUUID('all')
  ownerId?: string;
}

/** The intake's input for an opportunity, with the defaults the schema documents. */
export function opportunityInput(body: NcOpportunityDto): NewInitiative {
  return {
    portfolioId: body.portfolioId,
    title: body.title,
    problem: body.problem,
    valueHypothesis: body.valueHypothesis ?? 'To be framed in explore',
    horizon: body.horizon ?? 'H1',
    ambition: body.ambition ?? 'core',
    innovationType: body.innovationType ?? 'process',
    ...(body.ownerId === undefined ? {} : { ownerId: body.ownerId }),
  };
}
