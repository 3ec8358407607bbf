import { actorOf, InboxService, Principal } from '@ambidex/identity';
import { AuditTrail, queryChanges, TransactionRunner } from '@ambidex/platform';
import { Injectable } from '@nestjs/common';
import {
  ManagementReviewStateError,
  NotReviewActionOwnerError,
  ReviewActionNotFoundError,
} from './domain/management-review.errors';
import { loadAction } from './management-review-rows';
import { REVIEW_ACTION_INBOX_KINDS } from './review-outputs';

/** The owner marks their review action done with a note, before or after the review is signed. */
@Injectable()
export class ReviewActions {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditTrail,
    private readonly inbox: InboxService,
  ) {}

  async markDone(principal: Principal, actionId: string, note: string): Promise<void> {
    await this.tx.run(async (em) => {
      const action = await loadAction(em, actionId);
      if (action === null) throw new ReviewActionNotFoundError(actionId);
      if (action.ownerId !== principal.userId) throw new NotReviewActionOwnerError();
      // done_at in the WHERE: done twice at once, the second is told.
      const { count } = await queryChanges(
        em,
        `UPDATE management_review_actions SET done_at = now(), done_note = $2 WHERE id = $1 AND done_at IS NULL`,
        [actionId, note],
      );
      if (count !== 1) throw new ManagementReviewStateError('The action is already done');
      await this.inbox.complete(em, actionId, REVIEW_ACTION_INBOX_KINDS, action.ownerId);
      await this.audit.append(em, {
        actor: actorOf(principal),
        action: 'management-review.action-done',
        entityType: 'management_review',
        entityId: action.reviewId,
        chainKey: `management_review:${action.reviewId}`,
        after: { actionId, note },
      });
    });
  }
}
