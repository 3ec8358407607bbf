export * from './domain/gate-decision';
export * from './domain/readiness';
export * from './gate-review.entity';
export * from './review-parts.entities';

import { GateReviewEntity } from './gate-review.entity';
import { EvidenceSnapshotEntity, GateConditionEntity, GateReviewAssignmentEntity, ScorecardEntity } from './review-parts.entities';

export const GATES_ENTITIES = [GateReviewEntity, EvidenceSnapshotEntity, GateReviewAssignmentEntity, ScorecardEntity, GateConditionEntity];
