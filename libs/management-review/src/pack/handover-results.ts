import { PackSectionBuilder, plain } from './pack-section-builder';

/** ISO 9001 9.3.2 c 3: conformity of what innovation hands to operations, and the time it takes to be controlled. */
export const handoverResults: PackSectionBuilder = async (_em, _period, overviews) => {
  return {
    key: 'handover-results',
    title: 'Handover results and time to controlled',
    clauses: ['ISO9001-9.3.2c3', 'ISO56001-9.3.2'],
    source: 'The portfolio dashboard’s handover figures for the same period and filters.',
    figures: plain({
      portfolios: overviews.map((o) => ({
        portfolio: { id: o.portfolio.id, name: o.portfolio.name },
        handover: o.handover,
      })),
    }),
  };
};
