import { actorOf, Principal } from '@ambidex/identity';
import { DOCUMENT_TYPES, DocumentType, NumberingSchemes, NumberingSchemeView } from '@ambidex/qms';
import { Body, Controller, Get, Param, Patch } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { Allow, CurrentPrincipal } from '../auth/access.decorators';
import { ApiProblems } from '../http/openapi.decorators';
import { RequestValidationError } from '../errors/request-validation';
import { paramPipe } from '../portfolio/param-pipes';

export class NumberingSchemeDto {
  @ApiProperty({ enum: DOCUMENT_TYPES }) documentType!: string;
  @ApiProperty({ example: 'SOP' }) prefix!: string;
  @ApiProperty({ example: 4, description: 'Digits of the sequence, zero-padded' }) padding!: number;
  @ApiProperty({ example: 7, description: 'The sequence the next document of this type gets' }) nextValue!: number;
  @ApiProperty({ example: 'SOP-0007' }) nextNumber!: string;
}

export class NumberingSchemePatchDto {
  @ApiPropertyOptional({ example: 'QP', description: '1–10 capital letters or digits, starting with a letter' })
  @IsOptional()
  @Matches(/^[A-Z][A-Z0-9]{0,9}$/, { message: 'prefix must be 1–10 capital letters or digits, starting with a letter' })
  prefix?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 10 }) @IsOptional() @IsInt() @Min(1) @Max(10) padding?: number;

  @ApiPropertyOptional({ minimum: 1, description: 'Only grows, and stays above every number already issued with the prefix' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(2_000_000_000)
  nextValue?: number;
}

export const documentTypePipe = paramPipe('documentType', (v) => (DOCUMENT_TYPES as readonly string[]).includes(v), `must be one of ${DOCUMENT_TYPES.join(', ')}`);

/** Document numbering (ISO 9001 7.5.2 identification): one scheme per document type, set by admins. */
@ApiTags('admin')
@Allow('admin')
@Controller('api/admin/numbering-schemes')
export class NumberingSchemesController {
  constructor(private readonly schemes: NumberingSchemes) {}

  @Get()
  @ApiOperation({ summary: 'The numbering scheme of each controlled document type' })
  @ApiOkResponse({ type: [NumberingSchemeDto] })
  list(): Promise<NumberingSchemeView[]> {
    return this.schemes.list();
  }

  @Patch(':documentType')
  @ApiOperation({
    summary: 'Change a numbering scheme: prefix, padding, next sequence',
    description:
      'Documents keep the numbers they have; new ones follow the new scheme. Refused (409) when it could issue a number ' +
      'again: nextValue never decreases, and under a prefix it must be above every number already issued with it.',
  })
  @ApiOkResponse({ type: NumberingSchemeDto })
  @ApiProblems(400, 409, 422)
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('documentType', documentTypePipe) documentType: string,
    @Body() body: NumberingSchemePatchDto,
  ): Promise<NumberingSchemeView> {
    if (body.prefix === undefined && body.padding === undefined && body.nextValue === undefined) {
      throw new RequestValidationError([{ field: 'prefix', reason: 'give a prefix, a padding or a nextValue' }]);
    }
    return this.schemes.update(actorOf(principal), documentType as DocumentType, body);
  }
}
