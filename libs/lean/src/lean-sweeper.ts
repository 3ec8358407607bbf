import { activeUserIdsWithAnyRole, InboxService } from '@ambidex/identity';
import { APP_CONFIG, AppConfig, QueueProducer, queryChanges, TransactionRunner } from '@ambidex/platform';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DAY_MS, ESCALATE_TO_QUALITY_AFTER_DAYS, measurementJobId, measurementPeriod } from './domain/lean-rules';
import { LEAN_QUEUE } from './lean-job-types';
import { ImprovementActionRecord, overdueImprovementActions, selectValueStreams } from './lean-rows';

const BATCH = 200;

/**
 * Escalates overdue improvement actions (to the owner, then to the quality heads; once each per action), and queues
 * this period's measurement request for every value stream that has a baseline (one job id per stream and period).
 */
@Injectable()
export class LeanSweeper {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly inbox: InboxService,
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
    const qualityAfter = new Date(Date.now() - ESCALATE_TO_QUALITY_AFTER_DAYS * DAY_MS);
    const actions = await overdueImprovementActions(this.dataSource.manager, qualityAfter, BATCH);
    let sent = 0;
    for (const action of actions) {
      if (action.escalatedToOwnerAt === null) sent += await this.escalate(action, 'owner');
      else if (action.dueAt < qualityAfter) sent += await this.escalate(action, 'quality');
    }
    return sent;
  }

  private async escalate(action: ImprovementActionRecord, to: 'owner' | 'quality'): Promise<number> {
    const column = to === 'owner' ? 'escalated_to_owner_at' : 'escalated_to_quality_at';
    return this.tx.run(async (em) => {
      // The stamp in the WHERE: two sweeps at once escalate once.
      const { rows } = await queryChanges<{ number: string }>(
        em,
        `UPDATE improvement_actions a SET ${column} = now() FROM improvement_events e
          WHERE a.id = $1 AND a.${column} IS NULL AND a.done_at IS NULL AND e.id = a.improvement_event_id AND e.status = 'open'
          RETURNING e.number`,
        [action.id],
      );
      const number = rows[0]?.number;
      if (number === undefined) return 0;
      const recipients = to === 'owner' ? [action.ownerId] : await activeUserIdsWithAnyRole(em, ['quality_head']);
      for (const userId of recipients) {
        await this.inbox.add(em, {
          userId,
          kind: to === 'owner' ? 'lean_action_overdue' : 'lean_action_escalated',
          subjectType: 'improvement_event',
          subjectId: action.improvementEventId,
          title: `${number}: improvement action overdue since ${action.dueAt.toISOString().slice(0, 10)}: ${action.text.slice(0, 140)}`,
          dedupeKey: `lean-overdue:${to}:${action.id}:${userId}`,
          dueAt: action.dueAt,
        });
      }
      return 1;
    });
  }
}
