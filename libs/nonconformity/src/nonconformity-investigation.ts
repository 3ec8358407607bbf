import { actorOf, InboxService, Principal } from '@ambidex/identity';
import { AuditTrail, queryChanges, TransactionRunner } from '@ambidex/platform';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CauseCategory } from './domain/nonconformity-rules';
import { NonconformityStateError } from './domain/nonconformity.errors';
import { loadNonconformity } from './nonconformity-rows';

export interface RootCauseInput {
  whys: string[];
  causeCategory: CauseCategory;
}

/**
 * What a quality head records while the NC is open or its actions run: the containment (done at once) and the root
 * cause (five whys and an Ishikawa category). Both may be revised until the NC is verified.
 */
@Injectable()
export class NonconformityInvestigation {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditTrail,
    private readonly inbox: InboxService,
  ) {}

  async recordContainment(principal: Principal, id: string, containment: string): Promise<void> {
    await this.tx.run(async (em) => {
      const before = await loadNonconformity(em, id, true);
      await this.guardedUpdate(
        em,
        `UPDATE nonconformities SET containment = $2, contained_by = $3, contained_at = now()
          WHERE id = $1 AND status IN ('open', 'actions')`,
        [id, containment, principal.userId],
        before.status,
      );
      // A quality head has taken it up: the others' "raised" items are done.
      await this.inbox.complete(em, id, ['nonconformity_raised']);
      await this.audit.append(em, {
        actor: actorOf(principal),
        action: 'nonconformity.contained',
        entityType: 'nonconformity',
        entityId: id,
        chainKey: `nonconformity:${id}`,
        before: { containment: before.containment },
        after: { containment },
      });
    });
  }

  async recordRootCause(principal: Principal, id: string, input: RootCauseInput): Promise<void> {
    await this.tx.run(async (em) => {
      const before = await loadNonconformity(em, id, true);
      await this.guardedUpdate(
        em,
        `UPDATE nonconformities SET whys = $2, cause_category = $3, root_cause_by = $4, root_cause_at = now()
          WHERE id = $1 AND status IN ('open', 'actions')`,
        [id, JSON.stringify(input.whys), input.causeCategory, principal.userId],
        before.status,
      );
      await this.audit.append(em, {
        actor: actorOf(principal),
        action: 'nonconformity.root-cause-recorded',
        entityType: 'nonconformity',
        entityId: id,
        chainKey: `nonconformity:${id}`,
        before: { whys: before.whys, causeCategory: before.causeCategory },
        after: { whys: input.whys, causeCategory: input.causeCategory },
      });
    });
  }

  private async guardedUpdate(em: EntityManager, sql: string, params: unknown[], status: string): Promise<void> {
    const { count } = await queryChanges(em, sql, params);
    if (count !== 1)
      throw new NonconformityStateError(
        `The nonconformity is ${status}: containment and root cause are recorded while it is open or its actions run`,
      );
  }
}
