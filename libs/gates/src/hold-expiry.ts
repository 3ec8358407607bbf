import { InboxService } from '@ambidex/identity';
import { SYSTEM_ACTOR, TransactionRunner } from '@ambidex/platform';
import { initiativeDetails, lockInitiatives, StageTransitions } from '@ambidex/portfolio';
import { Injectable } from '@nestjs/common';
import { RequestGateReview } from './request-gate-review';
import { loadReviewAndInitiative } from './review-loader';
import { latestHoldReviewId } from './review-rows';

/**
 * When a Hold expires the initiative comes back for a decision: it becomes active again and a new review of the
 * same gate is requested (and prepared by the usual job). Idempotent: it acts only on the hold this review set.
 */
@Injectable()
export class HoldExpiry {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly stages: StageTransitions,
    private readonly requests: RequestGateReview,
    private readonly inbox: InboxService,
  ) {}

  async run(reviewId: string): Promise<'resumed' | 'skipped'> {
    return this.tx.run(async (em) => {
      const { review } = await loadReviewAndInitiative(em, reviewId, false);
      await lockInitiatives(em, [review.initiativeId], 'update');
      const initiative = await initiativeDetails(em, review.initiativeId);
      const latestHold = await latestHoldReviewId(em, review.initiativeId);
      if (
        initiative === null ||
        initiative.status !== 'on_hold' ||
        latestHold !== reviewId ||
        initiative.holdUntil === null ||
        initiative.holdUntil.getTime() > Date.now()
      ) {
        return 'skipped';
      }
      await this.stages.apply(
        em,
        initiative.id,
        { kind: 'hold_expired' },
        { actor: SYSTEM_ACTOR, reason: 'hold expired', reviewId: null },
      );
      const reopened = await initiativeDetails(em, initiative.id);
      if (reopened === null) throw new Error(`initiative ${initiative.id} left while locked`);
      const next = await this.requests.open(em, reopened, SYSTEM_ACTOR, null);
      if (review.chairId !== null) {
        await this.inbox.add(em, {
          userId: review.chairId,
          kind: 'hold_expired',
          subjectType: 'gate_review',
          subjectId: next.id,
          title: `The hold on “${initiative.title}” expired: it is back for a ${review.gate} decision`,
          dedupeKey: `hold-expired:${reviewId}`,
        });
      }
      return 'resumed';
    });
  }
}
