import { actorOf, InboxService, Principal } from '@ambidex/identity';
import { AuditTrail, Outbox, TransactionRunner } from '@ambidex/platform';
import { Decision, lockInitiative, StageTransitions } from '@ambidex/portfolio';
import { Injectable } from '@nestjs/common';
import { decisionContextRefusal, decisionInputRefusal, isGo } from './domain/decision-rules';
import { ReviewNotAwaitingDecisionError, ReviewNotFoundError } from './domain/gates.errors';
import { GateEvents } from './gate-events';
import { reviewViewFor, ReviewView } from './gate-review-queries';
import { reviewWithParts } from './review-parts';
import { ReviewScheduler } from './review-scheduler';

export interface DecisionInput {
  decision: Decision;
  reason?: string;
  conditions?: { text: string; dueAt?: Date }[];
  holdUntil?: Date;
}

/**
 * The chair records the decision. The review's status guard makes it once: of two chairs deciding together one
 * succeeds and the other gets 409; the stage change, history, conditions, audit and outbox commit with it.
 */
@Injectable()
export class DecideGateReview {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditTrail,
    private readonly outbox: Outbox,
    private readonly inbox: InboxService,
    private readonly stages: StageTransitions,
    private readonly scheduler: ReviewScheduler,
  ) {}

  /** Returns the decided review as the chair sees it, read in the decision's own transaction. */
  async decide(principal: Principal, reviewId: string, input: DecisionInput): Promise<ReviewView> {
    const invalid = decisionInputRefusal(input, new Date());
    if (invalid) throw invalid;
    const decided = await this.tx.run(async (em) => {
      // Read with its gatekeepers and scorecards (one statement), so the answer needs no read after the commit.
      const found = await reviewWithParts(em, reviewId);
      if (found === null) throw new ReviewNotFoundError(reviewId);
      const { review, parts } = found;
      // The initiative before the review row (the global lock order): a review request holding the initiative may be
      // waiting on this review's row in the open-review index.
      const initiative = await lockInitiative(em, review.initiativeId);
      if (initiative === null) throw new Error(`initiative ${review.initiativeId} of review ${reviewId} is gone`);
      const refusal = decisionContextRefusal(input.decision, {
        status: review.status,
        passed: review.outcome?.passed ?? null,
        chairId: review.chairId,
        ownerId: initiative.ownerId,
        deciderId: principal.userId,
      });
      if (refusal) throw refusal;
      const [rows, changed] = (await em.query(
        `UPDATE gate_reviews SET status = 'decided', decision = $2, decision_reason = $3, decided_by = $4, decided_at = now(),
                hold_until = $5, version = version + 1
          WHERE id = $1 AND status = 'awaiting_decision'
          RETURNING decided_at AS "decidedAt", version`,
        [reviewId, input.decision, input.reason ?? null, principal.userId, input.holdUntil ?? null],
      )) as [{ decidedAt: Date; version: number }[], number];
      // A concurrent decision got there first.
      if (changed !== 1 || rows[0] === undefined) throw new ReviewNotAwaitingDecisionError();
      Object.assign(review, {
        status: 'decided',
        decision: input.decision,
        decisionReason: input.reason ?? null,
        decidedBy: principal.userId,
        holdUntil: input.holdUntil ?? null,
        ...rows[0],
      });
      const actor = actorOf(principal);
      await this.stages.apply(
        em,
        initiative.id,
        { kind: 'decision', gate: review.gate, decision: input.decision },
        { actor, reason: input.reason ?? null, reviewId, holdUntil: input.holdUntil ?? null },
      );
      for (const condition of input.decision === 'conditional_go' ? (input.conditions ?? []) : []) {
        await em.query(`INSERT INTO gate_conditions (review_id, initiative_id, text, due_at) VALUES ($1, $2, $3, $4)`, [
          reviewId,
          initiative.id,
          condition.text,
          condition.dueAt ?? null,
        ]);
      }
      await this.inbox.complete(em, reviewId, ['decide_review', 'review_overdue']);
      await this.audit.append(em, {
        actor,
        action: 'gates.review.decided',
        entityType: 'gate_review',
        entityId: reviewId,
        reason: input.reason ?? null,
        after: { decision: input.decision, conditions: input.conditions ?? [], holdUntil: input.holdUntil ?? null },
      });
      await this.outbox.record(em, {
        type: GateEvents.ReviewDecided,
        aggregateType: 'gate_review',
        aggregateId: reviewId,
        payload: {
          reviewId,
          initiativeId: initiative.id,
          portfolioId: initiative.portfolioId,
          gate: review.gate,
          decision: input.decision,
        },
      });
      if (review.gate === 'G3' && isGo(input.decision)) {
        await this.outbox.record(em, {
          type: GateEvents.HandoverApproved,
          aggregateType: 'initiative',
          aggregateId: initiative.id,
          payload: { initiativeId: initiative.id, reviewId },
        });
      }
      return reviewViewFor(principal, review, parts);
    });
    if (input.decision === 'hold' && input.holdUntil !== undefined)
      await this.scheduler.scheduleHoldExpiry(reviewId, input.holdUntil);
    return decided;
  }
}
