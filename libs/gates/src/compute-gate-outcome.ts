import { InboxService } from '@ambidex/identity';
import { AuditTrail, SYSTEM_ACTOR, TransactionRunner } from '@ambidex/platform';
import { Injectable } from '@nestjs/common';
import { decideGate, GateOutcome } from './domain/gate-decision';
import { loadReview } from './review-loader';
import { ReviewScheduler } from './review-scheduler';
import { scorecardSlots } from './review-rows';

/** When the last scorecard is in: the outcome, a proposed decision, and the chair's inbox. Idempotent. */
@Injectable()
export class ComputeGateOutcome {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditTrail,
    private readonly inbox: InboxService,
    private readonly scheduler: ReviewScheduler,
  ) {}

  async run(reviewId: string): Promise<GateOutcome | null> {
    const outcome = await this.tx.run(async (em) => {
      const { review, initiative, definition } = await loadReview(em, reviewId, true);
      if (review.status !== 'scoring') return null;
      const slots = await scorecardSlots(em, reviewId);
      if (slots.some((s) => s.mustMeet === null)) return null;
      const scorecards = slots.map((s) => ({
        gatekeeperId: s.gatekeeperId,
        mustMeet: s.mustMeet ?? [],
        shouldMeet: s.shouldMeet ?? [],
      }));
      const result = decideGate(definition, review.evaluated ?? [], scorecards);
      await em.query(
        `UPDATE gate_reviews SET status = 'awaiting_decision', outcome = $2, version = version + 1 WHERE id = $1 AND status = 'scoring'`,
        [reviewId, JSON.stringify(result)],
      );
      if (review.chairId !== null) {
        await this.inbox.add(em, {
          userId: review.chairId,
          kind: 'decide_review',
          subjectType: 'gate_review',
          subjectId: reviewId,
          title: `Decide ${review.gate} for “${initiative.title}”: proposed ${result.proposal} (score ${result.weightedMean} / ${result.passMark})`,
          dedupeKey: `decide:${reviewId}`,
        });
      }
      await this.audit.append(em, {
        actor: SYSTEM_ACTOR,
        action: 'gates.review.outcome',
        entityType: 'initiative',
        entityId: review.initiativeId,
        after: { reviewId, outcome: result },
      });
      return result;
    });
    if (outcome !== null) await this.scheduler.cancelDeadline(reviewId);
    return outcome;
  }
}
