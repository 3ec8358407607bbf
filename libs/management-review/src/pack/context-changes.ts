import { loadReview } from '../management-review-rows';
import { PackSectionBuilder } from './pack-section-builder';

/** ISO 9001 9.3.2 b, ISO 56001 9.3.2 b: changes in external and internal issues, as leadership entered them. */
export const contextChanges: PackSectionBuilder = async (em, period) => {
  const review = await loadReview(em, period.reviewId);
  return {
    key: 'context-changes',
    title: 'Changes in external and internal issues',
    clauses: ['ISO9001-9.3.2b', 'ISO56001-9.3.2'],
    source: 'Entered by leadership on the review; reassemble the pack after changing it.',
    figures: { text: review.contextChanges },
  };
};
