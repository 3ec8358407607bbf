import { IdentityModule } from '@ambidex/identity';
import { Module } from '@nestjs/common';
import { AssumptionImpactHandler } from './assumption-impact.handler';
import { ChangeRequests } from './change-requests.service';
import { DocumentControl } from './document-control.service';
import { DocumentDrafts } from './document-drafts.service';
import { DocumentQueries } from './document-queries';
import { RevisionEffectivity } from './effectivity.service';
import { NumberingSchemes } from './numbering-schemes.service';
import { PackageDrafts } from './package-drafts.service';
import { RevisionApprovals } from './revision-approval.service';
import { ElectronicSignatures } from './signatures.service';
import { Training } from './training.service';

const SERVICES = [
  AssumptionImpactHandler,
  ChangeRequests,
  DocumentControl,
  DocumentDrafts,
  DocumentQueries,
  ElectronicSignatures,
  NumberingSchemes,
  PackageDrafts,
  RevisionApprovals,
  RevisionEffectivity,
  Training,
];

@Module({ imports: [IdentityModule], providers: SERVICES, exports: SERVICES })
export class QmsModule {}
