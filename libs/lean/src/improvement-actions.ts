import { activeUserIds, actorOf, InboxService, Principal } from '@ambidex/identity';
import { AuditTrail, queryChanges, returnedId, TransactionRunner } from '@ambidex/platform';
import { Injectable } from '@nestjs/common';
import {
  ImprovementActionNotFoundError,
  InvalidLeanInputError,
  LeanStateError,
  NotActionOwnerError,
} from './domain/lean.errors';
import { actionsOfImprovement, loadImprovement, loadImprovementAction, loadValueStream } from './lean-rows';
import { assertRunsProcess } from './process-ownership';

/** The inbox items an action's owner gets: closed once they have no open action left on the event. */
export const ACTION_INBOX_KINDS = ['lean_action', 'lean_action_overdue'];

export interface NewImprovementAction {
  text: string;
  ownerId: string;
  dueAt: Date;
}

/** The actions of an improvement event, tracked like corrective actions: planned by whoever runs the process. */
@Injectable()
export class ImprovementActions {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditTrail,
    private readonly inbox: InboxService,
  ) {}

  /** Returns the new action's id. */
  async add(principal: Principal, eventId: string, input: NewImprovementAction): Promise<string> {
    return this.tx.run(async (em) => {
      const event = await loadImprovement(em, eventId, true);
      assertRunsProcess(principal, await loadValueStream(em, event.valueStreamId));
      if (event.status !== 'open') throw new LeanStateError(`${event.number} is closed`);
      if ((await activeUserIds(em, [input.ownerId])).size !== 1)
        throw new InvalidLeanInputError([{ field: 'ownerId', reason: 'the owner must be an active user' }]);
      const actionId = returnedId(
        await em.query(
          `INSERT INTO improvement_actions (improvement_event_id, text, owner_id, due_at) VALUES ($1, $2, $3, $4) RETURNING id`,
          [eventId, input.text, input.ownerId, input.dueAt],
        ),
        'an improvement action',
      );
      await this.inbox.add(em, {
        userId: input.ownerId,
        kind: 'lean_action',
        subjectType: 'improvement_event',
        subjectId: eventId,
        title: `${event.number}: improvement action due ${input.dueAt.toISOString().slice(0, 10)}: ${input.text.slice(0, 160)}`,
        dedupeKey: `lean-action:${actionId}`,
        dueAt: input.dueAt,
      });
      await this.audit.append(em, {
        actor: actorOf(principal),
        action: 'lean.action-added',
        entityType: 'improvement_event',
        entityId: eventId,
        chainKey: `improvement_event:${eventId}`,
        after: { actionId, ...input },
      });
      return actionId;
    });
  }

  /** Its owner or a quality head marks it done, with a note. Returns the event's id. */
  async markDone(principal: Principal, actionId: string, note: string): Promise<string> {
    return this.tx.run(async (em) => {
      const found = await loadImprovementAction(em, actionId);
      if (found === undefined) throw new ImprovementActionNotFoundError(actionId);
      // The event before its actions: the lock order every writer of an event follows.
      const event = await loadImprovement(em, found.improvementEventId, true);
      if (found.ownerId !== principal.userId && !principal.roles.includes('quality_head'))
        throw new NotActionOwnerError();
      if (event.status !== 'open') throw new LeanStateError(`${event.number} is closed`);
      const { count } = await queryChanges(
        em,
        `UPDATE improvement_actions SET done_at = now(), done_by = $2, done_note = $3 WHERE id = $1 AND done_at IS NULL`,
        [actionId, principal.userId, note],
      );
      if (count !== 1) throw new LeanStateError('The action is already done');
      const open = (await actionsOfImprovement(em, event.id)).filter((a) => a.doneAt === null);
      if (!open.some((a) => a.ownerId === found.ownerId))
        await this.inbox.complete(em, event.id, ACTION_INBOX_KINDS, found.ownerId);
      await this.audit.append(em, {
        actor: actorOf(principal),
        action: 'lean.action-done',
        entityType: 'improvement_event',
        entityId: event.id,
        chainKey: `improvement_event:${event.id}`,
        after: { actionId, note },
      });
      return event.id;
    });
  }
}
