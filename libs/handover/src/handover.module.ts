import { IdentityModule } from '@ambidex/identity';
import { PortfolioModule } from '@ambidex/portfolio';
import { QmsModule } from '@ambidex/qms';
import { Module } from '@nestjs/common';
import { AssembleHandoverPackage } from './assemble-package.service';
import { HandoverEventHandlers } from './handover-event-handlers';
import { HandoverProgress } from './handover-progress.service';
import { HandoverSweeper } from './handover-sweeper.service';
import { PackageAcceptance } from './package-acceptance.service';
import { PackagePreparation } from './package-preparation.service';
import { PackageQueries } from './package-queries';
import { TraceView } from './trace.service';

const SERVICES = [
  AssembleHandoverPackage,
  HandoverEventHandlers,
  HandoverProgress,
  HandoverSweeper,
  PackageAcceptance,
  PackagePreparation,
  PackageQueries,
  TraceView,
];

@Module({ imports: [IdentityModule, PortfolioModule, QmsModule], providers: SERVICES, exports: SERVICES })
export class HandoverModule {}
