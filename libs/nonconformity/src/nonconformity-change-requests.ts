import { actorOf, Principal } from '@ambidex/identity';
import { AuditTrail, queryChanges, TransactionRunner } from '@ambidex/platform';
import { ChangeRequestInput, ChangeRequests } from '@ambidex/qms';
import { Injectable } from '@nestjs/common';
import { NonconformityStateError } from './domain/nonconformity.errors';
import { loadNonconformity } from './nonconformity-rows';

/**
 * An NC about a controlled document raises a change request on it through qms's own use case (ISO 9001 10.2.1 f:
 * update documented information). The NC keeps the change request's id; qms's side reads the link back through
 * `nonconformitiesOfChangeRequest`.
 */
@Injectable()
export class NonconformityChangeRequests {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditTrail,
    private readonly changeRequests: ChangeRequests,
  ) {}

  async raise(principal: Principal, id: string, input: ChangeRequestInput): Promise<string> {
    const nc = await this.tx.run((em) => loadNonconformity(em, id));
    if (nc.subjectType !== 'controlled_document' || nc.subjectId === null)
      throw new NonconformityStateError('Only a nonconformity about a controlled document raises a change request');
    if (nc.status === 'closed') throw new NonconformityStateError('The nonconformity is closed');
    if (nc.changeRequestId !== null)
      throw new NonconformityStateError(`The nonconformity already raised change request ${nc.changeRequestId}`);
    // qms's transaction commits the change request; the link follows in ours. Should the link lose a race, the change
    // request stands on the document on its own (its reason names the NC) and the loser is told.
    const changeRequestId = await this.changeRequests.raise(principal, nc.subjectId, {
      ...input,
      reason: `${nc.number}: ${input.reason}`,
    });
    await this.tx.run(async (em) => {
      const { count } = await queryChanges(
        em,
        `UPDATE nonconformities SET change_request_id = $2 WHERE id = $1 AND change_request_id IS NULL AND status <> 'closed'`,
        [id, changeRequestId],
      );
      if (count !== 1) throw new NonconformityStateError('The nonconformity changed meanwhile');
      await this.audit.append(em, {
        actor: actorOf(principal),
        action: 'nonconformity.change-request-raised',
        entityType: 'nonconformity',
        entityId: id,
        chainKey: `nonconformity:${id}`,
        after: { changeRequestId, documentId: nc.subjectId },
      });
    });
    return changeRequestId;
  }
}
