import { activeUserIdsWithAnyRole, actorOf, InboxService, Principal } from '@ambidex/identity';
import { AuditTrail, queryChanges, queryRows, returnedId, TransactionRunner } from '@ambidex/platform';
import { Injectable } from '@nestjs/common';
import { improvementNumber, Waste } from './domain/lean-rules';
import { LeanStateError } from './domain/lean.errors';
import { measuredEffect, ValueStreamStep } from './domain/value-stream';
import { ACTION_INBOX_KINDS } from './improvement-actions';
import { actionsOfImprovement, baselineOf, loadImprovement, loadValueStream } from './lean-rows';
import { assertRunsProcess } from './process-ownership';
import { insertMeasurement, validSteps } from './value-stream-measurements';

export interface RaiseImprovementInput {
  waste: Waste;
  problem: string;
  target: string;
}

export interface CloseImprovementInput {
  steps: ValueStreamStep[];
  note: string;
}

export const IMPROVEMENT_RAISED_KIND = 'lean_improvement_raised';

/**
 * Improvement events (kaizen, ISO 9001 10.3): raised against a process's value stream by its owner or a quality head,
 * closed once every action is done with a measurement taken then, its effect set against the baseline. Lock order:
 * the value stream, then the event, then its actions.
 */
@Injectable()
export class ImprovementEvents {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditTrail,
    private readonly inbox: InboxService,
  ) {}

  async raise(principal: Principal, valueStreamId: string, input: RaiseImprovementInput): Promise<string> {
    return this.tx.run(async (em) => {
      const stream = await loadValueStream(em, valueStreamId);
      assertRunsProcess(principal, stream);
      const [next] = await queryRows<{ n: number }>(em, `SELECT nextval('improvement_event_numbers')::int AS n`);
      const number = improvementNumber(next?.n ?? 0);
      const id = returnedId(
        await em.query(
          `INSERT INTO improvement_events (number, value_stream_id, waste, problem, target, raised_by)
           VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
          [number, valueStreamId, input.waste, input.problem, input.target, principal.userId],
        ),
        'an improvement event',
      );
      const told = new Set([stream.ownerId, ...(await activeUserIdsWithAnyRole(em, ['quality_head']))]);
      told.delete(principal.userId);
      for (const userId of told) {
        await this.inbox.add(em, {
          userId,
          kind: IMPROVEMENT_RAISED_KIND,
          subjectType: 'improvement_event',
          subjectId: id,
          title: `${number} on “${stream.name.slice(0, 80)}” (${input.waste.replace(/_/g, ' ')}): ${input.problem.slice(0, 120)}`,
          dedupeKey: `lean-raised:${id}:${userId}`,
        });
      }
      await this.audit.append(em, {
        actor: actorOf(principal),
        action: 'lean.improvement-raised',
        entityType: 'improvement_event',
        entityId: id,
        chainKey: `improvement_event:${id}`,
        after: { number, valueStreamId, ...input },
      });
      return id;
    });
  }

  async close(principal: Principal, id: string, input: CloseImprovementInput): Promise<void> {
    validSteps(input.steps);
    await this.tx.run(async (em) => {
      const unlocked = await loadImprovement(em, id);
      const stream = await loadValueStream(em, unlocked.valueStreamId, true);
      const event = await loadImprovement(em, id, true);
      assertRunsProcess(principal, stream);
      if (event.status !== 'open') throw new LeanStateError(`${event.number} is ${event.status}`);
      const open = (await actionsOfImprovement(em, id)).filter((a) => a.doneAt === null);
      if (open.length > 0)
        throw new LeanStateError(`${event.number} has ${open.length} open action(s): they are done before it closes`);
      const baseline = await baselineOf(em, stream.id);
      if (baseline === undefined)
        throw new LeanStateError('The value stream has no baseline yet: the effect is measured against it');
      const { id: measurementId, figures } = await insertMeasurement(em, {
        valueStreamId: stream.id,
        kind: 'close',
        period: null,
        steps: input.steps,
        improvementEventId: id,
        recordedBy: principal.userId,
      });
      await queryChanges(em, `UPDATE value_streams SET measured_at = now() WHERE id = $1`, [stream.id]);
      // The status in the WHERE: of two closes at once, the second finds it closed (409).
      const { count } = await queryChanges(
        em,
        `UPDATE improvement_events SET status = 'closed', close_measurement_id = $2, before_lead_time = $3,
                before_flow_efficiency = $4, close_note = $5, closed_by = $6, closed_at = now()
          WHERE id = $1 AND status = 'open'`,
        [id, measurementId, baseline.leadTime, baseline.flowEfficiency, input.note, principal.userId],
      );
      if (count !== 1) throw new LeanStateError(`${event.number} was closed meanwhile`);
      await this.inbox.complete(em, id, [IMPROVEMENT_RAISED_KIND, ...ACTION_INBOX_KINDS, 'lean_action_escalated']);
      await this.audit.append(em, {
        actor: actorOf(principal),
        action: 'lean.improvement-closed',
        entityType: 'improvement_event',
        entityId: id,
        chainKey: `improvement_event:${id}`,
        reason: input.note,
        after: {
          measurementId,
          effect: measuredEffect(
            { leadTime: baseline.leadTime, flowEfficiency: baseline.flowEfficiency },
            { leadTime: figures.leadTime, flowEfficiency: figures.flowEfficiency },
          ),
        },
      });
    });
  }
}
