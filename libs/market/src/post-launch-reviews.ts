import { activeUserIdsWithAnyRole, actorOf, InboxService, Principal } from '@ambidex/identity';
import { AuditTrail, queryChanges, SYSTEM_ACTOR, TransactionRunner } from '@ambidex/platform';
import { initiativeSummary } from '@ambidex/portfolio';
import { Injectable } from '@nestjs/common';
import { REVIEW_VERDICTS, ReviewVerdict } from './domain/market-rules';
import { InvalidMarketInputError, NotProductOwnerError, ReviewStateError } from './domain/market.errors';
import { loadReview } from './market-rows';

/** One inbox kind per review, so recording the 6-month review leaves a pending 12-month one open. */
export const reviewDueKind = (months: number): string => `market_review_due_${months}m`;

export interface ReviewInput {
  verdict: ReviewVerdict;
  notes: string;
}

/**
 * The post-launch reviews at 6 and 12 months: when due they land in the owner's and leadership's inbox; the owner or
 * leadership records the verdict (ahead, on track, behind) once, after which the row is frozen.
 */
@Injectable()
export class PostLaunchReviews {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditTrail,
    private readonly inbox: InboxService,
  ) {}

  /** The delayed job and the sweep both land here: the first to find the review due notifies, once. */
  async notifyDue(reviewId: string): Promise<boolean> {
    return this.tx.run(async (em) => {
      const { rows } = await queryChanges<{ initiative_id: string; months: number }>(
        em,
        `UPDATE market_post_launch_reviews SET notified_at = now()
          WHERE id = $1 AND notified_at IS NULL AND verdict IS NULL AND due_at <= now()
          RETURNING initiative_id, months`,
        [reviewId],
      );
      const review = rows[0];
      if (review === undefined) return false;
      const initiative = await initiativeSummary(em, review.initiative_id);
      const recipients = new Set(await activeUserIdsWithAnyRole(em, ['leadership']));
      if (initiative !== null) recipients.add(initiative.ownerId);
      for (const userId of recipients) {
        await this.inbox.add(em, {
          userId,
          kind: reviewDueKind(review.months),
          subjectType: 'initiative',
          subjectId: review.initiative_id,
          title: `${review.months}-month post-launch review of “${initiative?.title ?? 'a product'}”: is it ahead, on track or behind its forecast?`,
          dedupeKey: `market-review:${reviewId}:${userId}`,
        });
      }
      await this.audit.append(em, {
        actor: SYSTEM_ACTOR,
        action: 'market.review-due',
        entityType: 'market_product',
        entityId: review.initiative_id,
        chainKey: `market:${review.initiative_id}`,
        after: { reviewId, months: review.months },
      });
      return true;
    });
  }

  /** Returns the review's product. */
  async record(principal: Principal, reviewId: string, input: ReviewInput): Promise<string> {
    if (!(REVIEW_VERDICTS as readonly string[]).includes(input.verdict))
      throw new InvalidMarketInputError([{ field: 'verdict', reason: `one of ${REVIEW_VERDICTS.join(', ')}` }]);
    return this.tx.run(async (em) => {
      const review = await loadReview(em, reviewId, true);
      const initiative = await initiativeSummary(em, review.initiativeId);
      if (initiative?.ownerId !== principal.userId && !principal.roles.includes('leadership'))
        throw new NotProductOwnerError('or leadership records a post-launch review');
      if (review.verdict !== null) throw new ReviewStateError('The review is already recorded');
      if (review.dueAt.getTime() > Date.now())
        throw new ReviewStateError(`The review is due on ${review.dueAt.toISOString().slice(0, 10)}`);
      // The verdict in the WHERE: of two recording at once, the second finds it recorded (409).
      const { count } = await queryChanges(
        em,
        `UPDATE market_post_launch_reviews SET verdict = $2, notes = $3, recorded_by = $4, recorded_at = now()
          WHERE id = $1 AND verdict IS NULL`,
        [reviewId, input.verdict, input.notes, principal.userId],
      );
      if (count !== 1) throw new ReviewStateError('The review was recorded meanwhile');
      await this.inbox.complete(em, review.initiativeId, [reviewDueKind(review.months)]);
      await this.audit.append(em, {
        actor: actorOf(principal),
        action: 'market.review-recorded',
        entityType: 'market_product',
        entityId: review.initiativeId,
        chainKey: `market:${review.initiativeId}`,
        reason: input.notes,
        after: { reviewId, months: review.months, verdict: input.verdict },
      });
      return review.initiativeId;
    });
  }
}
