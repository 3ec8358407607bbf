import { actorOf, Principal } from '@ambidex/identity';
import { AuditTrail, TransactionRunner } from '@ambidex/platform';
import { initiativeSummary, NotOwnerError, ownsOrAdministers } from '@ambidex/portfolio';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ConditionNotFoundError } from './domain/gates.errors';
import { GateConditionEntity } from './review-parts.entities';

/** Conditions of a Conditional Go, tracked until met; the next gate cannot be asked for before. */
@Injectable()
export class GateConditions {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly audit: AuditTrail,
  ) {}

  list(initiativeId: string): Promise<GateConditionEntity[]> {
    return this.dataSource
      .getRepository(GateConditionEntity)
      .find({ where: { initiativeId }, order: { dueAt: 'ASC' } });
  }

  async markMet(principal: Principal, conditionId: string, note: string): Promise<GateConditionEntity> {
    return this.tx.run(async (em) => {
      const condition = await em.findOneBy(GateConditionEntity, { id: conditionId });
      if (condition === null) throw new ConditionNotFoundError(conditionId);
      const initiative = await initiativeSummary(em, condition.initiativeId);
      if (initiative === null)
        throw new Error(`initiative ${condition.initiativeId} of condition ${conditionId} is gone`);
      if (!ownsOrAdministers(principal, initiative)) throw new NotOwnerError();
      const [, changed] = (await em.query(
        `UPDATE gate_conditions SET met_at = now(), met_by = $2, met_note = $3 WHERE id = $1 AND met_at IS NULL`,
        [conditionId, principal.userId, note],
      )) as [unknown, number];
      if (changed === 1) {
        await this.audit.append(em, {
          actor: actorOf(principal),
          action: 'gates.condition.met',
          entityType: 'initiative',
          entityId: initiative.id,
          after: { conditionId, note },
        });
      }
      return em.findOneByOrFail(GateConditionEntity, { id: conditionId });
    });
  }
}
