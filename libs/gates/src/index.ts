export * from './domain/gate-decision';
export * from './domain/readiness';
export * from './domain/gates.errors';
export * from './gate-review.entity';
export * from './review-parts.entities';
export * from './gate-events';
export * from './gate-job-types';
export * from './gate-jobs';
export * from './request-gate-review';
export * from './prepare-gate-review';
export * from './submit-scorecard';
export * from './compute-gate-outcome';
export * from './decide-gate-review';
export * from './hold-expiry';
export * from './review-deadlines';
export * from './gate-conditions';
export * from './gates-sweeper';
export * from './gate-review-queries';
export * from './gates.module';

import { GateReviewEntity } from './gate-review.entity';
import {
  EvidenceSnapshotEntity,
  GateConditionEntity,
  GateReviewAssignmentEntity,
  ScorecardEntity,
} from './review-parts.entities';

export const GATES_ENTITIES = [
  GateReviewEntity,
  EvidenceSnapshotEntity,
  GateReviewAssignmentEntity,
  ScorecardEntity,
  GateConditionEntity,
];
