import { customerComplaints } from '@ambidex/nonconformity';
import { PACK_LIST_LIMIT, PackSectionBuilder, plain } from './pack-section-builder';

/** ISO 9001 9.3.2 c 1: customer feedback; today the complaints recorded as nonconformities. */
export const customerFeedback: PackSectionBuilder = async (em, period) => ({
  key: 'customer-feedback',
  title: 'Customer feedback',
  clauses: ['ISO9001-9.3.2c1'],
  source: 'Nonconformities whose source is a customer complaint, raised in the period (the newest listed).',
  figures: plain({
    ...(await customerComplaints(em, { fromDay: period.fromDay, toDay: period.toDay }, PACK_LIST_LIMIT)),
  }),
});
