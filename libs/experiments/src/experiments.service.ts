import { actorOf, Principal } from '@ambidex/identity';
import { AuditTrail, NotFoundError, queryChanges, queryRows, TransactionRunner } from '@ambidex/platform';
import { lockInitiatives } from '@ambidex/portfolio';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { Comparison } from './domain/experiment-result';
import {
  EntryRejectedError,
  ExperimentStateError,
  IdempotencyKeyReusedError,
  NotOnTeamError,
  ThresholdFrozenError,
  UnknownAssumptionsError,
} from './domain/experiments.errors';
import { ExperimentEntity, ExperimentResultEntity } from './experiment.entity';
import { InitiativeTeam } from './initiative-team';
import { KEY_REUSED_REASON } from './idempotency';
import { NOT_ON_TEAM_REASON, ResultStore } from './result-store';
import { LearningRollups } from './learning-rollups';

export interface ExperimentInput {
  assumptionIds: string[];
  hypothesis: string;
  method: string;
  metric: string;
  comparison: Comparison;
  threshold: number;
  minimumSample: number;
  plannedStart: string | null;
  plannedEnd: string | null;
  budget: number | null;
}

export interface ObservationInput {
  value: number;
  sampleSize: number;
  cost: number | null;
  note: string | null;
  idempotencyKey?: string;
}

const FROZEN_FIELDS: (keyof ExperimentInput)[] = ['hypothesis', 'metric', 'comparison', 'threshold', 'minimumSample'];

