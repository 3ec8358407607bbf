export * from './domain/document-types';
export * from './domain/revision-lifecycle';
export * from './domain/electronic-signature';
export * from './domain/line-diff';
export * from './signature.entity';
export * from './controlled-document.entities';
export * from './change-request.entity';
export * from './training.entity';

import { ChangeRequestEntity } from './change-request.entity';
import {
  ControlledDocumentEntity,
  DocumentCitationEntity,
  DocumentRevisionEntity,
  NumberingSchemeEntity,
  RevisionApprovalEntity,
} from './controlled-document.entities';
import { ElectronicSignatureEntity } from './signature.entity';
import { TrainingAssignmentEntity } from './training.entity';

/** controlled_documents.package_id references handover_packages by table name: load these with HANDOVER_ENTITIES. */
export const QMS_ENTITIES = [
  ElectronicSignatureEntity,
  NumberingSchemeEntity,
  ControlledDocumentEntity,
  DocumentCitationEntity,
  DocumentRevisionEntity,
  RevisionApprovalEntity,
  ChangeRequestEntity,
  TrainingAssignmentEntity,
];
export * from './domain/qms.errors';
export * from './signatures.service';
export * from './revision-subject';
export * from './document-control.service';
export * from './effectivity.service';
export * from './revision-approval.service';
export * from './numbering-schemes.service';
export * from './change-requests.service';
export * from './training.service';
export * from './document-queries';
export * from './document-drafts.service';
export * from './package-drafts.service';
export * from './assumption-impact.handler';
export * from './qms.module';
