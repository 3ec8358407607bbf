import { AuditTrail, Outbox, queryRows, SYSTEM_ACTOR, TransactionRunner } from '@ambidex/platform';
import { initiativeSummary, stageHistory } from '@ambidex/portfolio';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { addMonths, POST_LAUNCH_REVIEW_MONTHS } from './domain/market-rules';
import { NotInOperationError, ProductNotFoundError } from './domain/market.errors';
import { MarketEvents, reviewJobIntent } from './market-events';
import { findProduct, MarketProductRecord } from './market-rows';

/**
 * Registers a product when its handover is accepted, with its 6- and 12-month post-launch reviews, each carrying its
 * delayed job through the outbox. Idempotent in PostgreSQL: a repeated event finds the rows and records nothing.
 */
@Injectable()
export class ProductRegistration {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditTrail,
    private readonly outbox: Outbox,
  ) {}

  async handoverAccepted(initiativeId: string, packageId: string, acceptedAt: Date): Promise<number> {
    return this.tx.run(async (em) => {
      if ((await initiativeSummary(em, initiativeId)) === null) throw new ProductNotFoundError(initiativeId);
      await em.query(
        `INSERT INTO market_products (initiative_id, package_id, handed_over_at) VALUES ($1, $2, $3)
         ON CONFLICT (initiative_id) DO UPDATE SET package_id = COALESCE(market_products.package_id, EXCLUDED.package_id)`,
        [initiativeId, packageId, acceptedAt],
      );
      const scheduled: { id: string; months: number; dueAt: Date }[] = [];
      for (const months of POST_LAUNCH_REVIEW_MONTHS) {
        // The unique (product, months) index makes a second delivery of the event a no-op.
        const [row] = await queryRows<{ id: string; months: number; dueAt: Date }>(
          em,
          `INSERT INTO market_post_launch_reviews (initiative_id, months, due_at) VALUES ($1, $2, $3)
           ON CONFLICT (initiative_id, months) DO NOTHING RETURNING id, months, due_at AS "dueAt"`,
          [initiativeId, months, addMonths(acceptedAt, months)],
        );
        if (row !== undefined) scheduled.push(row);
      }
      for (const review of scheduled) {
        await this.outbox.record(
          em,
          {
            type: MarketEvents.ReviewScheduled,
            aggregateType: 'market_product',
            aggregateId: initiativeId,
            payload: {
              reviewId: review.id,
              initiativeId,
              months: review.months,
              dueAt: review.dueAt.toISOString(),
            },
          },
          { job: reviewJobIntent({ ...review, initiativeId }, review.dueAt.getTime() - Date.now()) },
        );
      }
      if (scheduled.length > 0)
        await this.audit.append(em, {
          actor: SYSTEM_ACTOR,
          action: 'market.product-registered',
          entityType: 'market_product',
          entityId: initiativeId,
          chainKey: `market:${initiativeId}`,
          after: {
            packageId,
            handedOverAt: acceptedAt,
            reviews: scheduled.map((r) => ({ months: r.months, dueAt: r.dueAt })),
          },
        });
      return scheduled.length;
    });
  }
}

/**
 * The product an initiative in operation is, registered on first use when its handover event came before this
 * context (handed over when its stage history says the handover was accepted). Refuses one not in operation.
 */
export async function ensureProduct(em: EntityManager, initiativeId: string): Promise<MarketProductRecord> {
  const existing = await findProduct(em, initiativeId);
  if (existing !== null) return existing;
  const initiative = await initiativeSummary(em, initiativeId);
  if (initiative === null) throw new ProductNotFoundError(initiativeId);
  if (initiative.stage !== 'in_operation') throw new NotInOperationError(initiative.stage);
  const accepted = (await stageHistory(em, initiativeId)).filter((e) => e.kind === 'handover_accepted').pop();
  await em.query(
    `INSERT INTO market_products (initiative_id, handed_over_at) VALUES ($1, $2) ON CONFLICT (initiative_id) DO NOTHING`,
    [initiativeId, accepted?.occurredAt ?? initiative.stageEnteredAt],
  );
  return (await findProduct(em, initiativeId)) as MarketProductRecord;
}
