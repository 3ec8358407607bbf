import { IdentityModule } from '@ambidex/identity';
import { PortfolioModule } from '@ambidex/portfolio';
import { Module } from '@nestjs/common';
import { ComputeGateOutcome } from './compute-outcome.service';
import { GateConditions } from './conditions.service';
import { DecideGateReview } from './decide-review.service';
import { GateEventHandlers } from './gate-event-handlers';
import { GatesSweeper } from './gates-sweeper.service';
import { HoldExpiry } from './hold-expiry.service';
import { PrepareGateReview } from './prepare-review.service';
import { RequestGateReview } from './request-review.service';
import { ReviewDeadlines } from './review-deadlines.service';
import { GateReviewQueries } from './review-queries';
import { ReviewScheduler } from './review-scheduler';
import { SubmitScorecard } from './submit-scorecard.service';

const SERVICES = [
  ComputeGateOutcome,
  DecideGateReview,
  GateConditions,
  GateEventHandlers,
  GateReviewQueries,
  GatesSweeper,
  HoldExpiry,
  PrepareGateReview,
  RequestGateReview,
  ReviewDeadlines,
  ReviewScheduler,
  SubmitScorecard,
];

@Module({ imports: [IdentityModule, PortfolioModule], providers: SERVICES, exports: SERVICES })
export class GatesModule {}
