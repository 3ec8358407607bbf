import { activeUserIds, actorOf, InboxService, Principal } from '@ambidex/identity';
import { AuditTrail, Outbox, queryChanges, returnedId, TransactionRunner } from '@ambidex/platform';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DAY_MS } from './domain/nonconformity-rules';
import {
  CorrectiveActionNotFoundError,
  InvalidNonconformityError,
  NonconformityStateError,
  NotActionOwnerError,
} from './domain/nonconformity.errors';
import { effectivenessJobIntent, NonconformityEvents } from './nonconformity-events';
import { actionsOfNonconformity, loadAction, loadNonconformity } from './nonconformity-rows';

/** The inbox items an action's owner gets: closed once they have no open action left on the NC. */
export const ACTION_INBOX_KINDS = ['nonconformity_action', 'nonconformity_action_overdue'];

export interface PlannedAction {
  text: string;
  ownerId: string;
  dueAt: Date;
}

export interface PlanActionsInput {
  actions: PlannedAction[];
  /** When the last action closes, the effectiveness check falls due this many days later. */
  effectivenessAfterDays: number;
}

/**
 * Corrective actions (ISO 9001 10.2.1 c): planned by a quality head once the root cause is known, each marked done by
 * its owner or a quality head. The last one closing schedules the effectiveness check as a delayed job.
 */
@Injectable()
export class CorrectiveActions {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditTrail,
    private readonly outbox: Outbox,
    private readonly inbox: InboxService,
  ) {}

  async plan(principal: Principal, id: string, input: PlanActionsInput): Promise<void> {
    await this.tx.run(async (em) => {
      const nc = await loadNonconformity(em, id, true);
      if (nc.whys === null)
        throw new NonconformityStateError('Record the root cause before planning corrective actions');
      const owners = [...new Set(input.actions.map((a) => a.ownerId))];
      if ((await activeUserIds(em, owners)).size !== owners.length)
        throw new InvalidNonconformityError([
          { field: 'actions', reason: 'every action needs an active user as owner' },
        ]);
      const { count } = await queryChanges(
        em,
        `UPDATE nonconformities SET status = 'actions', effectiveness_after_days = $2
          WHERE id = $1 AND status IN ('open', 'actions')`,
        [id, input.effectivenessAfterDays],
      );
      if (count !== 1)
        throw new NonconformityStateError(`The nonconformity is ${nc.status}: actions are planned while it is open`);
      const ids: string[] = [];
      for (const action of input.actions) {
        const actionId = returnedId(
          await em.query(
            `INSERT INTO nonconformity_actions (nonconformity_id, text, owner_id, due_at) VALUES ($1, $2, $3, $4) RETURNING id`,
            [id, action.text, action.ownerId, action.dueAt],
          ),
          'a corrective action',
        );
        ids.push(actionId);
        await this.inbox.add(em, {
          userId: action.ownerId,
          kind: 'nonconformity_action',
          subjectType: 'nonconformity',
          subjectId: id,
          title: `${nc.number}: corrective action due ${action.dueAt.toISOString().slice(0, 10)}: ${action.text.slice(0, 160)}`,
          dedupeKey: `nc-action:${actionId}`,
          dueAt: action.dueAt,
        });
      }
      await this.audit.append(em, {
        actor: actorOf(principal),
        action: 'nonconformity.actions-planned',
        entityType: 'nonconformity',
        entityId: id,
        chainKey: `nonconformity:${id}`,
        after: {
          actions: input.actions.map((a, i) => ({ id: ids[i], ...a })),
          effectivenessAfterDays: input.effectivenessAfterDays,
        },
      });
    });
  }

  /** Returns the NC's id. */
  async markDone(principal: Principal, actionId: string, note: string | null): Promise<string> {
    return this.tx.run(async (em) => {
      const found = await loadAction(em, actionId);
      if (found === undefined) throw new CorrectiveActionNotFoundError(actionId);
      // The NC before its actions: the lock order every writer of an NC follows.
      const nc = await loadNonconformity(em, found.nonconformityId, true);
      if (found.ownerId !== principal.userId && !principal.roles.includes('quality_head'))
        throw new NotActionOwnerError();
      if (nc.status !== 'actions')
        throw new NonconformityStateError(`The nonconformity is ${nc.status}: its actions are not running`);
      const { count } = await queryChanges(
        em,
        `UPDATE nonconformity_actions SET done_at = now(), done_by = $2, done_note = $3 WHERE id = $1 AND done_at IS NULL`,
        [actionId, principal.userId, note],
      );
      if (count !== 1) throw new NonconformityStateError('The action is already done');
      await this.audit.append(em, {
        actor: actorOf(principal),
        action: 'nonconformity.action-done',
        entityType: 'nonconformity',
        entityId: nc.id,
        chainKey: `nonconformity:${nc.id}`,
        after: { actionId, note },
      });
      const open = (await actionsOfNonconformity(em, nc.id)).filter((a) => a.doneAt === null);
      if (!open.some((a) => a.ownerId === found.ownerId))
        await this.inbox.complete(em, nc.id, ACTION_INBOX_KINDS, found.ownerId);
      if (open.length === 0) await this.scheduleEffectiveness(em, nc.id, nc.effectivenessAfterDays ?? 30);
      return nc.id;
    });
  }

  private async scheduleEffectiveness(em: EntityManager, id: string, afterDays: number): Promise<void> {
    const delayMs = afterDays * DAY_MS;
    const [row] = (
      await queryChanges<{ effectiveness_round: number; effectiveness_due_at: Date }>(
        em,
        `UPDATE nonconformities SET status = 'verifying', effectiveness_due_at = now() + $2 * interval '1 millisecond',
                effectiveness_notified_at = NULL, effectiveness_round = effectiveness_round + 1
          WHERE id = $1 AND status = 'actions' RETURNING effectiveness_round, effectiveness_due_at`,
        [id, delayMs],
      )
    ).rows;
    if (row === undefined) throw new NonconformityStateError('The nonconformity changed meanwhile');
    await this.outbox.record(
      em,
      {
        type: NonconformityEvents.ActionsCompleted,
        aggregateType: 'nonconformity',
        aggregateId: id,
        payload: {
          nonconformityId: id,
          round: row.effectiveness_round,
          effectivenessDueAt: row.effectiveness_due_at.toISOString(),
        },
      },
      { job: effectivenessJobIntent(id, row.effectiveness_round, delayMs) },
    );
  }
}
