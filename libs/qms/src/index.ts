export * from './domain/document-types';
export * from './domain/revision-lifecycle';
export * from './domain/electronic-signature';
export * from './domain/line-diff';
export * from './domain/periodic-review';
export type { ApprovalDecision, ControlledDocumentStatus } from './controlled-document.entities';
export type { ChangeRequestStatus } from './change-request.entity';

import { ChangeRequestEntity } from './change-request.entity';
import {
  ControlledDocumentEntity,
  DocumentCitationEntity,
  DocumentRevisionEntity,
  NumberingSchemeEntity,
  RevisionApprovalEntity,
} from './controlled-document.entities';
import { DocumentReviewEntity, DocumentReviewIntervalEntity } from './document-review.entities';
import { ElectronicSignatureEntity } from './signature.entity';
import { TrainingAssignmentEntity } from './training.entity';

/** A package document's package_id is a foreign key to handover's package table: load these with HANDOVER_ENTITIES. */
export const QMS_ENTITIES = [
  ElectronicSignatureEntity,
  NumberingSchemeEntity,
  ControlledDocumentEntity,
  DocumentCitationEntity,
  DocumentRevisionEntity,
  RevisionApprovalEntity,
  ChangeRequestEntity,
  TrainingAssignmentEntity,
  DocumentReviewIntervalEntity,
  DocumentReviewEntity,
];
export * from './domain/qms.errors';
export * from './electronic-signatures';
export * from './signature-reader';
export * from './document-control';
export * from './qms-events';
export * from './revision-effectivity';
export * from './revision-approvals';
export * from './numbering-schemes';
export * from './change-requests';
export * from './training';
export * from './document-queries';
export * from './document-drafts';
export * from './package-drafts';
export * from './package-documents';
export * from './assumption-impact.handler';
export * from './qms-job-types';
export * from './qms-jobs';
export * from './periodic-reviews';
export * from './periodic-review-sweep';
export { overdueDocumentReviews } from './document-review-readers';
export type { OverdueDocumentReview } from './document-review-readers';
export * from './review-intervals';
export * from './qms.module';
