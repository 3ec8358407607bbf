import { IdentityModule } from '@ambidex/identity';
import { InsightsModule } from '@ambidex/insights';
import { PortfolioModule } from '@ambidex/portfolio';
import { QmsModule } from '@ambidex/qms';
import { Module } from '@nestjs/common';
import { ManagementReviewJobs } from './management-review-jobs';
import { ManagementReviewQueries } from './management-review-queries';
import { ManagementReviewSweeper } from './management-review-sweeper';
import { PackAssembly } from './pack-assembly';
import { ReviewActions } from './review-actions';
import { ReviewOpportunities } from './review-opportunities';
import { ReviewOutputs } from './review-outputs';
import { ScheduleManagementReview } from './schedule-management-review';
import { SignManagementReview } from './sign-management-review';

const SERVICES = [
  ManagementReviewJobs,
  ManagementReviewQueries,
  ManagementReviewSweeper,
  PackAssembly,
  ReviewActions,
  ReviewOpportunities,
  ReviewOutputs,
  ScheduleManagementReview,
  SignManagementReview,
];

/** Management reviews: the pack from every context's readers, the outputs, the signature. Expects PlatformModule. */
@Module({
  imports: [IdentityModule, PortfolioModule, QmsModule, InsightsModule],
  providers: SERVICES,
  exports: SERVICES,
})
export class ManagementReviewModule {}
