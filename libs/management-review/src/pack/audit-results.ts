import { auditResults as resultsOf } from '@ambidex/audits';
import { PACK_LIST_LIMIT, PackSectionBuilder, plain } from './pack-section-builder';

/** ISO 9001 9.3.2 c 6, ISO 56001 9.3.2: the internal audits planned in the period and the findings of those signed. */
export const auditResults: PackSectionBuilder = async (em, period) => ({
  key: 'audit-results',
  title: 'Internal audit results',
  clauses: ['ISO9001-9.3.2c6', 'ISO56001-9.3.2'],
  source: 'Internal audits planned for a day in the period; findings are counted from signed reports only.',
  figures: plain({ ...(await resultsOf(em, { fromDay: period.fromDay, toDay: period.toDay }, PACK_LIST_LIMIT)) }),
});
