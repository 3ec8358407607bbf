import { HandoverModule } from '@ambidex/handover';
import { IdentityModule } from '@ambidex/identity';
import { PortfolioModule } from '@ambidex/portfolio';
import { QmsModule } from '@ambidex/qms';
import { Module } from '@nestjs/common';
import { CorrectiveActions } from './corrective-actions';
import { EffectivenessChecks } from './effectiveness-checks';
import { NonconformityChangeRequests } from './nonconformity-change-requests';
import { NonconformityInvestigation } from './nonconformity-investigation';
import { NonconformityJobs } from './nonconformity-jobs';
import { NonconformityOpportunities } from './nonconformity-opportunities';
import { NonconformityQueries } from './nonconformity-queries';
import { NonconformitySweeper } from './nonconformity-sweeper';
import { RaiseNonconformity } from './raise-nonconformity';
import { SubjectRecords } from './subject-records';

const SERVICES = [
  CorrectiveActions,
  EffectivenessChecks,
  NonconformityChangeRequests,
  NonconformityInvestigation,
  NonconformityJobs,
  NonconformityOpportunities,
  NonconformityQueries,
  NonconformitySweeper,
  RaiseNonconformity,
  SubjectRecords,
];

@Module({
  imports: [IdentityModule, PortfolioModule, QmsModule, HandoverModule],
  providers: SERVICES,
  exports: SERVICES,
})
export class NonconformityModule {}
