import { ApprovedForecast, approvedForecasts } from '@ambidex/gates';
import { SqlRunner } from '@ambidex/platform';
import { initiativeSummaries } from '@ambidex/portfolio';
import { budgetReturned, cents, realisedShareOfForecast, vitalityIndex } from './domain/market-figures';
import { endOfMonth, firstDayOf, monthOf } from './domain/market-period';
import { DEFAULT_REINVESTMENT_PERCENT, FeedbackSentiment, ReviewVerdict } from './domain/market-rules';
import { InvalidMarketInputError } from './domain/market.errors';
import { allProducts, feedbackCounts, lifetimeTotals, reviewsDueBetween, valueTotals } from './market-rows';

/** The period and scope of the market figures. Months are 'YYYY-MM' (a day 'YYYY-MM-DD' stands for its month). */
export interface MarketPeriodQuery {
  from: string;
  to: string;
  portfolioId?: string | null;
  /** The configured reinvestment rate (config `market.reinvestmentPercent`); the documented default when left out. */
  reinvestmentPercent?: number;
}

export type ForecastFigures = Pick<
  ApprovedForecast,
  'reviewId' | 'decision' | 'decidedAt' | 'npv' | 'ecv' | 'commercializationCost' | 'remainingDevelopmentCost'
>;

/** One handed-over product: the forecast it was approved on at G3 against what it realised. */
export interface ProductFigures {
  initiativeId: string;
  title: string;
  portfolioId: string;
  ownerId: string;
  handedOverAt: Date;
  forecast: ForecastFigures | null;
  /** Realised in the period; customers as of the period's latest month with figures. */
  period: { revenue: number; costSavings: number; customers: number | null };
  /** Realised since the handover: revenue + cost savings. */
  realisedToDate: number;
  /** realisedToDate / forecast ECV; null without a positive ECV. */
  realisedShareOfEcv: number | null;
}

export interface ReviewFigures {
  id: string;
  initiativeId: string;
  title: string;
  months: number;
  dueAt: Date;
  verdict: ReviewVerdict | null;
  recordedAt: Date | null;
}

/** What the market loop returned in a period: the dashboard's section and the management review's pack. */
export interface MarketFigures {
  from: string;
  to: string;
  portfolioId: string | null;
  products: ProductFigures[];
  totals: { revenue: number; costSavings: number };
  /** Share of the period's revenue from products handed over in the three years before its end; null without revenue. */
  vitalityIndex: number | null;
  reinvestmentPercent: number;
  /** reinvestmentPercent × (revenue + cost savings) of the period. */
  budgetReturned: number;
  feedback: Record<FeedbackSentiment, number>;
  /** The post-launch reviews due in the period, by due date. */
  reviews: ReviewFigures[];
}

/** A period's months, checked: from and to are months, from is not after to, at most ten years. */
export function marketPeriod(query: Pick<MarketPeriodQuery, 'from' | 'to'>): { from: string; to: string } {
  const from = monthOf(query.from);
  const to = monthOf(query.to);
  if (from === null) throw new InvalidMarketInputError([{ field: 'from', reason: 'a month, YYYY-MM' }]);
  if (to === null) throw new InvalidMarketInputError([{ field: 'to', reason: 'a month, YYYY-MM' }]);
  if (from > to) throw new InvalidMarketInputError([{ field: 'from', reason: 'the period starts before it ends' }]);
  if (Number(to.slice(0, 4)) - Number(from.slice(0, 4)) > 10)
    throw new InvalidMarketInputError([{ field: 'from', reason: 'a period of ten years at most' }]);
  return { from, to };
}

/**
 * The market figures of a period, in the caller's transaction: for other contexts (the management review's pack) and
 * the summary endpoint alike, so both show the same numbers.
 */
export async function marketFiguresForPeriod(sql: SqlRunner, query: MarketPeriodQuery): Promise<MarketFigures> {
  const { from, to } = marketPeriod(query);
  const start = new Date(`${firstDayOf(from)}T00:00:00Z`);
  const end = endOfMonth(to);
  const endDay = end.toISOString().slice(0, 10);
  const portfolioId = query.portfolioId ?? null;
  const percent = query.reinvestmentPercent ?? DEFAULT_REINVESTMENT_PERCENT;

  const registered = (await allProducts(sql)).filter((p) => p.handedOverAt < end);
  const summaries = await initiativeSummaries(
    sql,
    registered.map((p) => p.initiativeId),
  );
  const products = registered.filter((p) => {
    const summary = summaries.get(p.initiativeId);
    return summary !== undefined && (portfolioId === null || summary.portfolioId === portfolioId);
  });
  const ids = products.map((p) => p.initiativeId);
  const inScope = new Set(ids);
  const periodValues = new Map(
    (await valueTotals(sql, firstDayOf(from), endDay)).map((v) => [v.initiativeId, v] as const),
  );
  const lifetime = await lifetimeTotals(sql, ids);
  const forecasts = await approvedForecasts(sql, ids);

  const rows: ProductFigures[] = products.map((p) => {
    const summary = summaries.get(p.initiativeId)!;
    const value = periodValues.get(p.initiativeId);
    const toDate = lifetime.get(p.initiativeId);
    const realised = cents((toDate?.revenue ?? 0) + (toDate?.costSavings ?? 0));
    const forecast = forecasts.get(p.initiativeId) ?? null;
    return {
      initiativeId: p.initiativeId,
      title: summary.title,
      portfolioId: summary.portfolioId,
      ownerId: summary.ownerId,
      handedOverAt: p.handedOverAt,
      forecast:
        forecast === null
          ? null
          : {
              reviewId: forecast.reviewId,
              decision: forecast.decision,
              decidedAt: forecast.decidedAt,
              npv: forecast.npv,
              ecv: forecast.ecv,
              commercializationCost: forecast.commercializationCost,
              remainingDevelopmentCost: forecast.remainingDevelopmentCost,
            },
      period: {
        revenue: cents(value?.revenue ?? 0),
        costSavings: cents(value?.costSavings ?? 0),
        customers: value?.customers ?? null,
      },
      realisedToDate: realised,
      realisedShareOfEcv: realisedShareOfForecast(realised, forecast?.ecv ?? null),
    };
  });
  const revenue = cents(rows.reduce((sum, r) => sum + r.period.revenue, 0));
  const costSavings = cents(rows.reduce((sum, r) => sum + r.period.costSavings, 0));

  const feedback: Record<FeedbackSentiment, number> = { positive: 0, neutral: 0, negative: 0 };
  for (const c of await feedbackCounts(sql, firstDayOf(from), endDay))
    if (inScope.has(c.initiativeId)) feedback[c.sentiment] += c.count;

  const reviews = (await reviewsDueBetween(sql, start, end))
    .filter((r) => inScope.has(r.initiativeId))
    .map((r) => ({
      id: r.id,
      initiativeId: r.initiativeId,
      title: summaries.get(r.initiativeId)?.title ?? '',
      months: r.months,
      dueAt: r.dueAt,
      verdict: r.verdict,
      recordedAt: r.recordedAt,
    }));

  return {
    from,
    to,
    portfolioId,
    products: rows,
    totals: { revenue, costSavings },
    vitalityIndex: vitalityIndex(
      rows.map((r) => ({ ...r, revenue: r.period.revenue, costSavings: r.period.costSavings })),
      end,
    ),
    reinvestmentPercent: percent,
    budgetReturned: budgetReturned(percent, revenue, costSavings),
    feedback,
    reviews,
  };
}
