import { actorOf, Principal } from '@ambidex/identity';
import { AuditTrail, NotFoundError, queryRows, TransactionRunner } from '@ambidex/platform';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AssumptionEntity, AssumptionStatusEventEntity } from './assumption.entity';
import { RiskKind } from './domain/experiment-result';
import { InitiativeTeam } from './initiative-team';
import { LearningRollups } from './learning-rollups';

export interface AssumptionInput {
  statement: string;
  riskKind: RiskKind;
  importance: number;
}

/** Assumptions the initiative depends on. Their status moves only through experiment results. */
@Injectable()
export class AssumptionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly audit: AuditTrail,
    private readonly team: InitiativeTeam,
    private readonly rollups: LearningRollups,
  ) {}

  async create(principal: Principal, initiativeId: string, input: AssumptionInput): Promise<AssumptionEntity> {
    return this.tx.run(async (em) => {
      await this.team.assertCanWrite(em, principal.userId, principal.roles, initiativeId);
      const saved = await em.save(
        em.create(AssumptionEntity, { ...input, initiativeId, status: 'untested', createdBy: principal.userId }),
      );
      // Roll-up before the audit chain head, as everywhere (docs/ARCHITECTURE.md, lock order).
      await this.rollups.refresh(em, [initiativeId]);
      await this.audit.append(em, {
        actor: actorOf(principal),
        action: 'experiments.assumption.created',
        entityType: 'initiative',
        entityId: initiativeId,
        after: { assumptionId: saved.id, ...input },
      });
      return saved;
    });
  }

  async update(
    principal: Principal,
    assumptionId: string,
    changes: Partial<AssumptionInput>,
  ): Promise<AssumptionEntity> {
    return this.tx.run(async (em) => {
      // The initiative's lock comes before the assumption's row lock (the global lock order).
      const [owner] = await queryRows<{ initiative_id: string }>(
        em,
        `SELECT initiative_id FROM assumptions WHERE id = $1`,
        [assumptionId],
      );
      if (owner === undefined)
        throw new NotFoundError('EXPERIMENTS.ASSUMPTION_NOT_FOUND', `Assumption ${assumptionId}`);
      await this.team.assertCanWrite(em, principal.userId, principal.roles, owner.initiative_id);
      const assumption = await em.findOneOrFail(AssumptionEntity, {
        where: { id: assumptionId },
        lock: { mode: 'pessimistic_write' },
      });
      const before = {
        statement: assumption.statement,
        riskKind: assumption.riskKind,
        importance: assumption.importance,
      };
      Object.assign(assumption, changes, { updatedAt: new Date() });
      const saved = await em.save(assumption);
      await this.audit.append(em, {
        actor: actorOf(principal),
        action: 'experiments.assumption.updated',
        entityType: 'initiative',
        entityId: assumption.initiativeId,
        before: { assumptionId, ...before },
        after: { assumptionId, statement: saved.statement, riskKind: saved.riskKind, importance: saved.importance },
      });
      return saved;
    });
  }

  list(initiativeId: string): Promise<AssumptionEntity[]> {
    return this.dataSource
      .getRepository(AssumptionEntity)
      .find({ where: { initiativeId }, order: { importance: 'DESC', createdAt: 'ASC' } });
  }

  async history(assumptionId: string): Promise<AssumptionStatusEventEntity[]> {
    return this.dataSource
      .getRepository(AssumptionStatusEventEntity)
      .find({ where: { assumptionId }, order: { occurredAt: 'ASC' } });
  }
}
