import { Outbox, queryRows, returnedId } from '@ambidex/platform';
import { portfolioOfInitiative } from '@ambidex/portfolio';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  assumptionStatusFrom,
  AssumptionStatus,
  evaluateExperiment,
  ExperimentResult,
} from './domain/experiment-result';
import { IngestEntry } from './domain/ingest-entry';
import { EntryOutcome, failed, Writer } from './entry-outcome';
import { ASSUMPTION_INVALIDATED_EVENT } from './experiment-events';
import { ExperimentEntity } from './experiment.entity';
import { contentFingerprint, KEY_REUSED_REASON, sameContent } from './idempotency';
import { writableInitiatives } from './write-access';

export type ResultEntry = Extract<IngestEntry, { type: 'result' }> & { index: number };

export const NOT_ON_TEAM_REASON = "you are not on this experiment's initiative team";

/**
 * Records an experiment's observed value: the verdict against its pre-registered threshold, the experiment
 * completed, and each assumption it tested re-derived from all its results, with the change in its history.
 * The caller holds the initiative's lock (lockInitiatives); the experiment row is locked next, in the global order.
 * The idempotency key is looked up only after the writer is known to be on the team, and only among the writer's
 * own results for this experiment.
 */
@Injectable()
export class ResultStore {
  constructor(private readonly outbox: Outbox) {}

  async store(em: EntityManager, writer: Writer, entry: ResultEntry, batchId: string | null): Promise<EntryOutcome> {
    const experiment = await em.findOne(ExperimentEntity, {
      where: { id: entry.experimentId },
      lock: { mode: 'pessimistic_write' },
    });
    if (experiment === null) return failed(entry.index, 'experimentId', 'no such experiment');
    if ((await writableInitiatives(em, writer, [experiment.initiativeId])).get(experiment.initiativeId) !== true) {
      return failed(entry.index, 'experimentId', NOT_ON_TEAM_REASON);
    }
    const fingerprint = contentFingerprint({
      experimentId: experiment.id,
      value: entry.value,
      sampleSize: entry.sampleSize,
      cost: entry.cost,
      observedAt: entry.observedAt,
      note: entry.note,
    });
    const [known] = await queryRows<{ id: string; request_hash: string | null }>(
      em,
      `SELECT id, request_hash FROM experiment_results WHERE experiment_id = $1 AND recorded_by = $2 AND idempotency_key = $3`,
      [experiment.id, writer.userId, entry.idempotencyKey],
    );
    if (known !== undefined) {
      if (!sameContent(known.request_hash, fingerprint))
        return failed(entry.index, 'idempotencyKey', KEY_REUSED_REASON);
      return { status: 'duplicate', id: known.id, initiativeId: experiment.initiativeId };
    }
    if (experiment.status === 'completed')
      return failed(entry.index, 'experimentId', 'the experiment already has its result');
    const result = evaluateExperiment(
      {
        metric: experiment.metric,
        comparison: experiment.comparison,
        value: experiment.threshold,
        minimumSample: experiment.minimumSample,
      },
      { value: entry.value, sampleSize: entry.sampleSize },
    );
    const resultId = returnedId(
      await em.query(
        `INSERT INTO experiment_results (experiment_id, idempotency_key, request_hash, value, sample_size, cost, result, observed_at, note, recorded_by, batch_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, coalesce($8::timestamptz, now()), $9, $10, $11) RETURNING id`,
        [
          experiment.id,
          entry.idempotencyKey,
          fingerprint,
          entry.value,
          entry.sampleSize,
          entry.cost,
          result,
          entry.observedAt,
          entry.note,
          writer.userId,
          batchId,
        ],
      ),
      'an experiment result',
    );
    await em.query(
      `UPDATE experiments SET status = 'completed', started_at = coalesce(started_at, now()), completed_at = now(), version = version + 1, updated_at = now()
        WHERE id = $1 AND status <> 'completed'`,
      [experiment.id],
    );
    await this.reassessAssumptions(em, experiment.id, experiment.initiativeId);
    return { status: 'stored', id: resultId, initiativeId: experiment.initiativeId };
  }

  private async reassessAssumptions(em: EntityManager, experimentId: string, initiativeId: string): Promise<void> {
    const assumptions = await queryRows<{ id: string; status: AssumptionStatus; results: ExperimentResult[] }>(
      em,
      `SELECT a.id, a.status,
              coalesce(array_agg(r.result ORDER BY e.completed_at, r.created_at) FILTER (WHERE r.id IS NOT NULL), '{}') AS results
         FROM experiment_assumptions ea
         JOIN assumptions a ON a.id = ea.assumption_id
         JOIN experiment_assumptions ea2 ON ea2.assumption_id = a.id
         JOIN experiments e ON e.id = ea2.experiment_id
         LEFT JOIN experiment_results r ON r.experiment_id = e.id
        WHERE ea.experiment_id = $1
        GROUP BY a.id, a.status`,
      [experimentId],
    );
    for (const assumption of assumptions) {
      const next = assumptionStatusFrom(assumption.results);
      if (next === assumption.status) continue;
      await em.query(`UPDATE assumptions SET status = $2, updated_at = now() WHERE id = $1`, [assumption.id, next]);
      await em.query(
        `INSERT INTO assumption_status_events (assumption_id, from_status, to_status, experiment_id) VALUES ($1, $2, $3, $4)`,
        [assumption.id, assumption.status, next, experimentId],
      );
      if (next === 'invalidated') {
        await this.outbox.record(em, {
          type: ASSUMPTION_INVALIDATED_EVENT,
          aggregateType: 'assumption',
          aggregateId: assumption.id,
          payload: {
            assumptionId: assumption.id,
            initiativeId,
            portfolioId: await portfolioOfInitiative(em, initiativeId),
            experimentId,
          },
        });
      }
    }
  }
}
