import { Principal } from '@ambidex/identity';
import { AuditTrail, isUniqueViolation, NotFoundError, Outbox, TransactionRunner } from '@ambidex/platform';
import {
  GATE_OF_STAGE,
  initiativeDetails,
  InitiativeSummary,
  lockInitiatives,
  NotOwnerError,
  ownsOrAdministers,
} from '@ambidex/portfolio';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  ConditionsOpenError,
  InitiativeNotActiveError,
  NoGateForStageError,
  ReviewAlreadyOpenError,
} from './domain/gates.errors';
import { GateEvents, gateJobIntents } from './gate-events';
import { GateReviewEntity } from './gate-review.entity';
import { openConditionCount } from './review-rows';

/** The owner asks for a review of the current gate; a job then checks readiness and opens it. */
@Injectable()
export class RequestGateReview {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditTrail,
    private readonly outbox: Outbox,
  ) {}

  async request(principal: Principal, initiativeId: string): Promise<GateReviewEntity> {
    try {
      return await this.tx.run(async (em) => {
        await lockInitiatives(em, [initiativeId], 'update');
        const initiative = await initiativeDetails(em, initiativeId);
        if (initiative === null)
          throw new NotFoundError('PORTFOLIO.INITIATIVE_NOT_FOUND', `Initiative ${initiativeId}`);
        if (!ownsOrAdministers(principal, initiative)) throw new NotOwnerError();
        return this.open(em, initiative, { userId: principal.userId, label: principal.email }, principal.userId);
      });
    } catch (error) {
      if (isUniqueViolation(error, 'uq_gate_reviews_open')) throw new ReviewAlreadyOpenError();
      throw error;
    }
  }

  /** Also used when a hold expires: the initiative comes back for a decision at the same gate. */
  async open(
    em: EntityManager,
    initiative: InitiativeSummary,
    actor: { userId: string | null; label: string },
    requestedBy: string | null,
  ): Promise<GateReviewEntity> {
    if (initiative.status !== 'active') throw new InitiativeNotActiveError(initiative.status);
    const gate = GATE_OF_STAGE[initiative.stage];
    if (gate === undefined) throw new NoGateForStageError(initiative.stage);
    const open = await openConditionCount(em, initiative.id);
    if (open > 0) throw new ConditionsOpenError(open);
    const review = await em.save(
      em.create(GateReviewEntity, { initiativeId: initiative.id, gate, status: 'requested', requestedBy }),
    );
    await this.audit.append(em, {
      actor,
      action: 'gates.review.requested',
      entityType: 'initiative',
      entityId: initiative.id,
      after: { reviewId: review.id, gate },
    });
    await this.outbox.record(
      em,
      {
        type: GateEvents.ReviewRequested,
        aggregateType: 'gate_review',
        aggregateId: review.id,
        payload: { reviewId: review.id, initiativeId: initiative.id, portfolioId: initiative.portfolioId, gate },
      },
      // Insights refreshes on it too; the prepare job goes straight to its queue.
      { job: gateJobIntents.prepare(review.id), toHandlers: true },
    );
    return review;
  }
}
