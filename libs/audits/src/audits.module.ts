import { IdentityModule } from '@ambidex/identity';
import { NonconformityModule } from '@ambidex/nonconformity';
import { PortfolioModule } from '@ambidex/portfolio';
import { QmsModule } from '@ambidex/qms';
import { Module } from '@nestjs/common';
import { AuditConduct } from './audit-conduct';
import { AuditObservationOpportunities } from './audit-observation-opportunities';
import { AuditQueries } from './audit-queries';
import { AuditSweeper } from './audit-sweeper';
import { AuditedRecords } from './audited-records';
import { AuditsJobs } from './audits-jobs';
import { PlanAudit } from './plan-audit';
import { SignAuditReport } from './sign-audit-report';

const SERVICES = [
  AuditConduct,
  AuditObservationOpportunities,
  AuditQueries,
  AuditSweeper,
  AuditedRecords,
  AuditsJobs,
  PlanAudit,
  SignAuditReport,
];

@Module({
  imports: [IdentityModule, PortfolioModule, QmsModule, NonconformityModule],
  providers: SERVICES,
  exports: SERVICES,
})
export class AuditsModule {}
