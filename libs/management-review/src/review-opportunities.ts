import { actorOf, Principal } from '@ambidex/identity';
import { AuditTrail, queryRows, TransactionRunner } from '@ambidex/platform';
import { InitiativeIntake, NewInitiative } from '@ambidex/portfolio';
import { Injectable } from '@nestjs/common';
import { ManagementReviewStateError } from './domain/management-review.errors';
import { loadReview } from './management-review-rows';

/**
 * An opportunity the review decides on (ISO 56001 9.3.3): a new initiative in explore in the chosen portfolio,
 * captured through portfolio's own intake with the review as its origin. Part of the outputs, so raised before signing.
 */
@Injectable()
export class ReviewOpportunities {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditTrail,
    private readonly intake: InitiativeIntake,
  ) {}

  async raise(principal: Principal, id: string, input: NewInitiative): Promise<string> {
    const review = await this.tx.run((em) => loadReview(em, id));
    if (review.status !== 'scheduled')
      throw new ManagementReviewStateError('The review is signed: its outputs are frozen');
    // Portfolio's transaction commits the initiative; the link follows in ours. Should the review be signed between
    // the two, the initiative stands on its own (its origin names the review) and the caller is told.
    const initiative = await this.intake.createFromOrigin(principal, {
      ...input,
      origin: { type: 'management_review', id: review.id, label: review.number },
    });
    await this.tx.run(async (em) => {
      const locked = await loadReview(em, id, true);
      if (locked.status !== 'scheduled') throw new ManagementReviewStateError('The review was signed meanwhile');
      const inserted = await queryRows<{ id: string }>(
        em,
        `INSERT INTO management_review_opportunities (review_id, initiative_id, portfolio_id, title, raised_by)
         VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [id, initiative.id, initiative.portfolioId, input.title, principal.userId],
      );
      if (inserted.length !== 1) throw new ManagementReviewStateError('The opportunity was not recorded');
      await this.audit.append(em, {
        actor: actorOf(principal),
        action: 'management-review.opportunity-raised',
        entityType: 'management_review',
        entityId: id,
        chainKey: `management_review:${id}`,
        after: { initiativeId: initiative.id, portfolioId: initiative.portfolioId, title: input.title },
      });
    });
    return initiative.id;
  }
}
