import { openHandoverConditions } from '@ambidex/handover';
import { initiativesFromOperations } from '@ambidex/portfolio';
import { PACK_LIST_LIMIT, PackSectionBuilder, plain } from './pack-section-builder';

/**
 * ISO 9001 9.3.2 e–f, ISO 56001 9.3.2: risks still carried (open handover conditions) and the opportunities
 * operations raised as initiatives in the period.
 */
export const risksAndOpportunities: PackSectionBuilder = async (em, period) => {
  const conditions = await openHandoverConditions(em, new Date(), PACK_LIST_LIMIT);
  const opportunities = await initiativesFromOperations(
    em,
    { portfolioId: period.portfolioId, fromDay: period.fromDay, toDay: period.toDay },
    PACK_LIST_LIMIT,
  );
  return {
    key: 'risks-and-opportunities',
    title: 'Risks and opportunities',
    clauses: ['ISO9001-9.3.2e', 'ISO9001-9.3.2f', 'ISO56001-9.3.2'],
    source:
      'Open conditions of accepted handovers (risks operations carry), and initiatives raised from operations ' +
      '(nonconformities, complaints, audit observations, reviews) created in the period.',
    figures: plain({ handoverConditions: conditions, initiativesFromOperations: opportunities }),
  };
};
