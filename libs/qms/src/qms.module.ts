import { EvidenceModule } from '@ambidex/experiments';
import { IdentityModule } from '@ambidex/identity';
import { Module } from '@nestjs/common';
import { AssumptionImpactHandler } from './assumption-impact.handler';
import { ChangeRequests } from './change-requests';
import { DocumentControl } from './document-control';
import { DocumentDrafts } from './document-drafts';
import { DocumentQueries } from './document-queries';
import { RevisionEffectivity } from './revision-effectivity';
import { NumberingSchemes } from './numbering-schemes';
import { PackageDocuments } from './package-documents';
import { PackageDrafts } from './package-drafts';
import { RevisionApprovals } from './revision-approvals';
import { ElectronicSignatures } from './electronic-signatures';
import { Training } from './training';
import { QmsJobs } from './qms-jobs';
import { PeriodicReviews } from './periodic-reviews';
import { PeriodicReviewSweep } from './periodic-review-sweep';
import { ReviewIntervals } from './review-intervals';
import { DocumentReviewReads } from './document-review-reads';

const SERVICES = [
  AssumptionImpactHandler,
  ChangeRequests,
  DocumentControl,
  DocumentDrafts,
  DocumentQueries,
  ElectronicSignatures,
  NumberingSchemes,
  PackageDocuments,
  PackageDrafts,
  RevisionApprovals,
  RevisionEffectivity,
  Training,
  PeriodicReviews,
  PeriodicReviewSweep,
  ReviewIntervals,
  DocumentReviewReads,
  QmsJobs,
];

@Module({ imports: [IdentityModule, EvidenceModule], providers: SERVICES, exports: SERVICES })
export class QmsModule {}
