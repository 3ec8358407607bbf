// The experiments context's public surface: its domain, the services the API and the worker call, and the evidence
// reader other contexts read assumptions, experiments and learnings through. Entity classes stay inside; their types
// are exported for what the services return.
export * from './domain/experiment-result';
export * from './domain/learning';
export * from './domain/ingest-entry';
export * from './domain/experiments.errors';
export * from './domain/ndjson';

export * from './assumptions.service';
export * from './experiments.service';
export * from './learnings.service';
export * from './ingest.service';
export * from './initiative-team';
export * from './learning-search';
export * from './learning-search-words';
export { IngestProcessor } from './ingest.processor';
export { IngestSweeper } from './ingest-sweeper';
export * from './experiment-events';
export * from './experiment-job-types';
export * from './experiment-jobs';

export * from './evidence/evidence.types';
export * from './evidence/evidence-reader';
export * from './evidence/evidence.module';
export * from './experiments.module';

export type { AssumptionEntity, AssumptionStatusEventEntity } from './assumption.entity';
export type { ExperimentEntity, ExperimentResultEntity } from './experiment.entity';
export type { LearningEntity } from './learning.entity';
export type { IngestBatchEntity } from './ingest.entities';

import { AssumptionEntity, AssumptionStatusEventEntity, InitiativeMemberEntity } from './assumption.entity';
import { ExperimentAssumptionEntity, ExperimentEntity, ExperimentResultEntity } from './experiment.entity';
import { IngestBatchEntity, IngestEntryEntity, LearningRollupEntity } from './ingest.entities';
import { LearningEntity } from './learning.entity';

/** Every experiments entity, for the TypeORM data source. */
export const EXPERIMENTS_ENTITIES = [
  InitiativeMemberEntity,
  AssumptionEntity,
  AssumptionStatusEventEntity,
  ExperimentEntity,
  ExperimentAssumptionEntity,
  ExperimentResultEntity,
  LearningEntity,
  IngestBatchEntity,
  IngestEntryEntity,
  LearningRollupEntity,
];
