import { actorOf, InboxService, Principal } from '@ambidex/identity';
import {
  APP_CONFIG,
  AppConfig,
  AuditTrail,
  queryChanges,
  returnedId,
  SYSTEM_ACTOR,
  TransactionRunner,
} from '@ambidex/platform';
import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { MeasurementKind, measurementPeriod, periodStart } from './domain/lean-rules';
import { InvalidLeanInputError, LeanStateError } from './domain/lean.errors';
import { stepProblems, ValueStreamFigures, ValueStreamStep, valueStreamFigures } from './domain/value-stream';
import { loadValueStream } from './lean-rows';
import { assertRunsProcess } from './process-ownership';
import { BASELINE_DUE_KIND } from './value-stream-opening';

export const MEASUREMENT_DUE_KIND = 'lean_measurement_due';

/** Refuses a bad map (422 naming the step's field) before anything is written. */
export function validSteps(steps: ValueStreamStep[]): ValueStreamFigures {
  const problems = stepProblems(steps);
  if (problems.length > 0) throw new InvalidLeanInputError(problems);
  return valueStreamFigures(steps);
}

/** Writes one measurement with its figures computed here, never taken from the client. */
export async function insertMeasurement(
  em: EntityManager,
  input: {
    valueStreamId: string;
    kind: MeasurementKind;
    period: number | null;
    steps: ValueStreamStep[];
    improvementEventId: string | null;
    recordedBy: string;
  },
): Promise<{ id: string; figures: ValueStreamFigures }> {
  const figures = validSteps(input.steps);
  const id = returnedId(
    await em.query(
      `INSERT INTO value_stream_measurements (value_stream_id, kind, period, steps, lead_time, process_time, flow_efficiency, rolled_ca, improvement_event_id, recorded_by)
       VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7, $8, $9, $10) RETURNING id`,
      [
        input.valueStreamId,
        input.kind,
        input.period,
        JSON.stringify(input.steps),
        figures.leadTime,
        figures.processTime,
        figures.flowEfficiency,
        figures.rolledPercentCompleteAccurate,
        input.improvementEventId,
        input.recordedBy,
      ],
    ),
    'a value-stream measurement',
  );
  return { id, figures };
}

/**
 * The baseline (once, by the process owner or a quality head) and the measurements after it: the periodic request lands
 * in the owner's inbox once per period, and a measurement answers it.
 */
@Injectable()
export class ValueStreamMeasurements {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditTrail,
    private readonly inbox: InboxService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async recordBaseline(principal: Principal, valueStreamId: string, steps: ValueStreamStep[]): Promise<void> {
    validSteps(steps);
    await this.tx.run(async (em) => {
      const stream = await loadValueStream(em, valueStreamId, true);
      assertRunsProcess(principal, stream);
      // Set once: later changes to the process show up as measurements against it, never as a new baseline.
      const { count } = await queryChanges(
        em,
        `UPDATE value_streams SET baseline_at = now(), measured_at = now() WHERE id = $1 AND baseline_at IS NULL`,
        [valueStreamId],
      );
      if (count !== 1) throw new LeanStateError('The baseline is set; record a measurement instead');
      const { id, figures } = await insertMeasurement(em, {
        valueStreamId,
        kind: 'baseline',
        period: null,
        steps,
        improvementEventId: null,
        recordedBy: principal.userId,
      });
      await this.inbox.complete(em, valueStreamId, [BASELINE_DUE_KIND]);
      await this.audit.append(em, {
        actor: actorOf(principal),
        action: 'lean.baseline-recorded',
        entityType: 'value_stream',
        entityId: valueStreamId,
        chainKey: `value_stream:${valueStreamId}`,
        after: { measurementId: id, steps, ...figures },
      });
    });
  }

  async recordMeasurement(principal: Principal, valueStreamId: string, steps: ValueStreamStep[]): Promise<void> {
    validSteps(steps);
    await this.tx.run(async (em) => {
      const stream = await loadValueStream(em, valueStreamId, true);
      assertRunsProcess(principal, stream);
      if (stream.baselineAt === null) throw new LeanStateError('Set the baseline before recording measurements');
      await queryChanges(em, `UPDATE value_streams SET measured_at = now() WHERE id = $1`, [valueStreamId]);
      const { id, figures } = await insertMeasurement(em, {
        valueStreamId,
        kind: 'measurement',
        period: stream.requestedPeriod,
        steps,
        improvementEventId: null,
        recordedBy: principal.userId,
      });
      await this.inbox.complete(em, valueStreamId, [MEASUREMENT_DUE_KIND]);
      await this.audit.append(em, {
        actor: actorOf(principal),
        action: 'lean.measurement-recorded',
        entityType: 'value_stream',
        entityId: valueStreamId,
        chainKey: `value_stream:${valueStreamId}`,
        after: { measurementId: id, period: stream.requestedPeriod, steps, ...figures },
      });
    });
  }

  /**
   * The scheduled job lands here: asks the owner once for the period, unless the stream has no baseline yet or
   * something was measured since the period began. Returns whether it asked.
   */
  async askForMeasurement(valueStreamId: string, period: number): Promise<boolean> {
    const every = this.config.lean.measurementIntervalMs;
    // A retried or late job for a past period asks nothing: only the current period is asked for.
    if (period !== measurementPeriod(new Date(), every)) return false;
    return this.tx.run(async (em) => {
      const { rows } = await queryChanges<{ owner_id: string; name: string }>(
        em,
        `UPDATE value_streams s SET requested_period = $2
          WHERE s.id = $1 AND s.baseline_at IS NOT NULL AND s.requested_period IS DISTINCT FROM $2
            AND s.measured_at < $3
          RETURNING s.owner_id, s.name`,
        [valueStreamId, period, periodStart(period, every)],
      );
      const stream = rows[0];
      if (stream === undefined) return false;
      await this.inbox.add(em, {
        userId: stream.owner_id,
        kind: MEASUREMENT_DUE_KIND,
        subjectType: 'value_stream',
        subjectId: valueStreamId,
        title: `Measure the value stream of “${stream.name.slice(0, 160)}” for this period`,
        dedupeKey: `lean-measure:${valueStreamId}:${period}`,
        dueAt: periodStart(period + 1, every),
      });
      await this.audit.append(em, {
        actor: SYSTEM_ACTOR,
        action: 'lean.measurement-requested',
        entityType: 'value_stream',
        entityId: valueStreamId,
        chainKey: `value_stream:${valueStreamId}`,
        after: { period },
      });
      return true;
    });
  }
}
