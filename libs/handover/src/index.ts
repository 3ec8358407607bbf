export * from './domain/package-content';
export * from './domain/document-templates';
export * from './handover.entities';
export * from './process-record.entity';

import { HandoverActionEntity, HandoverPackageEntity, HandoverRequirementEntity } from './handover.entities';
import { ProcessRecordEntity } from './process-record.entity';

export const HANDOVER_ENTITIES = [
  HandoverPackageEntity,
  HandoverRequirementEntity,
  HandoverActionEntity,
  ProcessRecordEntity,
];
export * from './domain/handover.errors';
export * from './package-subject';
export * from './package-facts';
export * from './assemble-package.service';
export * from './package-preparation.service';
export * from './package-acceptance.service';
export * from './handover-progress.service';
export * from './handover-sweeper.service';
export * from './package-queries';
export * from './trace.service';
export * from './pdf-export';
export * from './handover.module';
