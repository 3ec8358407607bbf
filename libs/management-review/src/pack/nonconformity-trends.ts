import { nonconformityTrends as trendsOf } from '@ambidex/nonconformity';
import { PackSectionBuilder, plain } from './pack-section-builder';

/** ISO 9001 9.3.2 c 4: nonconformities and corrective actions, their trends and the effectiveness checks. */
export const nonconformityTrends: PackSectionBuilder = async (em, period) => ({
  key: 'nonconformity-trends',
  title: 'Nonconformities, corrective actions and their effectiveness',
  clauses: ['ISO9001-9.3.2c4'],
  source: 'Every nonconformity of the organisation (not only the portfolio in scope), by the day raised or closed.',
  figures: plain({ ...(await trendsOf(em, { fromDay: period.fromDay, toDay: period.toDay })) }),
});
