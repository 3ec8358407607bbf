import { PackSectionBuilder, plain } from './pack-section-builder';

/** ISO 9001 9.3.2 c 2, ISO 56001 9.3.2 c: portfolio performance, the dashboard's figures for the period. */
export const portfolioPerformance: PackSectionBuilder = async (_em, _period, overviews) => {
  return {
    key: 'portfolio-performance',
    title: 'Innovation portfolio performance',
    clauses: ['ISO9001-9.3.2c2', 'ISO56001-9.3.2'],
    source:
      'The portfolio dashboard for the same period and filters (funnel, gate conversion, cycle times, balance, learning ' +
      'velocity), from the insights read model as of its refresh.',
    figures: plain({
      portfolios: overviews.map((o) => ({
        portfolio: { id: o.portfolio.id, name: o.portfolio.name },
        refreshedAt: o.refreshedAt,
        funnel: o.funnel,
        gates: o.gates,
        cycleTimes: o.cycleTimes,
        balance: o.balance,
        learning: o.learning,
      })),
    }),
  };
};
