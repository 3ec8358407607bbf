import { actorOf, Principal } from '@ambidex/identity';
import { AuditTrail, queryChanges, TransactionRunner } from '@ambidex/platform';
import { ChangeRequestInput, ChangeRequests, PackageDocuments } from '@ambidex/qms';
import { Injectable } from '@nestjs/common';
import { InvalidLeanInputError, LeanStateError } from './domain/lean.errors';
import { loadImprovement, loadValueStream } from './lean-rows';
import { assertRunsProcess } from './process-ownership';

export interface ImprovementChangeRequestInput extends ChangeRequestInput {
  /** One of the process's controlled documents (those its handover package drafted). */
  documentId: string;
}

/**
 * An improvement that changes how the process runs raises a change request on one of the process's controlled
 * documents through qms's own use case (ISO 9001 10.3 through 8.5.6). The event keeps the change request's id; qms's
 * side reads the link back through `improvementsOfChangeRequest`.
 */
@Injectable()
export class ImprovementChangeRequests {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditTrail,
    private readonly changeRequests: ChangeRequests,
    private readonly packageDocuments: PackageDocuments,
  ) {}

  async raise(principal: Principal, id: string, input: ImprovementChangeRequestInput): Promise<string> {
    const { event, stream, documents } = await this.tx.run(async (em) => {
      const found = await loadImprovement(em, id);
      const owner = await loadValueStream(em, found.valueStreamId);
      return { event: found, stream: owner, documents: await this.packageDocuments.idsOf(owner.packageId, em) };
    });
    assertRunsProcess(principal, stream);
    if (event.status === 'closed') throw new LeanStateError(`${event.number} is closed`);
    if (event.changeRequestId !== null)
      throw new LeanStateError(`${event.number} already raised change request ${event.changeRequestId}`);
    if (!documents.includes(input.documentId))
      throw new InvalidLeanInputError([
        { field: 'documentId', reason: "not one of the process's controlled documents" },
      ]);
    const { documentId, ...change } = input;
    // qms's transaction commits the change request; the link follows in ours. Should the link lose a race, the change
    // request stands on the document on its own (its reason names the event) and the loser is told.
    const changeRequestId = await this.changeRequests.raise(principal, documentId, {
      ...change,
      reason: `${event.number}: ${change.reason}`,
    });
    await this.tx.run(async (em) => {
      const { count } = await queryChanges(
        em,
        `UPDATE improvement_events SET change_request_id = $2, change_document_id = $3
          WHERE id = $1 AND change_request_id IS NULL AND status = 'open'`,
        [id, changeRequestId, documentId],
      );
      if (count !== 1) throw new LeanStateError(`${event.number} changed meanwhile`);
      await this.audit.append(em, {
        actor: actorOf(principal),
        action: 'lean.change-request-raised',
        entityType: 'improvement_event',
        entityId: id,
        chainKey: `improvement_event:${id}`,
        after: { changeRequestId, documentId },
      });
    });
    return changeRequestId;
  }
}
