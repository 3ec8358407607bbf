import {
  dossierPdf,
  HandoverProgress,
  PackageAcceptance,
  PackagePreparation,
  PackageQueries,
  TraceView,
} from '@ambidex/handover';
import { Principal } from '@ambidex/identity';
import { Body, Controller, Get, Header, HttpCode, Param, Patch, Post, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { Allow, Authenticated, CurrentPrincipal } from '../auth/access.decorators';
import { ApiProblems } from '../http/openapi.decorators';
import { uuidPipe } from '../http/uuid.pipe';
import { ActionDoneDto, HandoverDecisionDto, PackagePatchDto, PasswordDto } from './handover.dto';
import { PackageDto, PackageSummaryDto, TraceDto } from './views.dto';

/** The handover: innovation leads prepare and submit, quality heads accept, accept on conditions or reject. */
@ApiTags('handover')
@Controller('api')
export class HandoverController {
  constructor(
    private readonly queries: PackageQueries,
    private readonly preparation: PackagePreparation,
    private readonly acceptance: PackageAcceptance,
    private readonly progress: HandoverProgress,
    private readonly trace: TraceView,
  ) {}

  @Get('initiatives/:id/handover-packages')
  @Authenticated()
  @ApiOperation({ summary: 'The handover packages of an initiative (a rejected one stays readable)' })
  @ApiOkResponse({ type: [PackageSummaryDto] })
  @ApiProblems(422)
  list(@Param('id', uuidPipe()) id: string): Promise<PackageSummaryDto[]> {
    return this.queries.forInitiative(id);
  }

  @Get('handover-packages/:id')
  @Authenticated()
  @ApiOperation({ summary: 'A handover package with its documents, signatures, actions and time-to-controlled' })
  @ApiOkResponse({ type: PackageDto })
  @ApiProblems(404, 422)
  get(@Param('id', uuidPipe()) id: string): Promise<PackageDto> {
    return this.packageView(id);
  }

  @Patch('handover-packages/:id')
  @Allow('innovation_lead', 'admin')
  @HttpCode(200)
  @ApiOperation({ summary: 'Complete the draft package: risk controls, KPI baselines, training roles, process record' })
  @ApiOkResponse({
    type: PackageDto,
    description: 'Updated; the package as GET answers it, with the readiness checklist recomputed',
  })
  @ApiProblems(400, 404, 409, 422)
  async prepare(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuidPipe()) id: string,
    @Body() body: PackagePatchDto,
  ): Promise<PackageDto> {
    await this.preparation.update(principal, id, body);
    return this.packageView(id);
  }

  @Post('handover-packages/:id/submit')
  @Allow('innovation_lead')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Submit and sign the package (meaning: authored)',
    description:
      'Re-authenticates with your password; a wrong one answers 422 QMS.SIGNING_PASSWORD_WRONG (not 401: your session is fine).',
  })
  @ApiOkResponse({
    type: PackageDto,
    description: 'Submitted to the quality heads; the package as GET answers it, with the authored signature',
  })
  @ApiProblems(400, 404, 409, 422, 429)
  async submit(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuidPipe()) id: string,
    @Body() body: PasswordDto,
  ): Promise<PackageDto> {
    await this.acceptance.submit(principal, id, body.password);
    return this.packageView(id);
  }

  @Post('handover-packages/:id/decision')
  @Allow('quality_head')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Accept (signed: accepted), accept on conditions, or reject (signed: rejected) the package',
    description:
      'Accepting needs every checklist item done unless on conditions. Acceptance numbers the documents and routes them for approval; rejection sends the initiative back to develop ' +
      "and withdraws the package's draft documents (the next package carries over what was prepared). A wrong password answers 422 QMS.SIGNING_PASSWORD_WRONG.",
  })
  @ApiOkResponse({ type: PackageDto, description: 'Decided; the package as GET answers it' })
  @ApiProblems(400, 404, 409, 422, 429)
  async decide(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuidPipe()) id: string,
    @Body() body: HandoverDecisionDto,
  ): Promise<PackageDto> {
    await this.acceptance.decide(principal, id, {
      password: body.password,
      verdict: body.verdict,
      ...(body.reason === undefined ? {} : { reason: body.reason }),
      ...(body.conditions === undefined
        ? {}
        : { conditions: body.conditions.map((c) => ({ text: c.text, ownerId: c.ownerId, dueAt: new Date(c.dueAt) })) }),
      ...(body.approverIds === undefined ? {} : { approverIds: body.approverIds }),
      ...(body.approvalDueAt === undefined ? {} : { approvalDueAt: new Date(body.approvalDueAt) }),
    });
    return this.packageView(id);
  }

  @Get('handover-packages/:id/trace')
  @Authenticated()
  @ApiOperation({ summary: 'Trace: assumption → experiment → learning → requirement → document → training, with gaps' })
  @ApiOkResponse({ type: TraceDto })
  @ApiProblems(404, 422)
  traceOf(@Param('id', uuidPipe()) id: string): Promise<TraceDto> {
    return this.trace.forPackage(id);
  }

  @Get('handover-packages/:id/dossier.pdf')
  @Authenticated()
  @Header('content-type', 'application/pdf')
  @ApiProduces('application/pdf')
  @ApiOperation({ summary: 'The handover dossier as PDF, with every document, approval and signature manifestation' })
  @ApiOkResponse({ description: 'PDF', schema: { type: 'string', format: 'binary' } })
  @ApiProblems(404, 422)
  async dossier(@Param('id', uuidPipe()) id: string, @Res() reply: FastifyReply): Promise<void> {
    const pdf = await dossierPdf(await this.queries.get(id));
    await reply.header('content-disposition', `inline; filename="handover-${id}.pdf"`).send(pdf);
  }

  @Post('handover-actions/:id/done')
  @Authenticated()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Mark a condition of acceptance done (its owner or a quality head)',
    description: "Anyone else gets 403 HANDOVER.NOT_ACTION_OWNER. The note reads back as the action's doneNote.",
  })
  @ApiOkResponse({
    type: PackageDto,
    description:
      "Done; the action's package as GET /api/handover-packages/{id} answers it (the action is among its actions)",
  })
  @ApiProblems(400, 403, 404, 422)
  async actionDone(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuidPipe()) id: string,
    @Body() body: ActionDoneDto,
  ): Promise<PackageDto> {
    return this.packageView(await this.progress.completeAction(principal, id, body.note));
  }

  /** The package as GET answers it; writes answer it too, read after their transaction committed. */
  private async packageView(id: string): Promise<PackageDto> {
    const view = await this.queries.get(id);
    // The product definition and the risks are stored as the JSON the assembly wrote; their DTOs document that shape.
    const processRecord =
      view.processRecord === null
        ? null
        : {
            ...view.processRecord,
            risksAndControls: view.processRecord.risksAndControls as unknown as PackageDto['risks'],
          };
    return {
      ...view,
      productDefinition: view.productDefinition as unknown as PackageDto['productDefinition'],
      risks: view.risks as PackageDto['risks'],
      processRecord,
    };
  }
}
