import { EvidenceModule } from '@ambidex/experiments';
import { IdentityModule } from '@ambidex/identity';
import { PortfolioModule } from '@ambidex/portfolio';
import { QmsModule } from '@ambidex/qms';
import { Module } from '@nestjs/common';
import { AssembleHandoverPackage } from './assemble-handover-package';
import { HandoverEventHandlers } from './handover-event-handlers';
import { HandoverJobs } from './handover-jobs';
import { HandoverProgress } from './handover-progress';
import { HandoverSweeper } from './handover-sweeper';
import { PackageAcceptance } from './package-acceptance';
import { PackagePreparation } from './package-preparation';
import { PackageQueries } from './package-queries';
import { TraceView } from './trace-view';

const SERVICES = [
  AssembleHandoverPackage,
  HandoverEventHandlers,
  HandoverJobs,
  HandoverProgress,
  HandoverSweeper,
  PackageAcceptance,
  PackagePreparation,
  PackageQueries,
  TraceView,
];

@Module({
  imports: [IdentityModule, PortfolioModule, QmsModule, EvidenceModule],
  providers: SERVICES,
  exports: SERVICES,
})
export class HandoverModule {}
