import { activeUserIdsWithAnyRole, InboxService } from '@ambidex/identity';
import { QueueProducer, queryChanges, queryRows, TransactionRunner } from '@ambidex/platform';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DAY_MS, ESCALATE_TO_QUALITY_AFTER_DAYS } from './domain/nonconformity-rules';
import { EffectivenessChecks } from './effectiveness-checks';
import { effectivenessJobIntent } from './nonconformity-events';
import { CorrectiveActionRecord, overdueActions } from './nonconformity-rows';

const BATCH = 200;

/**
 * Escalates overdue corrective actions (to the owner, then to the quality heads; once each per action) and keeps the
 * effectiveness checks alive: a due one is notified here, a pending one gets its delayed job back if Redis lost it.
 */
@Injectable()
export class NonconformitySweeper {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly inbox: InboxService,
    private readonly producer: QueueProducer,
    private readonly checks: EffectivenessChecks,
  ) {}

  async sweep(): Promise<void> {
    await this.escalateOverdue();
    await this.keepEffectivenessChecks();
  }

  async escalateOverdue(): Promise<number> {
    const qualityAfter = new Date(Date.now() - ESCALATE_TO_QUALITY_AFTER_DAYS * DAY_MS);
    const actions = await overdueActions(this.dataSource.manager, qualityAfter, BATCH);
    let sent = 0;
    for (const action of actions) {
      if (action.escalatedToOwnerAt === null) sent += await this.escalate(action, 'owner');
      else if (action.dueAt < qualityAfter) sent += await this.escalate(action, 'quality');
    }
    return sent;
  }

  private async escalate(action: CorrectiveActionRecord, to: 'owner' | 'quality'): Promise<number> {
    const column = to === 'owner' ? 'escalated_to_owner_at' : 'escalated_to_quality_at';
    return this.tx.run(async (em) => {
      // The stamp in the WHERE: two sweeps at once escalate once.
      const { rows } = await queryChanges<{ number: string }>(
        em,
        `UPDATE nonconformity_actions a SET ${column} = now() FROM nonconformities n
          WHERE a.id = $1 AND a.${column} IS NULL AND a.done_at IS NULL AND n.id = a.nonconformity_id AND n.status = 'actions'
          RETURNING n.number`,
        [action.id],
      );
      const number = rows[0]?.number;
      if (number === undefined) return 0;
      const recipients = to === 'owner' ? [action.ownerId] : await activeUserIdsWithAnyRole(em, ['quality_head']);
      for (const userId of recipients) {
        await this.inbox.add(em, {
          userId,
          kind: to === 'owner' ? 'nonconformity_action_overdue' : 'nonconformity_action_escalated',
          subjectType: 'nonconformity',
          subjectId: action.nonconformityId,
          title: `${number}: corrective action overdue since ${action.dueAt.toISOString().slice(0, 10)}: ${action.text.slice(0, 140)}`,
          dedupeKey: `nc-overdue:${to}:${action.id}:${userId}`,
          dueAt: action.dueAt,
        });
      }
      return 1;
    });
  }

  async keepEffectivenessChecks(): Promise<void> {
    const pending = await queryRows<{ id: string; effectiveness_round: number; effectiveness_due_at: Date }>(
      this.dataSource.manager,
      `SELECT id, effectiveness_round, effectiveness_due_at FROM nonconformities
        WHERE status = 'verifying' AND effectiveness_notified_at IS NULL ORDER BY effectiveness_due_at LIMIT $1`,
      [BATCH],
    );
    for (const row of pending) {
      const delay = row.effectiveness_due_at.getTime() - Date.now();
      if (delay <= 0) {
        await this.checks.notifyDue(row.id, row.effectiveness_round);
        continue;
      }
      const intent = effectivenessJobIntent(row.id, row.effectiveness_round, delay);
      await this.producer.ensure(
        { queue: intent.queue, name: intent.name, data: intent.data },
        intent.jobId,
        intent.options,
      );
    }
  }
}
