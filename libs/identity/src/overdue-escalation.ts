import { TransactionRunner } from '@ambidex/platform';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Role } from './domain/roles';
import { InboxService, NewInboxItem } from './inbox.service';
import { activeUserIdsWithAnyRole } from './user-lookup';

const DAY_MS = 86_400_000;

/** An open action past its due date, as a context's sweep finds it. */
export interface OverdueAction {
  id: string;
  ownerId: string;
  dueAt: Date;
  text: string;
  escalatedToOwnerAt: Date | null;
}

export type EscalationStep = 'owner' | 'role';

/** How one kind of tracked action (corrective, improvement, review) escalates. */
export interface EscalationPolicy<A extends OverdueAction> {
  /** Who hears of it in the second step, and how many days past due. */
  role: Role;
  roleAfterDays: number;
  /** What the title calls the action: "corrective action". */
  noun: string;
  /**
   * Stamps the step on the action when it is not stamped yet and the action is still open, returning its record's
   * number (NC-0001); null otherwise. The stamp in the WHERE is what makes two sweeps at once escalate once.
   */
  stamp(em: EntityManager, action: A, step: EscalationStep): Promise<string | null>;
  /** The inbox item of the step, but for its title, due date and recipient. */
  notice(action: A, step: EscalationStep): Pick<NewInboxItem, 'kind' | 'subjectType' | 'subjectId' | 'dedupeKey'>;
}

/**
 * The two-step escalation every tracked action shares: its owner once it is past due, then everyone of a role a few
 * days later; once each per action, each step in a transaction of its own with its inbox items.
 */
@Injectable()
export class OverdueEscalation {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly inbox: InboxService,
  ) {}

  /** The day past which an overdue action goes to the role too: the sweep's query selects by it. */
  roleCutoff(policy: Pick<EscalationPolicy<OverdueAction>, 'roleAfterDays'>, now = Date.now()): Date {
    return new Date(now - policy.roleAfterDays * DAY_MS);
  }

  /** Escalates each action one step if due; returns how many steps were taken. */
  async escalate<A extends OverdueAction>(actions: A[], policy: EscalationPolicy<A>): Promise<number> {
    const cutoff = this.roleCutoff(policy);
    let taken = 0;
    for (const action of actions) {
      if (action.escalatedToOwnerAt === null) taken += await this.step(action, 'owner', policy);
      else if (action.dueAt < cutoff) taken += await this.step(action, 'role', policy);
    }
    return taken;
  }

  private step<A extends OverdueAction>(action: A, step: EscalationStep, policy: EscalationPolicy<A>): Promise<number> {
    return this.tx.run(async (em) => {
      const number = await policy.stamp(em, action, step);
      if (number === null) return 0;
      const recipients = step === 'owner' ? [action.ownerId] : await activeUserIdsWithAnyRole(em, [policy.role]);
      const since = action.dueAt.toISOString().slice(0, 10);
      for (const userId of recipients) {
        const notice = policy.notice(action, step);
        await this.inbox.add(em, {
          ...notice,
          userId,
          title: `${number}: ${policy.noun} overdue since ${since}: ${action.text.slice(0, 140)}`,
          dedupeKey: `${notice.dedupeKey}:${userId}`,
          dueAt: action.dueAt,
        });
      }
      return 1;
    });
  }
}
