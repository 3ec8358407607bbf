import {
  AUDIT_CLAUSES,
  AuditConduct,
  AuditObservationOpportunities,
  AuditQueries,
  PlanAudit,
  SignAuditReport,
} from '@ambidex/audits';
import { Principal } from '@ambidex/identity';
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, Authenticated, CurrentPrincipal } from '../auth/access.decorators';
import { ApiProblems } from '../http/openapi.decorators';
import { uuidPipe } from '../http/uuid.pipe';
import { AuditClauseDto, AuditDto, AuditSummaryDto } from './audit-views.dto';
import { opportunityInput } from '../portfolio/opportunity.dto';
import {
  AuditListQueryDto,
  AuditOpportunityDto,
  PlanAuditDto,
  RecordFindingDto,
  SignAuditReportDto,
} from './audits.dto';

/** Internal audits: quality heads plan the programme; the assigned auditor conducts, records findings and signs. */
@ApiTags('audits')
@Controller('api')
export class AuditsController {
  constructor(
    private readonly queries: AuditQueries,
    private readonly planning: PlanAudit,
    private readonly conduct: AuditConduct,
    private readonly reports: SignAuditReport,
    private readonly opportunities: AuditObservationOpportunities,
  ) {}

  @Get('audits')
  @Authenticated()
  @ApiOperation({ summary: 'The audit programme, by planned date, filtered by status' })
  @ApiOkResponse({ type: [AuditSummaryDto] })
  @ApiProblems(422)
  list(@Query() query: AuditListQueryDto): Promise<AuditSummaryDto[]> {
    return this.queries.list(query.status ?? null);
  }

  @Get('audit-clauses')
  @Authenticated()
  @ApiOperation({ summary: 'The ISO 9001 and ISO 56001 clauses an audit may cover' })
  @ApiOkResponse({ type: [AuditClauseDto] })
  clauses(): AuditClauseDto[] {
    return AUDIT_CLAUSES.map((c) => ({ id: c.id, title: c.title }));
  }

  @Post('audits')
  @Allow('quality_head')
  @ApiOperation({
    summary: 'Plan an internal audit: date, scope, clauses, auditor (numbered AUD-0001 onwards)',
    description: 'The auditor holds the auditor role, is not the planner and does not own the record audited (422).',
  })
  @ApiCreatedResponse({ type: AuditDto })
  @ApiProblems(400, 422)
  async plan(@CurrentPrincipal() principal: Principal, @Body() body: PlanAuditDto): Promise<AuditDto> {
    const id = await this.planning.plan(principal, {
      plannedFor: body.plannedFor,
      scope: body.scope,
      subject: body.subject === undefined ? null : { type: body.subject.type, id: body.subject.id },
      clauses: body.clauses,
      auditorId: body.auditorId,
    });
    return this.queries.get(id);
  }

  @Get('audits/:id')
  @Authenticated()
  @ApiOperation({ summary: 'An audit with its checklist, findings, the nonconformities raised and the signature' })
  @ApiOkResponse({ type: AuditDto })
  @ApiProblems(404, 422)
  get(@Param('id', uuidPipe()) id: string): Promise<AuditDto> {
    return this.queries.get(id);
  }

  @Post('audits/:id/start')
  @Allow('auditor')
  @HttpCode(200)
  @ApiOperation({ summary: 'Start the audit (its auditor): the checklist gets one item per clause in scope' })
  @ApiOkResponse({ type: AuditDto })
  @ApiProblems(403, 404, 409, 422)
  async start(@CurrentPrincipal() principal: Principal, @Param('id', uuidPipe()) id: string): Promise<AuditDto> {
    await this.conduct.start(principal, id);
    return this.queries.get(id);
  }

  @Post('audits/:id/findings')
  @Allow('auditor')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Record the finding of a checklist item (its auditor); minor and major raise a nonconformity',
    description: 'The nonconformity has source internal_audit and names the audit; the item links to it.',
  })
  @ApiOkResponse({ type: AuditDto })
  @ApiProblems(400, 403, 404, 409, 422)
  async finding(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuidPipe()) id: string,
    @Body() body: RecordFindingDto,
  ): Promise<AuditDto> {
    await this.conduct.recordFinding(principal, id, {
      clause: body.clause,
      finding: body.finding,
      note: body.note,
      evidenceLinks: body.evidenceLinks ?? [],
      probability: body.probability ?? 3,
    });
    return this.queries.get(id);
  }

  @Post('audits/:id/report')
  @Allow('auditor')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Complete the audit with a summary and sign the report (authored); a signed audit cannot change',
    description: 'Every item needs a finding. Re-authenticates with your password (422 QMS.SIGNING_PASSWORD_WRONG).',
  })
  @ApiOkResponse({ type: AuditDto })
  @ApiProblems(400, 403, 404, 409, 422, 429)
  async sign(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuidPipe()) id: string,
    @Body() body: SignAuditReportDto,
  ): Promise<AuditDto> {
    await this.reports.sign(principal, id, body);
    return this.queries.get(id);
  }

  @Post('audits/:id/opportunities')
  @Allow('quality_head', 'innovation_lead')
  @ApiOperation({
    summary:
      'Raise an opportunity from an observation: a new initiative in explore, its origin this audit (ISO 56001 8.3.2)',
    description: 'One per observation; only observations raise one (409). Allowed after the report is signed.',
  })
  @ApiCreatedResponse({ type: AuditDto, description: 'The audit; the item carries its opportunityInitiativeId' })
  @ApiProblems(400, 404, 409, 422)
  async opportunity(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuidPipe()) id: string,
    @Body() body: AuditOpportunityDto,
  ): Promise<AuditDto> {
    await this.opportunities.raise(principal, id, body.clause, opportunityInput(body));
    return this.queries.get(id);
  }
}
