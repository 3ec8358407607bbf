import { portfolioExists } from '../portfolio-readers';
import { actorOf, Principal } from '@ambidex/identity';
import { Actor, AuditTrail, TransactionRunner } from '@ambidex/platform';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import {
  PortfolioInputError,
  PortfolioNotFoundError,
  WebhookSubscriptionNotFoundError,
} from '../domain/portfolio.errors';
import { WebhookDeliveryEntity, WebhookDeliveryStatus, WebhookSubscriptionEntity } from '../webhook.entities';
import { newWebhookSecret, webhookUrlProblem } from './webhook-signature';

export interface WebhookSubscriptionView {
  id: string;
  portfolioId: string;
  url: string;
  active: boolean;
  createdBy: string;
  createdAt: Date;
}

export interface WebhookDeliveryView {
  id: string;
  eventId: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: Date;
  deliveredAt: Date | null;
}

function subscriptionView(s: WebhookSubscriptionEntity): WebhookSubscriptionView {
  const { id, portfolioId, url, active, createdBy, createdAt } = s;
  return { id, portfolioId, url, active, createdBy, createdAt };
}

/**
 * Other tools following a portfolio's stage changes. The secret is returned once, at creation, and never
 * written to the audit trail (which keeps everything forever).
 */
@Injectable()
export class WebhookSubscriptionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly audit: AuditTrail,
  ) {}

  async create(
    principal: Principal,
    portfolioId: string,
    url: string,
  ): Promise<WebhookSubscriptionView & { secret: string }> {
    assertUrl(url);
    const actor = actorOf(principal);
    return this.tx.run(async (em) => {
      await assertPortfolio(em, portfolioId);
      const secret = newWebhookSecret();
      const saved = await em.save(
        em.create(WebhookSubscriptionEntity, { portfolioId, url, secret, active: true, createdBy: principal.userId }),
      );
      const view = subscriptionView(saved);
      await this.audit.append(em, {
        actor,
        action: 'portfolio.webhook.created',
        entityType: 'webhook_subscription',
        entityId: view.id,
        chainKey: `portfolio:${portfolioId}`,
        after: view,
      });
      return { ...view, secret };
    });
  }

  async list(portfolioId: string): Promise<WebhookSubscriptionView[]> {
    await assertPortfolio(this.dataSource.manager, portfolioId);
    const rows = await this.dataSource
      .getRepository(WebhookSubscriptionEntity)
      .find({ where: { portfolioId }, order: { createdAt: 'ASC' } });
    return rows.map(subscriptionView);
  }

  async get(portfolioId: string, id: string): Promise<WebhookSubscriptionView> {
    return subscriptionView(await load(this.dataSource.manager, portfolioId, id));
  }

  async update(
    actor: Actor,
    portfolioId: string,
    id: string,
    changes: { url?: string; active?: boolean },
  ): Promise<WebhookSubscriptionView> {
    if (changes.url !== undefined) assertUrl(changes.url);
    return this.tx.run(async (em) => {
      const current = await load(em, portfolioId, id, true);
      const before = subscriptionView(current);
      await em.query(`UPDATE webhook_subscriptions SET url = $2, active = $3 WHERE id = $1`, [
        id,
        changes.url ?? current.url,
        changes.active ?? current.active,
      ]);
      const after = subscriptionView(await load(em, portfolioId, id));
      await this.audit.append(em, {
        actor,
        action: 'portfolio.webhook.updated',
        entityType: 'webhook_subscription',
        entityId: id,
        chainKey: `portfolio:${portfolioId}`,
        before,
        after,
      });
      return after;
    });
  }

  /** Removes the subscription and its delivery log; pending deliveries then find nothing to send. */
  async remove(actor: Actor, portfolioId: string, id: string): Promise<void> {
    await this.tx.run(async (em) => {
      const current = await load(em, portfolioId, id, true);
      await em.query(`DELETE FROM webhook_subscriptions WHERE id = $1`, [id]);
      await this.audit.append(em, {
        actor,
        action: 'portfolio.webhook.deleted',
        entityType: 'webhook_subscription',
        entityId: id,
        chainKey: `portfolio:${portfolioId}`,
        before: subscriptionView(current),
      });
    });
  }

  /** The latest deliveries of a subscription, newest first: what was sent, how often, and the last answer. */
  async deliveries(portfolioId: string, id: string, limit = 50): Promise<WebhookDeliveryView[]> {
    await load(this.dataSource.manager, portfolioId, id);
    const rows = await this.dataSource.getRepository(WebhookDeliveryEntity).find({
      where: { subscriptionId: id },
      order: { createdAt: 'DESC' },
      take: limit,
    });
    return rows.map(
      ({ id: deliveryId, eventId, status, attempts, lastStatusCode, lastError, createdAt, deliveredAt }) => ({
        id: deliveryId,
        eventId,
        status,
        attempts,
        lastStatusCode,
        lastError,
        createdAt,
        deliveredAt,
      }),
    );
  }
}

function assertUrl(url: string): void {
  const problem = webhookUrlProblem(url);
  if (problem !== null) throw new PortfolioInputError('url', problem);
}

async function assertPortfolio(em: EntityManager, portfolioId: string): Promise<void> {
  if (!(await portfolioExists(em, portfolioId))) throw new PortfolioNotFoundError(portfolioId);
}

async function load(
  em: EntityManager,
  portfolioId: string,
  id: string,
  lock = false,
): Promise<WebhookSubscriptionEntity> {
  const row = await em
    .getRepository(WebhookSubscriptionEntity)
    .findOne({ where: { id, portfolioId }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  if (row === null) throw new WebhookSubscriptionNotFoundError(id);
  return row;
}
