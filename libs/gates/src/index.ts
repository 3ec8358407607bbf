export * from './domain/gate-decision';
export * from './domain/readiness';
export * from './domain/gates.errors';
export * from './gate-review.entity';
export * from './review-parts.entities';
export * from './gate-events';
export * from './request-review.service';
export * from './prepare-review.service';
export * from './submit-scorecard.service';
export * from './compute-outcome.service';
export * from './decide-review.service';
export * from './hold-expiry.service';
export * from './review-deadlines.service';
export * from './conditions.service';
export * from './gates-sweeper.service';
export * from './review-queries';
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
