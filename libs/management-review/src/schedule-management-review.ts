import { actorOf, Principal } from '@ambidex/identity';
import { parsePeriod } from '@ambidex/insights';
import { AuditTrail, Outbox, queryRows, returnedId, TransactionRunner } from '@ambidex/platform';
import { portfolioExists } from '@ambidex/portfolio';
import { Injectable } from '@nestjs/common';
import { reasonableDay, reviewNumber } from './domain/management-review-rules';
import { InvalidManagementReviewError } from './domain/management-review.errors';
import { ManagementReviewEvents, packJobIntent } from './management-review-events';

export interface ScheduleReviewInput {
  meetingOn: string;
  /** The period the pack covers, inclusive days, read as the dashboards read `from` and `to`. */
  from: string;
  to: string;
  portfolioId: string | null;
  ambition: string | null;
  horizon: string | null;
  contextChanges: string | null;
}

/** Leadership schedules a review; its pack is assembled by a job (round 1), sent through the outbox. */
@Injectable()
export class ScheduleManagementReview {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditTrail,
    private readonly outbox: Outbox,
  ) {}

  async schedule(principal: Principal, input: ScheduleReviewInput): Promise<string> {
    const period = parsePeriod(input.from, input.to);
    if (!period.ok) throw new InvalidManagementReviewError(period.problems);
    if (!reasonableDay(input.meetingOn))
      throw new InvalidManagementReviewError([
        { field: 'meetingOn', reason: 'meetingOn must be between 1970 and 9998' },
      ]);
    return this.tx.run(async (em) => {
      if (input.portfolioId !== null && !(await portfolioExists(em, input.portfolioId)))
        throw new InvalidManagementReviewError([{ field: 'portfolioId', reason: 'no portfolio has this id' }]);
      const [next] = await queryRows<{ n: number }>(em, `SELECT nextval('management_review_numbers')::int AS n`);
      const number = reviewNumber(next?.n ?? 0);
      const id = returnedId(
        await em.query(
          `INSERT INTO management_reviews (number, meeting_on, period_from, period_to, portfolio_id, ambition, horizon,
                                           context_changes, scheduled_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
          [
            number,
            input.meetingOn,
            input.from,
            input.to,
            input.portfolioId,
            input.ambition,
            input.horizon,
            input.contextChanges,
            principal.userId,
          ],
        ),
        'a management review',
      );
      await this.outbox.record(
        em,
        {
          type: ManagementReviewEvents.PackRequested,
          aggregateType: 'management_review',
          aggregateId: id,
          payload: { reviewId: id, round: 1 },
        },
        { job: packJobIntent(id, 1) },
      );
      await this.audit.append(em, {
        actor: actorOf(principal),
        action: 'management-review.scheduled',
        entityType: 'management_review',
        entityId: id,
        chainKey: `management_review:${id}`,
        after: { number, ...input },
      });
      return id;
    });
  }
}
