import { actorOf, Principal } from '@ambidex/identity';
import { AuditTrail, TransactionRunner } from '@ambidex/platform';
import { initiativeSummary } from '@ambidex/portfolio';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { firstDayOf, monthOf } from './domain/market-period';
import { InvalidMarketInputError, NotProductOwnerError, ProductNotFoundError } from './domain/market.errors';
import { MonthValue, parseValueCsv, valueProblems } from './domain/value-entry';
import { lockedMonth, MonthValueRecord } from './market-rows';
import { ensureProduct } from './product-registration';

/**
 * The realised value of a product, per month, entered by its owner one month at a time or imported as a CSV. A
 * month is one row: entering it again corrects it in place, with the figures before and after in the audit trail.
 */
@Injectable()
export class RealisedValue {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditTrail,
  ) {}

  async enter(principal: Principal, initiativeId: string, value: MonthValue): Promise<void> {
    const problems = valueProblems(value);
    if (problems.length > 0) throw new InvalidMarketInputError(problems);
    const month = monthOf(value.month) as string;
    await this.tx.run(async (em) => {
      await this.ownedProduct(em, principal, initiativeId);
      const before = await this.upsert(em, principal, initiativeId, { ...value, month });
      await this.audit.append(em, {
        actor: actorOf(principal),
        action: before === null ? 'market.value-entered' : 'market.value-corrected',
        entityType: 'market_product',
        entityId: initiativeId,
        chainKey: `market:${initiativeId}`,
        before: before === null ? null : figures(before),
        after: figures({ ...value, month }),
      });
    });
  }

  /** All rows or none: a bad row refuses the whole file before anything is written. */
  async importCsv(
    principal: Principal,
    initiativeId: string,
    csv: string,
  ): Promise<{ entered: number; corrected: number }> {
    const parsed = parseValueCsv(csv);
    if (!parsed.ok) throw new InvalidMarketInputError(parsed.problems);
    return this.tx.run(async (em) => {
      await this.ownedProduct(em, principal, initiativeId);
      const corrections: { before: unknown; after: unknown }[] = [];
      const entered: string[] = [];
      for (const value of [...parsed.values].sort((a, b) => a.month.localeCompare(b.month))) {
        const before = await this.upsert(em, principal, initiativeId, value);
        if (before === null) entered.push(value.month);
        else corrections.push({ before: figures(before), after: figures(value) });
      }
      await this.audit.append(em, {
        actor: actorOf(principal),
        action: 'market.values-imported',
        entityType: 'market_product',
        entityId: initiativeId,
        chainKey: `market:${initiativeId}`,
        before: corrections.map((c) => c.before),
        after: { entered, corrected: corrections.map((c) => c.after) },
      });
      return { entered: entered.length, corrected: corrections.length };
    });
  }

  private async ownedProduct(em: EntityManager, principal: Principal, initiativeId: string): Promise<void> {
    const initiative = await initiativeSummary(em, initiativeId);
    if (initiative === null) throw new ProductNotFoundError(initiativeId);
    if (initiative.ownerId !== principal.userId) throw new NotProductOwnerError('records its realised value');
    await ensureProduct(em, initiativeId);
  }

  /** Writes one month; returns what it held before (null for a new month). The month row is locked meanwhile. */
  private async upsert(
    em: EntityManager,
    principal: Principal,
    initiativeId: string,
    value: MonthValue,
  ): Promise<MonthValueRecord | null> {
    const before = await lockedMonth(em, initiativeId, value.month);
    // ON CONFLICT: two first entries of one month at once make one row, the later a correction of the earlier.
    await em.query(
      `INSERT INTO market_values (initiative_id, month, revenue, cost_savings, customers, entered_by)
       VALUES ($1, $2::date, $3, $4, $5, $6)
       ON CONFLICT (initiative_id, month) DO UPDATE SET revenue = EXCLUDED.revenue, cost_savings = EXCLUDED.cost_savings,
         customers = EXCLUDED.customers, entered_by = EXCLUDED.entered_by, corrected_at = now()`,
      [initiativeId, firstDayOf(value.month), value.revenue, value.costSavings, value.customers, principal.userId],
    );
    return before;
  }
}

function figures(v: Pick<MonthValue, 'month' | 'revenue' | 'costSavings' | 'customers'>): MonthValue {
  return { month: v.month, revenue: v.revenue, costSavings: v.costSavings, customers: v.customers };
}
