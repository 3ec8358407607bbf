import { actorOf, InboxService, Principal } from '@ambidex/identity';
import { AuditTrail, Outbox, TransactionRunner } from '@ambidex/platform';
import { Decision, lockInitiatives, StageTransitions } from '@ambidex/portfolio';
import { Injectable } from '@nestjs/common';
import { decisionContextRefusal, decisionInputRefusal, isGo } from './domain/decision-rules';
import { ReviewNotAwaitingDecisionError } from './domain/gates.errors';
import { GateEvents } from './gate-events';
import { loadReviewAndInitiative } from './review-loader';
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

  async decide(principal: Principal, reviewId: string, input: DecisionInput): Promise<void> {
    const invalid = decisionInputRefusal(input, new Date());
    if (invalid) throw invalid;
    await this.tx.run(async (em) => {
      const { review, initiative } = await loadReviewAndInitiative(em, reviewId, false);
      // The initiative before the review row (the global lock order): a review request holding the initiative may be
      // waiting on this review's row in the open-review index.
      await lockInitiatives(em, [initiative.id]);
      const refusal = decisionContextRefusal(input.decision, {
        status: review.status,
        passed: review.outcome?.passed ?? null,
        chairId: review.chairId,
        ownerId: initiative.ownerId,
        deciderId: principal.userId,
      });
      if (refusal) throw refusal;
      const [, changed] = (await em.query(
        `UPDATE gate_reviews SET status = 'decided', decision = $2, decision_reason = $3, decided_by = $4, decided_at = now(),
                hold_until = $5, version = version + 1
          WHERE id = $1 AND status = 'awaiting_decision'`,
        [reviewId, input.decision, input.reason ?? null, principal.userId, input.holdUntil ?? null],
      )) as [unknown, number];
      // A concurrent decision got there first.
      if (changed !== 1) throw new ReviewNotAwaitingDecisionError();
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
    });
    if (input.decision === 'hold' && input.holdUntil !== undefined)
      await this.scheduler.scheduleHoldExpiry(reviewId, input.holdUntil);
  }
}
