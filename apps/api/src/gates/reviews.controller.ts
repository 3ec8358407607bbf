import {
  DecideGateReview,
  GateConditions,
  GateReviewEntity,
  GateReviewQueries,
  RequestGateReview,
  ReviewView,
  SubmitScorecard,
} from '@ambidex/gates';
import { PackageQueries } from '@ambidex/handover';
import { nameIn, Principal, UserNames } from '@ambidex/identity';
import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, Authenticated, CurrentPrincipal } from '../auth/access.decorators';
import { ApiProblems } from '../http/openapi.decorators';
import { uuidPipe } from '../http/uuid.pipe';
import {
  ConditionDto,
  ConditionMetDto,
  DecisionDto,
  EvidenceDto,
  GateReviewDetailDto,
  GateReviewDto,
  ScorecardAcceptedDto,
  ScorecardDto,
} from './gates.dto';

function reviewDto(review: GateReviewEntity, names: Map<string, string>): GateReviewDto {
  const {
    id,
    initiativeId,
    gate,
    status,
    requestedAt,
    chairId,
    openedAt,
    deadlineAt,
    readiness,
    outcome,
    decision,
    decisionReason,
    decidedAt,
    holdUntil,
  } = review;
  const chairName = nameIn(names, chairId);
  return {
    id,
    initiativeId,
    gate,
    status,
    requestedAt,
    chairId,
    chairName,
    openedAt,
    deadlineAt,
    readiness,
    outcome,
    decision,
    decisionReason,
    decidedAt,
    holdUntil,
  };
}

@ApiTags('gate reviews')
@Controller('api')
export class ReviewsController {
  constructor(
    private readonly requests: RequestGateReview,
    private readonly scorecards: SubmitScorecard,
    private readonly decisions: DecideGateReview,
    private readonly conditions: GateConditions,
    private readonly queries: GateReviewQueries,
    private readonly users: UserNames,
    private readonly packages: PackageQueries,
  ) {}

  @Post('initiatives/:id/reviews')
  @Allow('innovation_lead', 'admin')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Ask for a review of the current gate',
    description: 'Owner or admin. A job checks readiness, freezes the evidence and assigns gatekeepers.',
  })
  @ApiAcceptedResponse({ type: GateReviewDto })
  @ApiProblems(404, 409, 422)
  async request(@CurrentPrincipal() principal: Principal, @Param('id', uuidPipe()) id: string): Promise<GateReviewDto> {
    const review = await this.requests.request(principal, id);
    return reviewDto(review, await this.users.names([review.chairId]));
  }

  @Get('initiatives/:id/reviews')
  @Authenticated()
  @ApiOperation({ summary: 'The gate reviews of an initiative' })
  @ApiOkResponse({ type: [GateReviewDto] })
  @ApiProblems(422)
  async list(@Param('id', uuidPipe()) id: string): Promise<GateReviewDto[]> {
    const reviews = await this.queries.listForInitiative(id);
    const names = await this.users.names(reviews.map((r) => r.chairId));
    return reviews.map((r) => reviewDto(r, names));
  }

  @Get('reviews/:id')
  @Authenticated()
  @ApiOperation({ summary: 'A gate review with its gatekeepers, scorecards and evidence hash' })
  @ApiOkResponse({ type: GateReviewDetailDto })
  @ApiProblems(404, 422)
  async get(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuidPipe()) id: string,
  ): Promise<GateReviewDetailDto> {
    const view = await this.queries.get(principal, id);
    return this.detail(view, await this.packages.idOfReview(id));
  }

  private async detail(view: ReviewView, handoverPackageId: string | null): Promise<GateReviewDetailDto> {
    const names = await this.users.names([view.review.chairId, ...view.gatekeeperIds]);
    return {
      ...reviewDto(view.review, names),
      gatekeeperIds: view.gatekeeperIds,
      gatekeepers: view.gatekeeperIds.map((gid) => ({ id: gid, name: nameIn(names, gid) ?? '' })),
      scorecardsIn: view.scorecardsIn,
      evidenceHash: view.evidenceHash,
      scorecards: view.scorecards.map(({ gatekeeperId, mustMeet, shouldMeet, submittedAt }) => ({
        gatekeeperId,
        gatekeeperName: nameIn(names, gatekeeperId),
        mustMeet,
        shouldMeet,
        submittedAt,
      })),
      handoverPackageId,
    };
  }

  @Get('reviews/:id/evidence')
  @Authenticated()
  @ApiOperation({ summary: 'The frozen evidence snapshot the gatekeepers saw' })
  @ApiOkResponse({ type: EvidenceDto })
  @ApiProblems(404, 422)
  async evidence(@Param('id', uuidPipe()) id: string): Promise<EvidenceDto> {
    const { reviewId, contentHash, createdAt, content } = await this.queries.evidence(id);
    return { reviewId, contentHash, createdAt, content };
  }

  @Post('reviews/:id/scorecards')
  @Allow('gatekeeper')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Submit my scorecard',
    description: 'Assigned gatekeepers only, once each, while the review is scoring.',
  })
  @ApiCreatedResponse({ type: ScorecardAcceptedDto })
  @ApiProblems(400, 404, 409, 422)
  score(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuidPipe()) id: string,
    @Body() body: ScorecardDto,
  ): Promise<ScorecardAcceptedDto> {
    return this.scorecards.submit(principal, id, body);
  }

  @Post('reviews/:id/decision')
  @Allow('leadership')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Record the gate decision',
    description: 'The gate chair only, once all scorecards are in.',
  })
  @ApiOkResponse({
    type: GateReviewDetailDto,
    description: 'Decided (the stage changed accordingly); the review as GET /api/reviews/{id} answers it',
  })
  @ApiProblems(400, 404, 409, 422)
  async decide(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuidPipe()) id: string,
    @Body() body: DecisionDto,
  ): Promise<GateReviewDetailDto> {
    const decided = await this.decisions.decide(principal, id, {
      decision: body.decision,
      ...(body.reason === undefined ? {} : { reason: body.reason }),
      ...(body.holdUntil === undefined ? {} : { holdUntil: new Date(body.holdUntil) }),
      ...(body.conditions === undefined
        ? {}
        : {
            conditions: body.conditions.map((c) => ({
              text: c.text,
              ...(c.dueAt === undefined ? {} : { dueAt: new Date(c.dueAt) }),
            })),
          }),
    });
    // A G3 Go's handover package is assembled by the worker after this commit: none exists yet.
    return this.detail(decided, null);
  }

  @Get('initiatives/:id/conditions')
  @Authenticated()
  @ApiOperation({ summary: 'Conditions of Conditional Go decisions on an initiative' })
  @ApiOkResponse({ type: [ConditionDto] })
  @ApiProblems(422)
  async listConditions(@Param('id', uuidPipe()) id: string): Promise<ConditionDto[]> {
    return (await this.conditions.list(id)).map(conditionDto);
  }

  @Post('conditions/:id/met')
  @Allow('innovation_lead', 'admin')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark a condition met', description: 'Owner of the initiative or admin.' })
  @ApiOkResponse({ type: ConditionDto })
  @ApiProblems(400, 404, 422)
  async markMet(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuidPipe()) id: string,
    @Body() body: ConditionMetDto,
  ): Promise<ConditionDto> {
    // Answers the condition exactly as the list shows it.
    return conditionDto(await this.conditions.markMet(principal, id, body.note));
  }
}

function conditionDto({ id, reviewId, text, dueAt, metAt, metNote }: ConditionDto): ConditionDto {
  return { id, reviewId, text, dueAt, metAt, metNote };
}
