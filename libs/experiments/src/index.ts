export * from './domain/experiment-result';
export * from './domain/learning';
export * from './domain/ingest-entry';
export * from './assumption.entity';
export * from './experiment.entity';
export * from './learning.entity';
export * from './ingest.entities';

import { AssumptionEntity, AssumptionStatusEventEntity, InitiativeMemberEntity } from './assumption.entity';
import { ExperimentAssumptionEntity, ExperimentEntity, ExperimentResultEntity } from './experiment.entity';
import { IngestBatchEntity, IngestEntryEntity, LearningRollupEntity } from './ingest.entities';
import { LearningEntity } from './learning.entity';

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
export * from './domain/experiments.errors';
export * from './entry-outcome';
export * from './initiative-team';
export * from './assumptions.service';
export * from './experiments.service';
export * from './learnings.service';
export * from './learning-store';
export * from './result-store';
export * from './ingest.service';
export * from './ingest.processor';
export * from './learning-search';
export * from './learning-rollups';
export * from './experiment-job-types';
export * from './experiment-jobs';
export * from './experiments.module';
export * from './domain/ndjson';
