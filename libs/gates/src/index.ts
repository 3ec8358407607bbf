export * from './domain/gate-decision';
export * from './domain/readiness';
export * from './domain/gates.errors';
// A review as the queries return it: its type only, so no other code reads or writes gates' tables through it.
export type { GateReviewEntity } from './gate-review.entity';
export { OPEN_REVIEW_STATUSES, REVIEW_STATUSES, type ReviewStatus } from './domain/review-status';
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
export * from './gate-review-readers';
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
