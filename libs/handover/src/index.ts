export * from './domain/package-content';
export * from './domain/document-templates';
export type { HandoverStatus, ProductDefinition } from './handover.entities';
export type { ProcessKpi, ProcessRecordStatus, ProcessRiskControl } from './process-record.entity';

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
export * from './assemble-handover-package';
export * from './package-preparation';
export * from './handover-events';
export * from './package-acceptance';
export * from './handover-progress';
export * from './handover-sweeper';
export * from './package-queries';
export * from './trace-view';
export * from './process-record-readers';
export * from './handover-condition-readers';
export * from './pdf-export';
export * from './handover-job-types';
export * from './handover-jobs';
export * from './handover.module';
