import { actorOf, Principal } from '@ambidex/identity';
import { AuditTrail, TransactionRunner } from '@ambidex/platform';
import { Injectable } from '@nestjs/common';
import { DeliverableNotFoundError, ReasonRequiredError } from './domain/portfolio.errors';
import { Gate } from './domain/stage-machine';
import { initiativeForChange } from './initiative-access';
import { DeliverableStatus, InitiativeDeliverableEntity } from './initiative-deliverable.entity';
import { deliverableView } from './initiative-queries';
import { DeliverableView } from './initiative.views';

export interface DeliverableChange {
  status: DeliverableStatus;
  /** What was delivered (optional), or why it is not required (required then). */
  note?: string | null;
}

/** The owner (or an admin) marks a deliverable done, not required (with a reason), or back to pending. */
@Injectable()
export class DeliverablesService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditTrail,
  ) {}

  async update(
    principal: Principal,
    initiativeId: string,
    gate: Gate,
    key: string,
    change: DeliverableChange,
  ): Promise<DeliverableView> {
    const note = change.note?.trim() || null;
    if (change.status === 'not_required' && note === null) throw new ReasonRequiredError();
    return this.tx.run(async (em) => {
      await initiativeForChange(em, principal, initiativeId, true);
      const repository = em.getRepository(InitiativeDeliverableEntity);
      const current = await repository.findOne({
        where: { initiativeId, gate, key },
        lock: { mode: 'pessimistic_write' },
      });
      if (current === null) throw new DeliverableNotFoundError(gate, key);
      const before = { gate, key, status: current.status, note: current.note };
      await em.query(
        `UPDATE initiative_deliverables SET status = $4, note = $5, updated_by = $6, updated_at = now()
          WHERE initiative_id = $1 AND gate = $2 AND key = $3`,
        [initiativeId, gate, key, change.status, note, principal.userId],
      );
      await this.audit.append(em, {
        actor: actorOf(principal),
        action: 'portfolio.deliverable.updated',
        entityType: 'initiative',
        entityId: initiativeId,
        reason: change.status === 'not_required' ? note : null,
        before,
        after: { gate, key, status: change.status, note },
      });
      return deliverableView(await repository.findOneByOrFail({ initiativeId, gate, key }));
    });
  }
}
