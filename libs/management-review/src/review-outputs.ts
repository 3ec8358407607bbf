import { activeUserIds, actorOf, InboxService, Principal } from '@ambidex/identity';
import { AuditTrail, queryChanges, returnedId, TransactionRunner } from '@ambidex/platform';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { reasonableDay } from './domain/management-review-rules';
import { InvalidManagementReviewError, ManagementReviewStateError } from './domain/management-review.errors';
import { loadReview, ManagementReviewRecord } from './management-review-rows';

export interface ReviewNotes {
  contextChanges: string | null;
  decisions: string[];
}

export interface NewReviewAction {
  text: string;
  ownerId: string;
  dueAt: Date;
}

/** The inbox kinds of a review action's owner: closed when they mark it done. */
export const REVIEW_ACTION_INBOX_KINDS = ['management_review_action', 'management_review_action_overdue'];

/**
 * The meeting's outputs (ISO 9001 9.3.3): the context text and the decisions, and actions with an owner (any active
 * user) and a due date, each in the owner's inbox. Recorded while the review is not signed; the review's row lock
 * orders them against a signature.
 */
@Injectable()
export class ReviewOutputs {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditTrail,
    private readonly inbox: InboxService,
  ) {}

  async recordNotes(principal: Principal, id: string, notes: ReviewNotes): Promise<void> {
    await this.tx.run(async (em) => {
      await this.scheduled(em, id);
      const { count } = await queryChanges(
        em,
        `UPDATE management_reviews SET context_changes = $2, decisions = $3 WHERE id = $1 AND status = 'scheduled'`,
        [id, notes.contextChanges, notes.decisions],
      );
      if (count !== 1) throw new ManagementReviewStateError('The review was signed meanwhile');
      await this.audit.append(em, {
        actor: actorOf(principal),
        action: 'management-review.notes-recorded',
        entityType: 'management_review',
        entityId: id,
        chainKey: `management_review:${id}`,
        after: { ...notes },
      });
    });
  }

  async addAction(principal: Principal, id: string, action: NewReviewAction): Promise<string> {
    if (Number.isNaN(action.dueAt.getTime()) || !reasonableDay(action.dueAt))
      throw new InvalidManagementReviewError([{ field: 'dueAt', reason: 'dueAt must be between 1970 and 9998' }]);
    return this.tx.run(async (em) => {
      const review = await this.scheduled(em, id);
      if ((await activeUserIds(em, [action.ownerId])).size !== 1)
        throw new InvalidManagementReviewError([{ field: 'ownerId', reason: 'no active user has this id' }]);
      const actionId = returnedId(
        await em.query(
          `INSERT INTO management_review_actions (review_id, text, owner_id, due_at) VALUES ($1, $2, $3, $4) RETURNING id`,
          [id, action.text, action.ownerId, action.dueAt],
        ),
        'a management review action',
      );
      await this.inbox.add(em, {
        userId: action.ownerId,
        kind: 'management_review_action',
        subjectType: 'management_review_action',
        subjectId: actionId,
        title: `${review.number}: action due ${action.dueAt.toISOString().slice(0, 10)}: ${action.text.slice(0, 160)}`,
        dedupeKey: `mr-action:${actionId}`,
        dueAt: action.dueAt,
      });
      await this.audit.append(em, {
        actor: actorOf(principal),
        action: 'management-review.action-added',
        entityType: 'management_review',
        entityId: id,
        chainKey: `management_review:${id}`,
        after: { actionId, ...action },
      });
      return actionId;
    });
  }

  /** Locks the review; refuses once it is signed. */
  private async scheduled(em: EntityManager, id: string): Promise<ManagementReviewRecord> {
    const review = await loadReview(em, id, true);
    if (review.status !== 'scheduled')
      throw new ManagementReviewStateError('The review is signed: its outputs are frozen');
    return review;
  }
}
