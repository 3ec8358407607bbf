import { activeUserIdsWithAnyRole, InboxService } from '@ambidex/identity';
import { queryChanges, TransactionRunner } from '@ambidex/platform';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DAY_MS, ESCALATE_TO_LEADERSHIP_AFTER_DAYS } from './domain/management-review-rules';
import { overdueActions, ReviewActionRecord } from './management-review-rows';

const BATCH = 200;

/**
 * Escalates overdue review actions: to the owner once past due, to leadership once a few days later; once each per
 * action, signed review or not (an action's progress stays open after signing).
 */
@Injectable()
export class ManagementReviewSweeper {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly inbox: InboxService,
  ) {}

  async escalateOverdue(): Promise<number> {
    const leadershipAfter = new Date(Date.now() - ESCALATE_TO_LEADERSHIP_AFTER_DAYS * DAY_MS);
    let sent = 0;
    for (const action of await overdueActions(this.dataSource.manager, leadershipAfter, BATCH)) {
      if (action.escalatedToOwnerAt === null) sent += await this.escalate(action, 'owner');
      else if (action.dueAt < leadershipAfter) sent += await this.escalate(action, 'leadership');
    }
    return sent;
  }

  private async escalate(action: ReviewActionRecord, to: 'owner' | 'leadership'): Promise<number> {
    const column = to === 'owner' ? 'escalated_to_owner_at' : 'escalated_to_leadership_at';
    return this.tx.run(async (em) => {
      // The stamp in the WHERE: two sweeps at once escalate once.
      const { rows } = await queryChanges<{ number: string }>(
        em,
        `UPDATE management_review_actions a SET ${column} = now() FROM management_reviews r
          WHERE a.id = $1 AND a.${column} IS NULL AND a.done_at IS NULL AND r.id = a.review_id RETURNING r.number`,
        [action.id],
      );
      const number = rows[0]?.number;
      if (number === undefined) return 0;
      const recipients = to === 'owner' ? [action.ownerId] : await activeUserIdsWithAnyRole(em, ['leadership']);
      for (const userId of recipients) {
        await this.inbox.add(em, {
          userId,
          kind: to === 'owner' ? 'management_review_action_overdue' : 'management_review_action_escalated',
          // The owner goes to their actions; leadership to the review, where every action of it shows.
          subjectType: to === 'owner' ? 'management_review_action' : 'management_review',
          subjectId: to === 'owner' ? action.id : action.reviewId,
          title: `${number}: review action overdue since ${action.dueAt.toISOString().slice(0, 10)}: ${action.text.slice(0, 140)}`,
          dedupeKey: `mr-overdue:${to}:${action.id}:${userId}`,
          dueAt: action.dueAt,
        });
      }
      return 1;
    });
  }
}
