import { VITALITY_YEARS } from './market-rules';

/** One product's realised value in a period, and when it was handed over. */
export interface ProductPeriodValue {
  initiativeId: string;
  handedOverAt: Date;
  revenue: number;
  costSavings: number;
}

/** Money to the cent, without floating-point dust. */
export function cents(value: number): number {
  return Math.round(value * 100) / 100 + 0;
}

/**
 * The vitality index: the share of the period's revenue that comes from products handed over within the last three
 * years (counted back from the period's end). Null when the period has no revenue: a share of nothing is not zero.
 */
export function vitalityIndex(products: ProductPeriodValue[], periodEnd: Date): number | null {
  const since = new Date(periodEnd.getTime());
  since.setUTCFullYear(since.getUTCFullYear() - VITALITY_YEARS);
  let total = 0;
  let recent = 0;
  for (const p of products) {
    total += p.revenue;
    if (p.handedOverAt >= since && p.handedOverAt < periodEnd) recent += p.revenue;
  }
  if (total <= 0) return null;
  return Math.round((recent / total) * 10_000) / 10_000;
}

/** What the period's realised value returns to the innovation budget: the reinvestment rate × (revenue + savings). */
export function budgetReturned(reinvestmentPercent: number, revenue: number, costSavings: number): number {
  return cents(((revenue + costSavings) * reinvestmentPercent) / 100);
}

/**
 * Realised value against the ECV the product was approved on: the share of the forecast realised so far. Null when
 * there is no positive forecast to compare with.
 */
export function realisedShareOfForecast(realised: number, ecv: number | null): number | null {
  if (ecv === null || ecv <= 0) return null;
  return Math.round((realised / ecv) * 10_000) / 10_000;
}
