import { EscalationPolicy, OverdueEscalation } from '@ambidex/identity';
import { queryChanges } from '@ambidex/platform';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ESCALATE_TO_LEADERSHIP_AFTER_DAYS } from './domain/management-review-rules';
import { overdueActions, ReviewActionRecord } from './management-review-rows';

const BATCH = 200;

/** Overdue review actions go to their owner, then to leadership, signed review or not (progress stays open). */
const ESCALATION: EscalationPolicy<ReviewActionRecord> = {
  role: 'leadership',
  roleAfterDays: ESCALATE_TO_LEADERSHIP_AFTER_DAYS,
  noun: 'review action',
  stamp: async (em, action, step) => {
    const column = step === 'owner' ? 'escalated_to_owner_at' : 'escalated_to_leadership_at';
    const { rows } = await queryChanges<{ number: string }>(
      em,
      `UPDATE management_review_actions a SET ${column} = now() FROM management_reviews r
        WHERE a.id = $1 AND a.${column} IS NULL AND a.done_at IS NULL AND r.id = a.review_id RETURNING r.number`,
      [action.id],
    );
    return rows[0]?.number ?? null;
  },
  // The owner goes to their actions; leadership to the review, where every action of it shows.
  notice: (action, step) => ({
    kind: step === 'owner' ? 'management_review_action_overdue' : 'management_review_action_escalated',
    subjectType: step === 'owner' ? 'management_review_action' : 'management_review',
    subjectId: step === 'owner' ? action.id : action.reviewId,
    dedupeKey: `mr-overdue:${step === 'owner' ? 'owner' : 'leadership'}:${action.id}`,
  }),
};

/**
 * Escalates overdue review actions: to the owner once past due, to leadership once a few days later; once each per
 * action, signed review or not (an action's progress stays open after signing).
 */
@Injectable()
export class ManagementReviewSweeper {
  constructor(
    private readonly dataSource: DataSource,
    private readonly escalation: OverdueEscalation,
  ) {}

  async escalateOverdue(): Promise<number> {
    const actions = await overdueActions(this.dataSource.manager, this.escalation.roleCutoff(ESCALATION), BATCH);
    return this.escalation.escalate(actions, ESCALATION);
  }
}
