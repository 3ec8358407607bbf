import { actorOf, InboxService, Principal } from '@ambidex/identity';
import { AuditTrail, isUniqueViolation, Outbox, TransactionRunner } from '@ambidex/platform';
import { Injectable } from '@nestjs/common';
import { MustMeetJudgement, ShouldMeetScore, validateScorecard } from './domain/gate-decision';
import {
  AlreadyScoredError,
  InvalidScorecardError,
  NotAssignedError,
  ReviewNotScoringError,
} from './domain/gates.errors';
import { GateEvents, gateJobIntents } from './gate-events';
import { loadReview } from './review-loader';
import { isAssigned, scoringProgress } from './review-rows';

export interface ScorecardInput {
  mustMeet: MustMeetJudgement[];
  shouldMeet: ShouldMeetScore[];
}

/**
 * An assigned gatekeeper's scorecard, once. The review row is locked, so of two last scorecards arriving
 * together exactly one sees the set complete and asks for the outcome.
 */
@Injectable()
export class SubmitScorecard {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditTrail,
    private readonly outbox: Outbox,
    private readonly inbox: InboxService,
  ) {}

  async submit(principal: Principal, reviewId: string, input: ScorecardInput): Promise<{ complete: boolean }> {
    try {
      return await this.tx.run(async (em) => {
        const { review, definition } = await loadReview(em, reviewId, true);
        if (!(await isAssigned(em, reviewId, principal.userId))) throw new NotAssignedError();
        if (review.status !== 'scoring') throw new ReviewNotScoringError(review.status);
        const problems = validateScorecard(definition, input);
        if (problems.length > 0) throw new InvalidScorecardError(problems);
        await em.query(
          `INSERT INTO scorecards (review_id, gatekeeper_id, must_meet, should_meet) VALUES ($1, $2, $3, $4)`,
          [reviewId, principal.userId, JSON.stringify(input.mustMeet), JSON.stringify(input.shouldMeet)],
        );
        await this.inbox.complete(em, reviewId, ['score_review', 'review_reminder'], principal.userId);
        await this.audit.append(em, {
          actor: actorOf(principal),
          action: 'gates.scorecard.submitted',
          entityType: 'initiative',
          entityId: review.initiativeId,
          after: { reviewId, ...input },
        });
        const counts = await scoringProgress(em, reviewId);
        const complete = counts.scored === counts.assigned;
        if (complete) {
          await this.outbox.record(
            em,
            {
              type: GateEvents.ScorecardsComplete,
              aggregateType: 'gate_review',
              aggregateId: reviewId,
              payload: { reviewId },
            },
            { job: gateJobIntents.outcome(reviewId) },
          );
        }
        return { complete };
      });
    } catch (error) {
      if (isUniqueViolation(error, 'uq_scorecards_review_gatekeeper')) throw new AlreadyScoredError();
      throw error;
    }
  }
}