/** Test cards: planned, started (threshold frozen), completed by their recorded result. */
@Injectable()
export class ExperimentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly audit: AuditTrail,
    private readonly team: InitiativeTeam,
    private readonly results: ResultStore,
    private readonly rollups: LearningRollups,
  ) {}

  async create(principal: Principal, initiativeId: string, input: ExperimentInput): Promise<ExperimentEntity> {
    return this.tx.run(async (em) => {
      await this.team.assertCanWrite(em, principal.userId, principal.roles, initiativeId);
      await this.assertAssumptionsOf(em, initiativeId, input.assumptionIds);
      const { assumptionIds, ...card } = input;
      const saved = await em.save(
        em.create(ExperimentEntity, { ...card, initiativeId, status: 'planned', createdBy: principal.userId }),
      );
      await this.link(em, saved.id, assumptionIds);
      await this.audit.append(em, {
        actor: actorOf(principal),
        action: 'experiments.experiment.created',
        entityType: 'initiative',
        entityId: initiativeId,
        after: { experimentId: saved.id, ...input },
      });
      return saved;
    });
  }

  /** Before it starts anything may change; after, the pre-registered parts never (the database agrees). */
  async update(
    principal: Principal,
    experimentId: string,
    changes: Partial<ExperimentInput>,
  ): Promise<ExperimentEntity> {
    return this.tx.run(async (em) => {
      await this.team.assertCanWrite(em, principal.userId, principal.roles, await this.initiativeOf(em, experimentId));
      const experiment = await this.load(em, experimentId, true);
      if (
        experiment.status !== 'planned' &&
        FROZEN_FIELDS.some(
          (f) => changes[f] !== undefined && changes[f] !== (experiment as unknown as Record<string, unknown>)[f],
        )
      ) {
        throw new ThresholdFrozenError();
      }
      if (experiment.status === 'completed') throw new ExperimentStateError('A completed experiment cannot change');
      const { assumptionIds, ...given } = changes;
      // A field the caller left out arrives as undefined: it must not blank the experiment it is assigned onto.
      const card = Object.fromEntries(Object.entries(given).filter(([, value]) => value !== undefined));
      const before = { ...experiment };
      Object.assign(experiment, card, { version: experiment.version + 1, updatedAt: new Date() });
      const saved = await em.save(experiment);
      if (assumptionIds !== undefined) {
        if (experiment.status !== 'planned') throw new ThresholdFrozenError();
        await this.assertAssumptionsOf(em, experiment.initiativeId, assumptionIds);
        await em.query(`DELETE FROM experiment_assumptions WHERE experiment_id = $1`, [experimentId]);
        await this.link(em, experimentId, assumptionIds);
      }
      await this.audit.append(em, {
        actor: actorOf(principal),
        action: 'experiments.experiment.updated',
        entityType: 'initiative',
        entityId: experiment.initiativeId,
        before,
        after: { ...saved, ...(assumptionIds === undefined ? {} : { assumptionIds }) },
      });
      return saved;
    });
  }

  async start(principal: Principal, experimentId: string): Promise<ExperimentEntity> {
    return this.tx.run(async (em) => {
      await this.team.assertCanWrite(em, principal.userId, principal.roles, await this.initiativeOf(em, experimentId));
      const experiment = await this.load(em, experimentId, true);
      const { count } = await queryChanges(
        em,
        `UPDATE experiments SET status = 'running', started_at = now(), version = version + 1, updated_at = now() WHERE id = $1 AND status = 'planned'`,
        [experimentId],
      );
      if (count !== 1)
        throw new ExperimentStateError(`The experiment is ${experiment.status}; only a planned experiment can start`);
      await this.audit.append(em, {
        actor: actorOf(principal),
        action: 'experiments.experiment.started',
        entityType: 'initiative',
        entityId: experiment.initiativeId,
        after: {
          experimentId,
          metric: experiment.metric,
          comparison: experiment.comparison,
          threshold: experiment.threshold,
        },
      });
      return this.load(em, experimentId, false);
    });
  }

  /** The same path as a bulk result: verdict, completion, assumptions re-derived, roll-up refreshed. */
  async recordResult(
    principal: Principal,
    experimentId: string,
    observation: ObservationInput,
  ): Promise<ExperimentResultEntity> {
    return this.tx.run(async (em) => {
      await lockInitiatives(em, [await this.initiativeOf(em, experimentId)]);
      const outcome = await this.results.store(
        em,
        principal,
        {
          index: 0,
          type: 'result',
          experimentId,
          idempotencyKey: observation.idempotencyKey ?? `api-${randomUUID()}`,
          value: observation.value,
          sampleSize: observation.sampleSize,
          cost: observation.cost,
          observedAt: null,
          note: observation.note,
        },
        null,
      );
      if (outcome.status === 'failed') {
        const problem = outcome.problems[0];
        if (problem?.reason === 'no such experiment')
          throw new NotFoundError('EXPERIMENTS.EXPERIMENT_NOT_FOUND', `Experiment ${experimentId}`);
        if (problem?.reason === NOT_ON_TEAM_REASON) throw new NotOnTeamError();
        if (problem?.reason === KEY_REUSED_REASON) throw new IdempotencyKeyReusedError();
        if (problem?.reason.includes('already has its result'))
          throw new ExperimentStateError('The experiment already has its result');
        throw new EntryRejectedError(outcome.problems.map((p) => ({ field: p.field, reason: p.reason })));
      }
      // A replay (same key, same content) changes nothing: no roll-up, no audit entry, the stored result comes back.
      if (outcome.status === 'stored') {
        await this.rollups.refresh(em, [outcome.initiativeId]);
        await this.audit.append(em, {
          actor: actorOf(principal),
          action: 'experiments.result.recorded',
          entityType: 'initiative',
          entityId: outcome.initiativeId,
          after: { experimentId, ...observation, resultId: outcome.id },
        });
      }
      return em.findOneByOrFail(ExperimentResultEntity, { id: outcome.id });
    });
  }

  list(initiativeId: string): Promise<ExperimentEntity[]> {
    return this.dataSource
      .getRepository(ExperimentEntity)
      .find({ where: { initiativeId }, order: { createdAt: 'ASC' } });
  }

  async get(
    experimentId: string,
  ): Promise<{ experiment: ExperimentEntity; assumptionIds: string[]; result: ExperimentResultEntity | null }> {
    const experiment = await this.load(this.dataSource.manager, experimentId, false);
    const links = await queryRows<{ assumption_id: string }>(
      this.dataSource.manager,
      `SELECT assumption_id FROM experiment_assumptions WHERE experiment_id = $1`,
      [experimentId],
    );
    const result = await this.dataSource.getRepository(ExperimentResultEntity).findOneBy({ experimentId });
    return { experiment, assumptionIds: links.map((l) => l.assumption_id), result };
  }

  /** The experiment's initiative, read without a lock so that the initiative can be locked before the experiment. */
  private async initiativeOf(em: EntityManager, experimentId: string): Promise<string> {
    const [row] = await queryRows<{ initiative_id: string }>(
      em,
      `SELECT initiative_id FROM experiments WHERE id = $1`,
      [experimentId],
    );
    if (row === undefined) throw new NotFoundError('EXPERIMENTS.EXPERIMENT_NOT_FOUND', `Experiment ${experimentId}`);
    return row.initiative_id;
  }

  private async load(em: EntityManager, id: string, lock: boolean): Promise<ExperimentEntity> {
    const experiment = await em.findOne(ExperimentEntity, {
      where: { id },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (experiment === null) throw new NotFoundError('EXPERIMENTS.EXPERIMENT_NOT_FOUND', `Experiment ${id}`);
    return experiment;
  }

  private async assertAssumptionsOf(em: EntityManager, initiativeId: string, ids: string[]): Promise<void> {
    const unique = [...new Set(ids)];
    const rows = await queryRows<{ id: string }>(
      em,
      `SELECT id FROM assumptions WHERE initiative_id = $1 AND id = ANY($2::uuid[])`,
      [initiativeId, unique],
    );
    const known = new Set(rows.map((r) => r.id));
    const unknown = unique.filter((id) => !known.has(id));
    if (unknown.length > 0) throw new UnknownAssumptionsError(unknown);
  }

  private async link(em: EntityManager, experimentId: string, assumptionIds: string[]): Promise<void> {
    await em.query(
      `INSERT INTO experiment_assumptions (experiment_id, assumption_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING`,
      [experimentId, [...new Set(assumptionIds)]],
    );
  }
}
