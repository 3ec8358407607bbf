import { EvidenceModule } from '@ambidex/experiments';
import { IdentityModule } from '@ambidex/identity';
import { PortfolioModule } from '@ambidex/portfolio';
import { Module } from '@nestjs/common';
import { ComputeGateOutcome } from './compute-gate-outcome';
import { GateConditions } from './gate-conditions';
import { DecideGateReview } from './decide-gate-review';
import { GateJobs } from './gate-jobs';
import { GatesSweeper } from './gates-sweeper';
import { HoldExpiry } from './hold-expiry';
import { PrepareGateReview } from './prepare-gate-review';
import { RequestGateReview } from './request-gate-review';
import { ReviewDeadlines } from './review-deadlines';
import { GateReviewQueries } from './gate-review-queries';
import { ReviewScheduler } from './review-scheduler';
import { SubmitScorecard } from './submit-scorecard';

const SERVICES = [
  ComputeGateOutcome,
  DecideGateReview,
  GateConditions,
  GateJobs,
  GateReviewQueries,
  GatesSweeper,
  HoldExpiry,
  PrepareGateReview,
  RequestGateReview,
  ReviewDeadlines,
  ReviewScheduler,
  SubmitScorecard,
];

@Module({ imports: [IdentityModule, PortfolioModule, EvidenceModule], providers: SERVICES, exports: SERVICES })
export class GatesModule {}
