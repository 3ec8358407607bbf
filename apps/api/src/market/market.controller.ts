import { Principal } from '@ambidex/identity';
import {
  CustomerFeedback,
  FeedbackEscalation,
  MarketQueries,
  monthOfDate,
  monthsBack,
  PostLaunchReviews,
  RealisedValue,
} from '@ambidex/market';
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, Authenticated, CurrentPrincipal } from '../auth/access.decorators';
import { ApiProblems } from '../http/openapi.decorators';
import { uuidPipe } from '../http/uuid.pipe';
import { NcOpportunityDto, opportunityInput } from '../portfolio/opportunity.dto';
import {
  FeedbackDto,
  FeedbackListQueryDto,
  FeedbackNonconformityDto,
  MarketSummaryQueryDto,
  MonthValueDto,
  PostLaunchReviewDto,
  ValueCsvDto,
} from './market.dto';
import {
  FeedbackDetailDto,
  FeedbackViewDto,
  ImportResultDto,
  MarketSummaryDto,
  ProductMarketDto,
} from './market-views.dto';

/**
 * The market loop (ISO 9001 9.1.2, ISO 56001 9.1): a handed-over product's realised value (its owner), customer
 * feedback (anyone signed in; quality heads raise NCs from it), post-launch reviews (owner or leadership) and the
 * summary the dashboards and the management review read (leadership, innovation leads).
 */
@ApiTags('market')
@Controller('api')
export class MarketController {
  constructor(
    private readonly queries: MarketQueries,
    private readonly value: RealisedValue,
    private readonly feedback: CustomerFeedback,
    private readonly escalation: FeedbackEscalation,
    private readonly reviews: PostLaunchReviews,
  ) {}

  @Get('market/summary')
  @Allow('leadership', 'innovation_lead')
  @ApiOperation({
    summary: 'Forecast against realised value per handed-over product, the vitality index and the budget returned',
    description: 'The last twelve months when from and to are left out. Months are YYYY-MM, both ends included.',
  })
  @ApiOkResponse({ type: MarketSummaryDto })
  @ApiProblems(422)
  summary(@Query() query: MarketSummaryQueryDto): Promise<MarketSummaryDto> {
    const to = query.to ?? monthOfDate(new Date());
    return this.queries.summary({ from: query.from ?? monthsBack(to, 11), to, portfolioId: query.portfolioId ?? null });
  }

  @Get('initiatives/:id/market')
  @Authenticated()
  @ApiOperation({ summary: "A product's market: value by month, forecast against realised, feedback, reviews" })
  @ApiOkResponse({ type: ProductMarketDto })
  @ApiProblems(404, 422)
  product(@Param('id', uuidPipe()) id: string): Promise<ProductMarketDto> {
    return this.queries.product(id);
  }

  @Post('initiatives/:id/market/values')
  @Authenticated()
  @HttpCode(200)
  @ApiOperation({
    summary: "Enter a month's realised value (the product's owner); entering a month again corrects it",
    description:
      'The product must be in operation (409 otherwise); the audit trail keeps the figures before and after.',
  })
  @ApiOkResponse({ type: ProductMarketDto })
  @ApiProblems(400, 403, 404, 409, 422)
  async enter(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuidPipe()) id: string,
    @Body() body: MonthValueDto,
  ): Promise<ProductMarketDto> {
    await this.value.enter(principal, id, body);
    return this.queries.product(id);
  }

  @Post('initiatives/:id/market/values/import')
  @Authenticated()
  @HttpCode(200)
  @ApiOperation({
    summary: "Import months of realised value from a CSV (the product's owner): all rows or none",
  })
  @ApiOkResponse({ type: ImportResultDto })
  @ApiProblems(400, 403, 404, 409, 422)
  importCsv(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuidPipe()) id: string,
    @Body() body: ValueCsvDto,
  ): Promise<ImportResultDto> {
    return this.value.importCsv(principal, id, body.csv);
  }

  @Post('initiatives/:id/market/feedback')
  @Authenticated()
  @ApiOperation({ summary: 'Record customer feedback on a product in operation (anyone signed in)' })
  @ApiCreatedResponse({ type: FeedbackDetailDto })
  @ApiProblems(400, 404, 409, 422)
  async recordFeedback(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuidPipe()) id: string,
    @Body() body: FeedbackDto,
  ): Promise<FeedbackDetailDto> {
    return this.queries.feedback(await this.feedback.record(principal, id, body));
  }

  @Get('market/feedback')
  @Authenticated()
  @ApiOperation({ summary: 'The customer feedback that raised a nonconformity (its side of the link)' })
  @ApiOkResponse({ type: [FeedbackViewDto] })
  @ApiProblems(422)
  ofNonconformity(@Query() query: FeedbackListQueryDto): Promise<FeedbackViewDto[]> {
    return this.queries.feedbackOfNonconformity(query.nonconformityId);
  }

  @Get('market/feedback/:id')
  @Authenticated()
  @ApiOperation({ summary: 'One piece of customer feedback, with the NC and opportunity it raised' })
  @ApiOkResponse({ type: FeedbackDetailDto })
  @ApiProblems(404, 422)
  getFeedback(@Param('id', uuidPipe()) id: string): Promise<FeedbackDetailDto> {
    return this.queries.feedback(id);
  }

  @Post('market/feedback/:id/nonconformity')
  @Allow('quality_head')
  @ApiOperation({
    summary: 'Raise a nonconformity from the feedback: a customer complaint about the product, linked both ways',
    description: 'One per feedback (409 for a second).',
  })
  @ApiCreatedResponse({ type: FeedbackDetailDto, description: 'The feedback, with its nonconformityId' })
  @ApiProblems(400, 404, 409, 422)
  async raiseNonconformity(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuidPipe()) id: string,
    @Body() body: FeedbackNonconformityDto,
  ): Promise<FeedbackDetailDto> {
    await this.escalation.raiseNonconformity(principal, id, body);
    return this.queries.feedback(id);
  }

  @Post('market/feedback/:id/opportunity')
  @Allow('quality_head', 'innovation_lead')
  @ApiOperation({
    summary: 'Raise an opportunity from the feedback: a new initiative in explore, its origin the feedback',
    description: 'One per feedback (409 for a second).',
  })
  @ApiCreatedResponse({ type: FeedbackDetailDto, description: 'The feedback, with its opportunityInitiativeId' })
  @ApiProblems(400, 404, 409, 422)
  async raiseOpportunity(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuidPipe()) id: string,
    @Body() body: NcOpportunityDto,
  ): Promise<FeedbackDetailDto> {
    await this.escalation.raiseOpportunity(principal, id, opportunityInput(body));
    return this.queries.feedback(id);
  }

  @Post('market/reviews/:id')
  @Authenticated()
  @HttpCode(200)
  @ApiOperation({
    summary:
      "Record a due post-launch review: ahead, on track or behind the forecast (the product's owner or leadership)",
    description: 'Once: a recorded review is frozen (409 for a second).',
  })
  @ApiOkResponse({ type: ProductMarketDto, description: "The review's product" })
  @ApiProblems(400, 403, 404, 409, 422)
  async recordReview(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuidPipe()) id: string,
    @Body() body: PostLaunchReviewDto,
  ): Promise<ProductMarketDto> {
    const initiativeId = await this.reviews.record(principal, id, body);
    return this.queries.product(initiativeId);
  }
}
