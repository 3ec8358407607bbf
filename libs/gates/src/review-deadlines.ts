import { InboxService } from '@ambidex/identity';
import { AuditTrail, SYSTEM_ACTOR, TransactionRunner } from '@ambidex/platform';
import { Injectable } from '@nestjs/common';
import { loadReviewAndInitiative } from './review-loader';
import { gatekeepersYetToScore } from './review-rows';

/** Reminders to gatekeepers who have not scored, and the escalation to the chair at the deadline. */
@Injectable()
export class ReviewDeadlines {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditTrail,
    private readonly inbox: InboxService,
  ) {}

  async remind(reviewId: string): Promise<number> {
    return this.tx.run(async (em) => {
      const { review, initiative } = await loadReviewAndInitiative(em, reviewId, false);
      if (review.status !== 'scoring') return 0;
      const missing = await gatekeepersYetToScore(em, reviewId);
      for (const userId of missing) {
        await this.inbox.add(em, {
          userId,
          kind: 'review_reminder',
          subjectType: 'gate_review',
          subjectId: reviewId,
          title: `Reminder: your ${review.gate} scorecard for “${initiative.title}” is due ${review.deadlineAt?.toISOString().slice(0, 10)}`,
          dedupeKey: `reminder:${reviewId}:${userId}`,
          dueAt: review.deadlineAt,
        });
      }
      return missing.length;
    });
  }

  /** At most once per review (escalated_at guard), and only if it is still waiting for scorecards. */
  async escalate(reviewId: string): Promise<boolean> {
    return this.tx.run(async (em) => {
      const { review, initiative } = await loadReviewAndInitiative(em, reviewId, false);
      const [, changed] = (await em.query(
        `UPDATE gate_reviews SET escalated_at = now() WHERE id = $1 AND status = 'scoring' AND escalated_at IS NULL AND deadline_at <= now()`,
        [reviewId],
      )) as [unknown, number];
      if (changed !== 1 || review.chairId === null) return false;
      await this.inbox.add(em, {
        userId: review.chairId,
        kind: 'review_overdue',
        subjectType: 'gate_review',
        subjectId: reviewId,
        title: `Overdue: ${review.gate} review of “${initiative.title}” passed its deadline without all scorecards`,
        dedupeKey: `overdue:${reviewId}`,
        dueAt: review.deadlineAt,
      });
      await this.audit.append(em, {
        actor: SYSTEM_ACTOR,
        action: 'gates.review.escalated',
        entityType: 'initiative',
        entityId: review.initiativeId,
        after: { reviewId, chairId: review.chairId },
      });
      return true;
    });
  }
}
