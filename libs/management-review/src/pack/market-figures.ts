import { marketFiguresForPeriod } from '@ambidex/market';
import { PackSectionBuilder, plain } from './pack-section-builder';

/**
 * ISO 9001 9.3.2 c 1 and c 2: what the market returned for the products innovation handed over — realised value
 * against the forecast each was approved on, the vitality index, the budget it returns, customer feedback and the
 * post-launch reviews. Market figures are kept by month, so the pack covers the whole months the period touches.
 */
export function marketFigures(reinvestmentPercent: number): PackSectionBuilder {
  return async (em, period) => ({
    key: 'market-figures',
    title: 'Market feedback and revenue of handed-over products',
    clauses: ['ISO9001-9.3.2c1', 'ISO9001-9.3.2c2', 'ISO56001-9.3.2'],
    source:
      'The dashboard’s Market loop for the months of the period and the same portfolio: forecast at G3 against ' +
      'realised value, vitality index, budget returned, feedback by sentiment, post-launch reviews due.',
    figures: plain({
      ...(await marketFiguresForPeriod(em, {
        from: period.from,
        to: period.to,
        portfolioId: period.portfolioId,
        reinvestmentPercent,
      })),
    }),
  });
}
