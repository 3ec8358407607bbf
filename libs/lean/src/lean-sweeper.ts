import { EscalationPolicy, OverdueEscalation } from '@ambidex/identity';
import { APP_CONFIG, AppConfig, QueueProducer, queryChanges } from '@ambidex/platform';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ESCALATE_TO_QUALITY_AFTER_DAYS, measurementJobId, measurementPeriod } from './domain/lean-rules';
import { LEAN_QUEUE } from './lean-job-types';
import { ImprovementActionRecord, overdueImprovementActions, selectValueStreams } from './lean-rows';

const BATCH = 200;

/** Overdue improvement actions go to their owner, then to the quality heads, while their event is open. */
const ESCALATION: EscalationPolicy<ImprovementActionRecord> = {
  role: 'quality_head',
  roleAfterDays: ESCALATE_TO_QUALITY_AFTER_DAYS,
  noun: 'improvement action',
  stamp: async (em, action, step) => {
    const column = step === 'owner' ? 'escalated_to_owner_at' : 'escalated_to_quality_at';
    const { rows } = await queryChanges<{ number: string }>(
      em,
      `UPDATE improvement_actions a SET ${column} = now() FROM improvement_events e
        WHERE a.id = $1 AND a.${column} IS NULL AND a.done_at IS NULL AND e.id = a.improvement_event_id AND e.status = 'open'
        RETURNING e.number`,
      [action.id],
    );
    return rows[0]?.number ?? null;
  },
  notice: (action, step) => ({
    kind: step === 'owner' ? 'lean_action_overdue' : 'lean_action_escalated',
    subjectType: 'improvement_event',
    subjectId: action.improvementEventId,
    dedupeKey: `lean-overdue:${step === 'owner' ? 'owner' : 'quality'}:${action.id}`,
  }),
};

/**
 * Escalates overdue improvement actions (to the owner, then to the quality heads; once each per action), and queues
 * this period's measurement request for every value stream that has a baseline (one job id per stream and period).
 */
@Injectable()
export class LeanSweeper {
  constructor(
    private readonly dataSource: DataSource,
    private readonly escalation: OverdueEscalation,
    private readonly producer: QueueProducer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Returns how many requests it queued (a job already known for the period is not queued again). */
  async scheduleMeasurements(now = new Date()): Promise<number> {
    const every = this.config.lean.measurementIntervalMs;
    const period = measurementPeriod(now, every);
    let queued = 0;
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const streams = await selectValueStreams(
        this.dataSource.manager,
        `baseline_at IS NOT NULL AND requested_period IS DISTINCT FROM $1 AND id > $2`,
        [period, after],
        `ORDER BY id LIMIT ${BATCH}`,
      );
      for (const stream of streams) {
        const added = await this.producer.ensure(
          { queue: LEAN_QUEUE, name: 'lean-measurement-due', data: { valueStreamId: stream.id, period } },
          measurementJobId(stream.id, period),
        );
        if (added === 'added') queued += 1;
      }
      if (streams.length < BATCH) return queued;
      after = streams[streams.length - 1]?.id ?? after;
    }
  }

  async escalateOverdue(): Promise<number> {
    const actions = await overdueImprovementActions(
      this.dataSource.manager,
      this.escalation.roleCutoff(ESCALATION),
      BATCH,
    );
    return this.escalation.escalate(actions, ESCALATION);
  }
}
