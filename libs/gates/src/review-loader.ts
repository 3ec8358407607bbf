import { GateDefinition, initiativeDetails, InitiativeDetails, processModelDefinition } from '@ambidex/portfolio';
import { EntityManager } from 'typeorm';
import { ReviewNotFoundError } from './domain/gates.errors';
import { GateReviewEntity } from './gate-review.entity';
import { REVIEW_COLUMNS } from './review-parts';

export interface LoadedReview {
  review: GateReviewEntity;
  initiative: InitiativeDetails;
  definition: GateDefinition;
}

export type LoadedReviewWithoutDefinition = Omit<LoadedReview, 'definition'>;

/** Loads a review with its initiative and the gate's definition from the model version the initiative started on. */
export async function loadReview(em: EntityManager, reviewId: string, lock: boolean): Promise<LoadedReview> {
  const { review, initiative } = await loadReviewAndInitiative(em, reviewId, lock);
  const model = await processModelDefinition(em, initiative.processModelId);
  if (model === null)
    throw new Error(`process model ${initiative.processModelId} of initiative ${initiative.id} is gone`);
  return { review, initiative, definition: model.gates[review.gate] };
}

/** For the use cases that do not judge against the gate's criteria (a deadline, a hold's expiry): one read less. */
export async function loadReviewAndInitiative(
  em: EntityManager,
  reviewId: string,
  lock: boolean,
): Promise<LoadedReviewWithoutDefinition> {
  // Plain SQL rather than the repository: every step of a review passes here, and building the entity query costs
  // more than running it.
  const [row] = (await em.query(
    `SELECT ${REVIEW_COLUMNS} FROM gate_reviews r WHERE r.id = $1${lock ? ' FOR UPDATE' : ''}`,
    [reviewId],
  )) as Partial<GateReviewEntity>[];
  if (row === undefined) throw new ReviewNotFoundError(reviewId);
  const review = Object.assign(new GateReviewEntity(), row);
  const initiative = await initiativeDetails(em, review.initiativeId);
  if (initiative === null) throw new Error(`initiative ${review.initiativeId} of review ${reviewId} is gone`);
  return { review, initiative };
}
