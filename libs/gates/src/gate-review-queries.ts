import { Principal } from '@ambidex/identity';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ReviewNotFoundError } from './domain/gates.errors';
import { GateReviewEntity } from './gate-review.entity';
import { EvidenceSnapshotEntity, ScorecardEntity } from './review-parts.entities';
import { ReviewParts, reviewWithParts } from './review-parts';

export interface ReviewView {
  review: GateReviewEntity;
  gatekeeperIds: string[];
  scorecardsIn: number;
  evidenceHash: string | null;
  /** Individual scorecards: to the chair, leadership and admins always; to gatekeepers their own. */
  scorecards: ScorecardEntity[];
}

/** A review as the principal may see it. */
export function reviewViewFor(principal: Principal, review: GateReviewEntity, parts: ReviewParts): ReviewView {
  const { gatekeeperIds, scorecards, evidenceHash } = parts;
  const seesAll =
    review.chairId === principal.userId || principal.roles.includes('leadership') || principal.roles.includes('admin');
  return {
    review,
    gatekeeperIds,
    scorecardsIn: scorecards.length,
    evidenceHash,
    scorecards: seesAll ? scorecards : scorecards.filter((s) => s.gatekeeperId === principal.userId),
  };
}

@Injectable()
export class GateReviewQueries {
  constructor(private readonly dataSource: DataSource) {}

  async get(principal: Principal, reviewId: string): Promise<ReviewView> {
    const found = await reviewWithParts(this.dataSource, reviewId);
    if (found === null) throw new ReviewNotFoundError(reviewId);
    return reviewViewFor(principal, found.review, found.parts);
  }

  listForInitiative(initiativeId: string): Promise<GateReviewEntity[]> {
    return this.dataSource
      .getRepository(GateReviewEntity)
      .find({ where: { initiativeId }, order: { requestedAt: 'ASC' } });
  }

  async evidence(reviewId: string): Promise<EvidenceSnapshotEntity> {
    const snapshot = await this.dataSource.getRepository(EvidenceSnapshotEntity).findOneBy({ reviewId });
    if (snapshot === null)
      throw new ReviewNotFoundError(`${reviewId} (no evidence snapshot: the review has not opened)`);
    return snapshot;
  }
}
