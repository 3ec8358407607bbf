import { EscalationPolicy, OverdueEscalation } from '@ambidex/identity';
import { QueueProducer, queryChanges, queryRows } from '@ambidex/platform';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ESCALATE_TO_QUALITY_AFTER_DAYS } from './domain/nonconformity-rules';
import { EffectivenessChecks } from './effectiveness-checks';
import { effectivenessJobIntent } from './nonconformity-events';
import { CorrectiveActionRecord, overdueActions } from './nonconformity-rows';

const BATCH = 200;

/** Overdue corrective actions go to their owner, then to the quality heads. */
const ESCALATION: EscalationPolicy<CorrectiveActionRecord> = {
  role: 'quality_head',
  roleAfterDays: ESCALATE_TO_QUALITY_AFTER_DAYS,
  noun: 'corrective action',
  stamp: async (em, action, step) => {
    const column = step === 'owner' ? 'escalated_to_owner_at' : 'escalated_to_quality_at';
    const { rows } = await queryChanges<{ number: string }>(
      em,
      `UPDATE nonconformity_actions a SET ${column} = now() FROM nonconformities n
        WHERE a.id = $1 AND a.${column} IS NULL AND a.done_at IS NULL AND n.id = a.nonconformity_id AND n.status = 'actions'
        RETURNING n.number`,
      [action.id],
    );
    return rows[0]?.number ?? null;
  },
  notice: (action, step) => ({
    kind: step === 'owner' ? 'nonconformity_action_overdue' : 'nonconformity_action_escalated',
    subjectType: 'nonconformity',
    subjectId: action.nonconformityId,
    dedupeKey: `nc-overdue:${step === 'owner' ? 'owner' : 'quality'}:${action.id}`,
  }),
};

/**
 * Escalates overdue corrective actions (to the owner, then to the quality heads; once each per action) and keeps the
 * effectiveness checks alive: a due one is notified here, a pending one gets its delayed job back if Redis lost it.
 */
@Injectable()
export class NonconformitySweeper {
  constructor(
    private readonly dataSource: DataSource,
    private readonly escalation: OverdueEscalation,
    private readonly producer: QueueProducer,
    private readonly checks: EffectivenessChecks,
  ) {}

  async sweep(): Promise<void> {
    await this.escalateOverdue();
    await this.keepEffectivenessChecks();
  }

  async escalateOverdue(): Promise<number> {
    const actions = await overdueActions(this.dataSource.manager, this.escalation.roleCutoff(ESCALATION), BATCH);
    return this.escalation.escalate(actions, ESCALATION);
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
