import { actorOf, Principal } from '@ambidex/identity';
import { AuditTrail, NotFoundError, queryRows, TransactionRunner } from '@ambidex/platform';
import { lockInitiatives } from '@ambidex/portfolio';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import {
  EntryRejectedError,
  IdempotencyKeyReusedError,
  LearningAlreadyCorrectedError,
  NotOnTeamError,
} from './domain/experiments.errors';
import { Confidence, EvidenceLink, LearningDecision } from './domain/learning';
import { correctionIdSql } from './evidence/current-learning';
import { LearningEntity } from './learning.entity';
import { KEY_REUSED_REASON } from './idempotency';
import { LearningStore } from './learning-store';
import { LearningRollups } from './learning-rollups';

export interface LearningInput {
  experimentId: string | null;
  observed: string;
  belief: string;
  decision: LearningDecision;
  confidence: Confidence;
  evidence: EvidenceLink[];
  supersedes: string | null;
  idempotencyKey?: string;
}

export interface LearningView extends LearningEntity {
  supersededBy: string | null;
}

/** Learning cards one at a time, through the same store as the bulk log. */
@Injectable()
export class LearningsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly audit: AuditTrail,
    private readonly store: LearningStore,
    private readonly rollups: LearningRollups,
  ) {}

  async record(principal: Principal, initiativeId: string, input: LearningInput): Promise<LearningEntity> {
    return this.tx.run(async (em) => {
      // The initiative first, then its log rows, its roll-up, its audit chain head (the global lock order).
      await lockInitiatives(em, [initiativeId]);
      const outcomes = await this.store.store(
        em,
        principal,
        [
          {
            ...input,
            index: 0,
            type: 'learning',
            initiativeId,
            idempotencyKey: input.idempotencyKey ?? `api-${randomUUID()}`,
          },
        ],
        null,
      );
      const outcome = outcomes.get(0);
      if (outcome === undefined) throw new Error('the learning store gave no outcome');
      if (outcome.status === 'failed') {
        const problem = outcome.problems[0];
        if (problem?.reason === 'no such initiative')
          throw new NotFoundError('PORTFOLIO.INITIATIVE_NOT_FOUND', `Initiative ${initiativeId}`);
        if (problem?.reason.includes('not on')) throw new NotOnTeamError();
        if (problem?.reason.includes('already corrected')) throw new LearningAlreadyCorrectedError();
        if (problem?.reason === KEY_REUSED_REASON) throw new IdempotencyKeyReusedError();
        throw new EntryRejectedError(outcome.problems.map((p) => ({ field: p.field, reason: p.reason })));
      }
      // A replay (same key, same content) changes nothing: no roll-up, no audit entry, the stored card comes back.
      if (outcome.status === 'stored') {
        await this.rollups.refresh(em, [initiativeId]);
        await this.audit.append(em, {
          actor: actorOf(principal),
          action: input.supersedes === null ? 'experiments.learning.recorded' : 'experiments.learning.corrected',
          entityType: 'initiative',
          entityId: initiativeId,
          after: { learningId: outcome.id, ...input },
        });
      }
      return em.findOneByOrFail(LearningEntity, { id: outcome.id });
    });
  }

  async list(initiativeId: string, includeSuperseded: boolean): Promise<LearningView[]> {
    const corrections = await correctionsOf(this.dataSource.manager, `l.initiative_id = $1`, initiativeId);
    const learnings = await this.dataSource
      .getRepository(LearningEntity)
      .findBy(corrections.map((c) => ({ id: c.learningId })));
    const byId = new Map(learnings.map((l) => [l.id, l]));
    return corrections
      .filter((c) => includeSuperseded || c.supersededBy === null)
      .flatMap((c) => {
        const learning = byId.get(c.learningId);
        return learning === undefined ? [] : [Object.assign(learning, { supersededBy: c.supersededBy })];
      });
  }

  async get(learningId: string): Promise<LearningView> {
    const learning = await this.dataSource.getRepository(LearningEntity).findOneBy({ id: learningId });
    if (learning === null) throw new NotFoundError('EXPERIMENTS.LEARNING_NOT_FOUND', `Learning ${learningId}`);
    const [correction] = await correctionsOf(this.dataSource.manager, `l.id = $1`, learningId);
    return Object.assign(learning, { supersededBy: correction?.supersededBy ?? null });
  }
}

interface CorrectionRow {
  id: string;
  superseded_by: string | null;
}

/** Each learning matching `where` (on alias l, one parameter) with the correction superseding it, oldest first. */
async function correctionsOf(
  em: EntityManager,
  where: string,
  param: string,
): Promise<{ learningId: string; supersededBy: string | null }[]> {
  const rows = await queryRows<CorrectionRow>(
    em,
    `SELECT l.id, ${correctionIdSql('l')} AS superseded_by FROM learnings l WHERE ${where} ORDER BY l.created_at`,
    [param],
  );
  return rows.map((r) => ({ learningId: r.id, supersededBy: r.superseded_by }));
}
