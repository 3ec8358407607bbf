import { actorOf, Principal } from '@ambidex/identity';
import { DOCUMENT_TYPES, DocumentType, NumberingSchemes, NumberingSchemeView } from '@ambidex/qms';
import { Body, Controller, Get, Param, Patch } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Allow, CurrentPrincipal } from '../auth/access.decorators';
import { ApiProblems } from '../http/openapi.decorators';
import { RequestValidationError } from '../errors/request-validation';
import { paramPipe } from '../portfolio/param-pipes';
import { NumberingSchemePatchDto } from './handover.dto';
import { NumberingSchemeDto } from './views.dto';

export const documentTypePipe = paramPipe(
  'documentType',
  (v) => (DOCUMENT_TYPES as readonly string[]).includes(v),
  `must be one of ${DOCUMENT_TYPES.join(', ')}`,
);

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
  @ApiParam({ name: 'documentType', enum: DOCUMENT_TYPES })
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
