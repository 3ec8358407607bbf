import { IdentityModule } from '@ambidex/identity';
import { NonconformityModule } from '@ambidex/nonconformity';
import { PortfolioModule } from '@ambidex/portfolio';
import { Module } from '@nestjs/common';
import { CustomerFeedback } from './customer-feedback';
import { FeedbackEscalation } from './feedback-escalation';
import { MarketEventHandlers } from './market-event-handlers';
import { MarketJobs } from './market-jobs';
import { MarketQueries } from './market-queries';
import { MarketSweeper } from './market-sweeper';
import { PostLaunchReviews } from './post-launch-reviews';
import { ProductRegistration } from './product-registration';
import { RealisedValue } from './realised-value';

const SERVICES = [
  CustomerFeedback,
  FeedbackEscalation,
  MarketEventHandlers,
  MarketJobs,
  MarketQueries,
  MarketSweeper,
  PostLaunchReviews,
  ProductRegistration,
  RealisedValue,
];

@Module({
  imports: [IdentityModule, PortfolioModule, NonconformityModule],
  providers: SERVICES,
  exports: SERVICES,
})
export class MarketModule {}
