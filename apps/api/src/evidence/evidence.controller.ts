import { EvidenceFormat, EvidenceQueries, ExportEvidence } from '@ambidex/evidence';
import { Principal } from '@ambidex/identity';
import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { Allow, CurrentPrincipal } from '../auth/access.decorators';
import { ApiProblems } from '../http/openapi.decorators';
import { EvidenceOverviewDto, EvidenceRangeQueryDto } from './evidence.dto';

const CONTENT_TYPES: Record<EvidenceFormat, string> = { pdf: 'application/pdf', zip: 'application/zip' };

/**
 * Evidence for auditors: the period's audit-trail records indexed by ISO clause, the coverage report, and the
 * exports (PDF, ZIP of JSON records). Auditors, quality heads and leadership only; each export is recorded.
 */
@ApiTags('evidence')
@Controller('api/evidence')
export class EvidenceController {
  constructor(
    private readonly queries: EvidenceQueries,
    private readonly exports: ExportEvidence,
  ) {}

  @Get()
  @Allow('auditor', 'quality_head', 'leadership')
  @ApiOperation({ summary: "A period's evidence by clause (latest records of each) and the clauses with none" })
  @ApiOkResponse({ type: EvidenceOverviewDto })
  @ApiProblems(403, 422)
  overview(@Query() query: EvidenceRangeQueryDto): Promise<EvidenceOverviewDto> {
    return this.queries.overview(query.from, query.to);
  }

  @Get('export.pdf')
  @Allow('auditor', 'quality_head', 'leadership')
  @ApiProduces('application/pdf')
  @ApiOperation({
    summary: 'The evidence as PDF: coverage summary, then clause by clause with links, signatures and hashes',
    description: 'Recorded (who, period, SHA-256 of the file) and written to the audit trail.',
  })
  @ApiOkResponse({ description: 'PDF', schema: { type: 'string', format: 'binary' } })
  @ApiProblems(403, 422)
  pdf(
    @CurrentPrincipal() principal: Principal,
    @Query() query: EvidenceRangeQueryDto,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    return this.send(principal, query, 'pdf', reply);
  }

  @Get('export.zip')
  @Allow('auditor', 'quality_head', 'leadership')
  @ApiProduces('application/zip')
  @ApiOperation({
    summary: 'The evidence as a ZIP: records/<id>.json per record, index.json by clause, coverage.json',
    description: 'Check it with `npm run audit:verify -- --evidence <file>`. Recorded and written to the audit trail.',
  })
  @ApiOkResponse({ description: 'ZIP', schema: { type: 'string', format: 'binary' } })
  @ApiProblems(403, 422)
  zip(
    @CurrentPrincipal() principal: Principal,
    @Query() query: EvidenceRangeQueryDto,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    return this.send(principal, query, 'zip', reply);
  }

  private async send(
    principal: Principal,
    query: EvidenceRangeQueryDto,
    format: EvidenceFormat,
    reply: FastifyReply,
  ): Promise<void> {
    const file = await this.exports.export(principal, query.from, query.to, format);
    await reply
      .header('content-type', CONTENT_TYPES[format])
      .header('content-disposition', `attachment; filename="${file.fileName}"`)
      .header('x-evidence-sha256', file.sha256)
      .send(file.data);
  }
}
