import { actorOf, Principal } from '@ambidex/identity';
import { WebhookDeliveryView, WebhookSubscriptionsService, WebhookSubscriptionView } from '@ambidex/portfolio';
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiExtraModels,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Allow, CurrentPrincipal } from '../auth/access.decorators';
import { ApiProblems } from '../http/openapi.decorators';
import { uuidPipe } from '../http/uuid.pipe';
import { StageChangedWebhookDto } from './webhook-payload.dto';
import {
  CreatedWebhookSubscriptionDto,
  CreateWebhookDto,
  UpdateWebhookDto,
  WebhookDeliveryDto,
  WebhookSubscriptionDto,
} from './webhook.dto';

const EVENTS =
  'Each stage change of an initiative in the portfolio is POSTed as JSON {id, type: "portfolio.stage-changed", occurredAt, ' +
  'data: {initiativeId, portfolioId, kind, decision, gate, reviewId, from, to}} as the component schema StageChangedWebhookDto ' +
  'describes (#/components/schemas/StageChangedWebhookDto), signed in x-ambidex-signature. A 2xx answer within 10 s counts as ' +
  'delivered (redirects are not followed); anything else is retried with exponential backoff, 8 tries in all, then marked failed.';

/** Leadership or admins: subscriptions reveal where portfolio data goes. */
@ApiTags('webhooks')
@ApiExtraModels(StageChangedWebhookDto)
@Allow('leadership', 'admin')
@Controller('api/portfolios/:portfolioId/webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhookSubscriptionsService) {}

  @Post()
  @ApiOperation({
    summary: 'Subscribe a URL to the portfolio’s stage changes',
    description: `${EVENTS} The secret is in this response only.`,
  })
  @ApiCreatedResponse({ type: CreatedWebhookSubscriptionDto })
  @ApiProblems(400, 404, 422)
  create(
    @CurrentPrincipal() principal: Principal,
    @Param('portfolioId', uuidPipe('portfolioId')) portfolioId: string,
    @Body() body: CreateWebhookDto,
  ): Promise<WebhookSubscriptionView & { secret: string }> {
    return this.webhooks.create(principal, portfolioId, body.url);
  }

  @Get()
  @ApiOperation({ summary: 'List the portfolio’s webhook subscriptions (without secrets)' })
  @ApiOkResponse({ type: [WebhookSubscriptionDto] })
  @ApiProblems(404, 422)
  list(@Param('portfolioId', uuidPipe('portfolioId')) portfolioId: string): Promise<WebhookSubscriptionView[]> {
    return this.webhooks.list(portfolioId);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get a webhook subscription (without its secret)' })
  @ApiOkResponse({ type: WebhookSubscriptionDto })
  @ApiProblems(404, 422)
  get(
    @Param('portfolioId', uuidPipe('portfolioId')) portfolioId: string,
    @Param('id', uuidPipe()) id: string,
  ): Promise<WebhookSubscriptionView> {
    return this.webhooks.get(portfolioId, id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a subscription’s URL, or pause and resume it' })
  @ApiOkResponse({ type: WebhookSubscriptionDto })
  @ApiProblems(400, 404, 422)
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('portfolioId', uuidPipe('portfolioId')) portfolioId: string,
    @Param('id', uuidPipe()) id: string,
    @Body() body: UpdateWebhookDto,
  ): Promise<WebhookSubscriptionView> {
    return this.webhooks.update(actorOf(principal), portfolioId, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a subscription and its delivery log' })
  @ApiNoContentResponse({
    description:
      'Deleted. No body: the subscription is gone, unlike other writes, which answer the resource as its GET does',
  })
  @ApiProblems(404, 422)
  remove(
    @CurrentPrincipal() principal: Principal,
    @Param('portfolioId', uuidPipe('portfolioId')) portfolioId: string,
    @Param('id', uuidPipe()) id: string,
  ): Promise<void> {
    return this.webhooks.remove(actorOf(principal), portfolioId, id);
  }

  @Get(':id/deliveries')
  @ApiOperation({ summary: 'The latest 50 deliveries of a subscription: status, attempts, last answer' })
  @ApiOkResponse({ type: [WebhookDeliveryDto] })
  @ApiProblems(404, 422)
  deliveries(
    @Param('portfolioId', uuidPipe('portfolioId')) portfolioId: string,
    @Param('id', uuidPipe()) id: string,
  ): Promise<WebhookDeliveryView[]> {
    return this.webhooks.deliveries(portfolioId, id);
  }
}
