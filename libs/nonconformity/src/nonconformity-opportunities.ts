import { actorOf, Principal } from '@ambidex/identity';
import { AuditTrail, queryChanges, TransactionRunner } from '@ambidex/platform';
import { InitiativeIntake, NewInitiative, OriginType } from '@ambidex/portfolio';
import { Injectable } from '@nestjs/common';
import { NonconformityStateError } from './domain/nonconformity.errors';
import { loadNonconformity } from './nonconformity-rows';

/**
 * Operations feed innovation (ISO 56001 8.3.2): an NC raises one opportunity, a new initiative in explore captured
 * through portfolio's own intake with the NC as its origin. The NC keeps the initiative's id. A closed NC is a frozen
 * record, so it raises none: raise the opportunity before closing it.
 */
@Injectable()
export class NonconformityOpportunities {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditTrail,
    private readonly intake: InitiativeIntake,
  ) {}

  async raise(principal: Principal, id: string, input: NewInitiative): Promise<string> {
    const nc = await this.tx.run((em) => loadNonconformity(em, id));
    if (nc.status === 'closed') throw new NonconformityStateError('The nonconformity is closed');
    if (nc.opportunityInitiativeId !== null)
      throw new NonconformityStateError(`The nonconformity already raised initiative ${nc.opportunityInitiativeId}`);
    // A customer complaint is recorded as an NC; the initiative says which it came from.
    const type: OriginType = nc.source === 'customer_complaint' ? 'customer_complaint' : 'nonconformity';
    // Portfolio's transaction commits the initiative; the link follows in ours. Should the link lose a race, the
    // initiative stands on its own (its origin names the NC) and the loser is told.
    const initiative = await this.intake.createFromOrigin(principal, {
      ...input,
      origin: { type, id: nc.id, label: nc.number },
    });
    await this.tx.run(async (em) => {
      const { count } = await queryChanges(
        em,
        `UPDATE nonconformities SET opportunity_initiative_id = $2
          WHERE id = $1 AND opportunity_initiative_id IS NULL AND status <> 'closed'`,
        [id, initiative.id],
      );
      if (count !== 1) throw new NonconformityStateError('The nonconformity changed meanwhile');
      await this.audit.append(em, {
        actor: actorOf(principal),
        action: 'nonconformity.opportunity-raised',
        entityType: 'nonconformity',
        entityId: id,
        chainKey: `nonconformity:${id}`,
        after: { initiativeId: initiative.id, portfolioId: initiative.portfolioId, originType: type },
      });
    });
    return initiative.id;
  }
}
