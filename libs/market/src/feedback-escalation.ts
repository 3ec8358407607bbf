import { actorOf, Principal } from '@ambidex/identity';
import { NcSeverity, RaiseNonconformity } from '@ambidex/nonconformity';
import { AuditTrail, queryChanges, TransactionRunner } from '@ambidex/platform';
import { InitiativeIntake, initiativeSummary, NewInitiative } from '@ambidex/portfolio';
import { Injectable } from '@nestjs/common';
import { FeedbackStateError } from './domain/market.errors';
import { loadFeedback } from './market-rows';

export interface FeedbackNonconformityInput {
  severity: NcSeverity;
  probability: number;
}

/**
 * Feedback that is a complaint raises a nonconformity (source customer_complaint, about the product's initiative);
 * feedback that is an idea raises an opportunity (a new initiative whose origin is the feedback). One of each per
 * feedback, linked both ways: the feedback keeps their ids, the NC quotes the feedback, the initiative names it as
 * its origin. The other context's transaction commits first; should our link then lose a race, the record stands on
 * its own (it names the feedback) and the loser is told.
 */
@Injectable()
export class FeedbackEscalation {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditTrail,
    private readonly raising: RaiseNonconformity,
    private readonly intake: InitiativeIntake,
  ) {}

  async raiseNonconformity(
    principal: Principal,
    feedbackId: string,
    input: FeedbackNonconformityInput,
  ): Promise<string> {
    const feedback = await this.tx.run((em) => loadFeedback(em, feedbackId));
    if (feedback.nonconformityId !== null)
      throw new FeedbackStateError(`The feedback already raised nonconformity ${feedback.nonconformityId}`);
    const ncId = await this.raising.raise(principal, {
      subject: { type: 'initiative', id: feedback.initiativeId },
      source: 'customer_complaint',
      severity: input.severity,
      probability: input.probability,
      description:
        `Customer feedback (${feedback.channel}, received ${feedback.receivedOn}, ref ${feedback.id}): ${feedback.text}`.slice(
          0,
          4000,
        ),
      evidenceLinks: [],
    });
    await this.link(principal, feedback.id, feedback.initiativeId, 'nonconformity_id', ncId);
    return ncId;
  }

  async raiseOpportunity(principal: Principal, feedbackId: string, input: NewInitiative): Promise<string> {
    const { feedback, product } = await this.tx.run(async (em) => {
      const found = await loadFeedback(em, feedbackId);
      return { feedback: found, product: await initiativeSummary(em, found.initiativeId) };
    });
    if (feedback.opportunityInitiativeId !== null)
      throw new FeedbackStateError(`The feedback already raised initiative ${feedback.opportunityInitiativeId}`);
    const initiative = await this.intake.createFromOrigin(principal, {
      ...input,
      origin: {
        type: 'customer_feedback',
        id: feedback.id,
        label: `Feedback on ${product?.title ?? 'a product'} (${feedback.receivedOn})`.slice(0, 200),
      },
    });
    await this.link(principal, feedback.id, feedback.initiativeId, 'opportunity_initiative_id', initiative.id);
    return initiative.id;
  }

  private async link(
    principal: Principal,
    feedbackId: string,
    initiativeId: string,
    column: 'nonconformity_id' | 'opportunity_initiative_id',
    linkedId: string,
  ): Promise<void> {
    await this.tx.run(async (em) => {
      const { count } = await queryChanges(
        em,
        `UPDATE market_feedback SET ${column} = $2 WHERE id = $1 AND ${column} IS NULL`,
        [feedbackId, linkedId],
      );
      if (count !== 1) throw new FeedbackStateError('The feedback raised one meanwhile');
      await this.audit.append(em, {
        actor: actorOf(principal),
        action:
          column === 'nonconformity_id' ? 'market.feedback-raised-nonconformity' : 'market.feedback-raised-opportunity',
        entityType: 'customer_feedback',
        entityId: feedbackId,
        chainKey: `market:${initiativeId}`,
        after: { [column === 'nonconformity_id' ? 'nonconformityId' : 'opportunityInitiativeId']: linkedId },
      });
    });
  }
}
