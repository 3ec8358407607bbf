import { Actor, AuditTrail, Outbox } from '@ambidex/platform';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { IllegalTransitionError, InitiativeChangedError } from './domain/portfolio.errors';
import { Gate, GATE_OF_STAGE, StageEvent, StageState, transition } from './domain/stage-machine';
import { InitiativeEntity } from './initiative.entity';
import { STAGE_CHANGED_EVENT } from './portfolio-events';
import { StageEventKind } from './stage-event.entity';

export interface TransitionContext {
  actor: Actor;
  reason?: string | null;
  reviewId?: string | null;
  holdUntil?: Date | null;
}

/**
 * The only way an initiative's stage or status changes. Inside the caller's transaction it applies the pure
 * transition, guards the UPDATE on the state it read (a concurrent or repeated change matches no row), appends
 * the history event, the audit entry and the outbox event.
 */
@Injectable()
export class StageTransitions {
  constructor(
    private readonly audit: AuditTrail,
    private readonly outbox: Outbox,
  ) {}

  async apply(
    em: EntityManager,
    initiativeId: string,
    event: StageEvent,
    context: TransitionContext,
  ): Promise<StageState> {
    const initiative = await transitionState(em, initiativeId);
    const from: StageState = { stage: initiative.stage, status: initiative.status };
    const result = transition(from, event);
    if (!result.ok) throw new IllegalTransitionError(result.reason);
    const to = result.to;
    const holdUntil = to.status === 'on_hold' ? (context.holdUntil ?? null) : null;
    const [, changed] = (await em.query(
      `UPDATE initiatives
          SET stage = $2, status = $3, hold_until = $4, version = version + 1, updated_at = now(),
              stage_entered_at = CASE WHEN stage <> $2 THEN now() ELSE stage_entered_at END
        WHERE id = $1 AND stage = $5 AND status = $6 AND version = $7`,
      [initiativeId, to.stage, to.status, holdUntil, from.stage, from.status, initiative.version],
    )) as [unknown, number];
    if (changed !== 1) throw new InitiativeChangedError();
    const gate: Gate | null = event.kind === 'decision' ? event.gate : null;
    await this.appendHistory(
      em,
      initiativeId,
      event.kind,
      from,
      to,
      context,
      gate,
      event.kind === 'decision' ? event.decision : null,
    );
    await this.audit.append(em, {
      actor: context.actor,
      action: `portfolio.initiative.${event.kind === 'decision' ? `decision.${event.decision}` : event.kind}`,
      entityType: 'initiative',
      entityId: initiativeId,
      reason: context.reason ?? null,
      before: { ...from, version: initiative.version },
      after: { ...to, version: initiative.version + 1, holdUntil },
    });
    await this.outbox.record(em, {
      type: STAGE_CHANGED_EVENT,
      aggregateType: 'initiative',
      aggregateId: initiativeId,
      payload: {
        initiativeId,
        portfolioId: initiative.portfolioId,
        kind: event.kind,
        decision: event.kind === 'decision' ? event.decision : null,
        from,
        to,
        gate: event.kind === 'hold_expired' ? (GATE_OF_STAGE[from.stage] ?? null) : gate,
        reviewId: context.reviewId ?? null,
      },
    });
    return to;
  }

  /** The first history event, so funnel inflow reconciles with the initiatives that exist. */
  async recordCreated(em: EntityManager, initiative: InitiativeEntity, actor: Actor): Promise<void> {
    await this.appendHistory(
      em,
      initiative.id,
      'created',
      null,
      { stage: initiative.stage, status: initiative.status },
      { actor },
      null,
      null,
    );
  }

  private async appendHistory(
    em: EntityManager,
    initiativeId: string,
    kind: StageEventKind,
    from: StageState | null,
    to: StageState,
    context: TransitionContext,
    gate: Gate | null,
    decision: string | null,
  ): Promise<void> {
    // The initiative row is locked by this transaction (inserted or updated above), so seq cannot race.
    await em.query(
      `INSERT INTO stage_events (initiative_id, seq, kind, from_stage, from_status, to_stage, to_status, gate, decision,
                                 review_id, actor_id, actor_label, reason)
       SELECT $1, coalesce(max(seq), 0) + 1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12 FROM stage_events WHERE initiative_id = $1`,
      [
        initiativeId,
        kind,
        from?.stage ?? null,
        from?.status ?? null,
        to.stage,
        to.status,
        gate,
        decision,
        context.reviewId ?? null,
        context.actor.userId,
        context.actor.label,
        context.reason ?? null,
      ],
    );
  }
}

interface TransitionRow {
  id: string;
  portfolioId: string;
  stage: InitiativeEntity['stage'];
  status: InitiativeEntity['status'];
  version: number;
}

/** What a transition reads of the initiative, in one plain statement (every gate decision passes here). */
async function transitionState(em: EntityManager, initiativeId: string): Promise<TransitionRow> {
  const [row] = (await em.query(
    `SELECT id, portfolio_id AS "portfolioId", stage, status, version FROM initiatives WHERE id = $1`,
    [initiativeId],
  )) as TransitionRow[];
  if (row === undefined) throw new Error(`initiative ${initiativeId} is gone`);
  return row;
}
