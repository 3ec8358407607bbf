import { actorOf, Principal, userStanding } from '@ambidex/identity';
import { AuditTrail, Outbox, TransactionRunner } from '@ambidex/platform';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { PortfolioInputError, OwnerNotAllowedError } from './domain/portfolio.errors';
import { deliverablesOf } from './domain/process-model-input';
import { isAdmin } from './initiative-access';
import { InitiativeQueries } from './initiative-queries';
import { portfolioExists } from './portfolio-readers';
import { Ambition, Horizon, InitiativeEntity, InnovationType } from './initiative.entity';
import { DuplicateCandidate, factsOf, InitiativeOrigin, InitiativeView } from './initiative.views';
import { DuplicateChecks } from './duplicate-checks';
import { INITIATIVE_CREATED_EVENT } from './portfolio-events';
import { ProcessModelActivation } from './process-model-activation';
import { StageTransitions } from './stage-transitions';

export type CreatedInitiative = InitiativeView & {
  possibleDuplicates: DuplicateCandidate[];
  duplicateCheckComplete: boolean;
};

export interface InitiativeFacts {
  title: string;
  problem: string;
  valueHypothesis: string;
  horizon: Horizon;
  ambition: Ambition;
  innovationType: InnovationType;
  strategicObjective?: string | null;
  source?: string | null;
  npv?: number | null;
  probabilityCommercial?: number | null;
  probabilityTechnical?: number | null;
  commercializationCost?: number | null;
  remainingDevelopmentCost?: number | null;
  costToDate?: number | null;
}

export interface NewInitiative extends InitiativeFacts {
  portfolioId: string;
  /** Defaults to the caller. Only an admin may name someone else, who must be an active innovation lead. */
  ownerId?: string;
}

/** An opportunity operations raise (ISO 56001 8.3.2): an initiative that records its origin. */
export interface RaisedOpportunity extends NewInitiative {
  origin: InitiativeOrigin & { label: string };
}

/** Capturing an initiative: pinned to the active default process model, its deliverables seeded, its history begun. */
@Injectable()
export class InitiativeIntake {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditTrail,
    private readonly outbox: Outbox,
    private readonly transitions: StageTransitions,
    private readonly models: ProcessModelActivation,
    private readonly queries: InitiativeQueries,
    private readonly duplicateChecks: DuplicateChecks,
  ) {}

  async create(principal: Principal, input: NewInitiative): Promise<CreatedInitiative> {
    return this.capture(principal, input, null, (em) => this.resolveOwner(em, principal, input.ownerId));
  }

  /**
   * The same capture, for a caller outside innovation (a quality head raising it from a nonconformity): the owner,
   * the caller by default, must be an active innovation lead whoever names them; the origin is kept on the initiative.
   */
  async createFromOrigin(principal: Principal, input: RaisedOpportunity): Promise<CreatedInitiative> {
    return this.capture(principal, input, input.origin, (em) =>
      this.innovationLead(em, input.ownerId ?? principal.userId),
    );
  }

  private async capture(
    principal: Principal,
    input: NewInitiative,
    origin: InitiativeOrigin | null,
    ownerOf: (em: EntityManager) => Promise<string>,
  ): Promise<CreatedInitiative> {
    const actor = actorOf(principal);
    const id = await this.tx.run(async (em) => {
      const ownerId = await ownerOf(em);
      if (!(await portfolioExists(em, input.portfolioId)))
        throw new PortfolioInputError('portfolioId', 'no such portfolio');
      const model = await this.models.activeModel(em);
      const initiative = await em.save(
        em.create(InitiativeEntity, {
          portfolioId: input.portfolioId,
          processModelId: model.id,
          ownerId,
          title: input.title,
          problem: input.problem,
          valueHypothesis: input.valueHypothesis,
          horizon: input.horizon,
          ambition: input.ambition,
          innovationType: input.innovationType,
          strategicObjective: input.strategicObjective ?? null,
          source: input.source ?? null,
          npv: input.npv ?? null,
          probabilityCommercial: input.probabilityCommercial ?? null,
          probabilityTechnical: input.probabilityTechnical ?? null,
          commercializationCost: input.commercializationCost ?? null,
          remainingDevelopmentCost: input.remainingDevelopmentCost ?? null,
          costToDate: input.costToDate ?? null,
          originType: origin?.type ?? null,
          originId: origin?.id ?? null,
          originLabel: origin?.label ?? null,
        }),
      );
      const deliverables = deliverablesOf(model.definition).map(({ gate, key, name }) => ({ gate, key, name }));
      await em.query(
        `INSERT INTO initiative_deliverables (initiative_id, gate, key, name)
         SELECT $1, d.gate, d.key, d.name FROM jsonb_to_recordset($2::jsonb) AS d(gate text, key text, name text)`,
        [initiative.id, JSON.stringify(deliverables)],
      );
      await this.transitions.recordCreated(em, initiative, actor);
      await this.audit.append(em, {
        actor,
        action: 'portfolio.initiative.created',
        entityType: 'initiative',
        entityId: initiative.id,
        after: origin === null ? factsOf(initiative) : { ...factsOf(initiative), origin },
      });
      await this.outbox.record(
        em,
        {
          type: INITIATIVE_CREATED_EVENT,
          aggregateType: 'initiative',
          aggregateId: initiative.id,
          payload: {
            initiativeId: initiative.id,
            portfolioId: initiative.portfolioId,
            ownerId,
            processModelId: model.id,
          },
        },
        // Insights refreshes on it too; the duplicate check goes straight to its queue.
        { job: this.duplicateChecks.checkAfterCreate(initiative.id), toHandlers: true },
      );
      return initiative.id;
    });
    // The search is fast (a nearest-neighbour walk, docs/query-plans.md), so the creator gets the hints in the answer;
    // the job recorded with the created event stays as the safety net.
    const [view, duplicates] = await Promise.all([
      this.queries.get(id),
      this.duplicateChecks.checkInline(id, input, 'create', 1),
    ]);
    return { ...view, possibleDuplicates: duplicates.candidates, duplicateCheckComplete: duplicates.complete };
  }

  private async resolveOwner(em: EntityManager, principal: Principal, ownerId: string | undefined): Promise<string> {
    if (ownerId === undefined || ownerId === principal.userId) return principal.userId;
    if (!isAdmin(principal)) throw new OwnerNotAllowedError();
    return this.innovationLead(em, ownerId);
  }

  private async innovationLead(em: EntityManager, ownerId: string): Promise<string> {
    const owner = await userStanding(em, ownerId);
    if (owner === null) throw new PortfolioInputError('ownerId', 'no such user');
    if (!owner.active || !owner.roles.includes('innovation_lead')) {
      throw new PortfolioInputError('ownerId', 'the owner must be an active user with the innovation_lead role');
    }
    return ownerId;
  }
}
