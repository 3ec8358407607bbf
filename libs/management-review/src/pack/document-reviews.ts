import { overdueDocumentReviews } from '@ambidex/qms';
import { PACK_LIST_LIMIT, PackSectionBuilder, plain } from './pack-section-builder';

/** ISO 9001 9.3.2 c 5: monitoring of the documented information; periodic reviews overdue at assembly. */
export const documentReviews: PackSectionBuilder = async (em) => ({
  key: 'document-reviews',
  title: 'Overdue periodic document reviews',
  clauses: ['ISO9001-9.3.2c5'],
  source: 'Controlled documents whose periodic review is past due and unanswered when the pack was assembled.',
  figures: plain({ ...(await overdueDocumentReviews(em, new Date(), PACK_LIST_LIMIT)) }),
});
