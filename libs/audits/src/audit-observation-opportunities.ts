import { actorOf, Principal } from '@ambidex/identity';
import { AuditTrail, queryRows, TransactionRunner } from '@ambidex/platform';
import { InitiativeIntake, NewInitiative } from '@ambidex/portfolio';
import { Injectable } from '@nestjs/common';
import { AuditStateError } from './domain/audit.errors';
import { itemsOfAudit, loadAudit } from './audit-rows';

/**
 * Operations feed innovation (ISO 56001 8.3.2): an audit observation (an opportunity for improvement, not a
 * nonconformity) raises one new initiative in explore, its origin the audit. Allowed after the report is signed: the
 * link lives beside the frozen checklist, never in it.
 */
@Injectable()
export class AuditObservationOpportunities {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditTrail,
    private readonly intake: InitiativeIntake,
  ) {}

  async raise(principal: Principal, auditId: string, clause: string, input: NewInitiative): Promise<string> {
    const { audit, itemId } = await this.tx.run(async (em) => {
      const found = await loadAudit(em, auditId);
      const item = (await itemsOfAudit(em, auditId)).find((i) => i.clause === clause);
      if (item === undefined) throw new AuditStateError(`The audit has no checklist item for clause ${clause}`);
      if (item.finding !== 'observation')
        throw new AuditStateError(`Only an observation raises an opportunity; ${clause} is ${item.finding ?? 'open'}`);
      const [raised] = (await em.query(`SELECT 1 FROM audit_observation_opportunities WHERE item_id = $1`, [
        item.id,
      ])) as unknown[];
      if (raised !== undefined) throw new AuditStateError(`The observation on ${clause} raised an opportunity already`);
      return { audit: found, itemId: item.id };
    });
    // Portfolio's transaction commits the initiative; the link follows in ours. A lost race leaves the initiative
    // standing on its own (its origin names the audit) and the loser is told.
    const initiative = await this.intake.createFromOrigin(principal, {
      ...input,
      origin: { type: 'audit_observation', id: audit.id, label: `${audit.number} · ${clause}` },
    });
    await this.tx.run(async (em) => {
      const inserted = await queryRows<{ item_id: string }>(
        em,
        `INSERT INTO audit_observation_opportunities (item_id, initiative_id, raised_by) VALUES ($1, $2, $3)
         ON CONFLICT (item_id) DO NOTHING RETURNING item_id`,
        [itemId, initiative.id, principal.userId],
      );
      if (inserted.length !== 1)
        throw new AuditStateError(`The observation on ${clause} raised an opportunity meanwhile`);
      await this.audit.append(em, {
        actor: actorOf(principal),
        action: 'internal-audit.opportunity-raised',
        entityType: 'internal_audit',
        entityId: auditId,
        chainKey: `internal_audit:${auditId}`,
        after: { clause, initiativeId: initiative.id, portfolioId: initiative.portfolioId },
      });
    });
    return initiative.id;
  }
}
