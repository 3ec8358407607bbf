import { actorOf, Principal } from '@ambidex/identity';
import { Actor, AuditTrail, isUniqueViolation, Outbox, TransactionRunner } from '@ambidex/platform';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import {
  InvalidTargetsError,
  PortfolioChangedError,
  PortfolioNameTakenError,
  PortfolioNotFoundError,
} from './domain/portfolio.errors';
import { checkTargets, DEFAULT_AMBITION_TARGETS, DEFAULT_HORIZON_TARGETS } from './domain/portfolio-targets';
import { PORTFOLIO_CREATED_EVENT } from './portfolio-events';
import { AmbitionTargets, HorizonTargets, PortfolioEntity } from './portfolio.entity';

export interface NewPortfolio {
  name: string;
  description?: string;
  ambitionTargets?: AmbitionTargets;
  horizonTargets?: HorizonTargets;
}

export interface PortfolioChanges {
  /** The version the caller read; a mismatch means someone else changed it meanwhile. */
  version: number;
  name?: string;
  description?: string;
  ambitionTargets?: AmbitionTargets;
  horizonTargets?: HorizonTargets;
}

export type PortfolioView = Pick<
  PortfolioEntity,
  | 'id'
  | 'name'
  | 'description'
  | 'ambitionTargets'
  | 'horizonTargets'
  | 'createdBy'
  | 'createdAt'
  | 'updatedAt'
  | 'version'
>;

export function portfolioView(p: PortfolioEntity): PortfolioView {
  const { id, name, description, ambitionTargets, horizonTargets, createdBy, createdAt, updatedAt, version } = p;
  return { id, name, description, ambitionTargets, horizonTargets, createdBy, createdAt, updatedAt, version };
}

/** Portfolios and their balance targets; every change audited in the portfolio's chain. */
@Injectable()
export class PortfoliosService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly audit: AuditTrail,
    private readonly outbox: Outbox,
  ) {}

  async create(principal: Principal, input: NewPortfolio): Promise<PortfolioView> {
    assertTargets(input);
    const actor = actorOf(principal);
    try {
      return await this.tx.run(async (em) => {
        const portfolio = await em.save(
          em.create(PortfolioEntity, {
            name: input.name.trim(),
            description: input.description ?? '',
            ambitionTargets: input.ambitionTargets ?? DEFAULT_AMBITION_TARGETS,
            horizonTargets: input.horizonTargets ?? DEFAULT_HORIZON_TARGETS,
            createdBy: principal.userId,
          }),
        );
        const view = portfolioView(portfolio);
        await this.audit.append(em, {
          actor,
          action: 'portfolio.portfolio.created',
          entityType: 'portfolio',
          entityId: view.id,
          after: view,
        });
        await this.outbox.record(em, {
          type: PORTFOLIO_CREATED_EVENT,
          aggregateType: 'portfolio',
          aggregateId: view.id,
          payload: { portfolioId: view.id },
        });
        return view;
      });
    } catch (error) {
      if (isUniqueViolation(error, 'uq_portfolios_name')) throw new PortfolioNameTakenError(input.name.trim());
      throw error;
    }
  }

  async list(): Promise<PortfolioView[]> {
    const portfolios = await this.dataSource.getRepository(PortfolioEntity).find({ order: { name: 'ASC' } });
    return portfolios.map(portfolioView);
  }

  async get(id: string): Promise<PortfolioView> {
    return portfolioView(await this.load(this.dataSource.manager, id));
  }

  /** Guarded by version: the UPDATE matches only the version the caller read. */
  async update(actor: Actor, id: string, changes: PortfolioChanges): Promise<PortfolioView> {
    assertTargets(changes);
    try {
      return await this.tx.run(async (em) => {
        const current = await this.load(em, id);
        if (current.version !== changes.version) throw new PortfolioChangedError();
        const [, updated] = (await em.query(
          `UPDATE portfolios SET name = $3, description = $4, ambition_targets = $5, horizon_targets = $6,
                                 version = version + 1, updated_at = now()
            WHERE id = $1 AND version = $2`,
          [
            id,
            changes.version,
            changes.name?.trim() ?? current.name,
            changes.description ?? current.description,
            JSON.stringify(changes.ambitionTargets ?? current.ambitionTargets),
            JSON.stringify(changes.horizonTargets ?? current.horizonTargets),
          ],
        )) as [unknown, number];
        if (updated !== 1) throw new PortfolioChangedError();
        const after = portfolioView(await this.load(em, id));
        await this.audit.append(em, {
          actor,
          action: 'portfolio.portfolio.updated',
          entityType: 'portfolio',
          entityId: id,
          before: portfolioView(current),
          after,
        });
        return after;
      });
    } catch (error) {
      if (isUniqueViolation(error, 'uq_portfolios_name')) throw new PortfolioNameTakenError(changes.name?.trim() ?? '');
      throw error;
    }
  }

  async load(em: EntityManager, id: string): Promise<PortfolioEntity> {
    const portfolio = await em.getRepository(PortfolioEntity).findOneBy({ id });
    if (portfolio === null) throw new PortfolioNotFoundError(id);
    return portfolio;
  }
}

function assertTargets(input: { ambitionTargets?: AmbitionTargets; horizonTargets?: HorizonTargets }): void {
  const problems = checkTargets(input);
  if (problems.length > 0) throw new InvalidTargetsError(problems);
}
