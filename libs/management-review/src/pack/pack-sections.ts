import { auditResults } from './audit-results';
import { contextChanges } from './context-changes';
import { customerFeedback } from './customer-feedback';
import { documentReviews } from './document-reviews';
import { handoverResults } from './handover-results';
import { leanFigures } from './lean-figures';
import { marketFigures } from './market-figures';
import { nonconformityTrends } from './nonconformity-trends';
import { PackSectionBuilder } from './pack-section-builder';
import { portfolioPerformance } from './portfolio-performance';
import { previousReviewActions } from './previous-review-actions';
import { risksAndOpportunities } from './risks-and-opportunities';

/**
 * Every input of the pack, one builder a file. A new input is one more file and one more line here; the pack puts it
 * under its leading clause.
 */
export function packSections(market: { reinvestmentPercent: number }): PackSectionBuilder[] {
  return [
    previousReviewActions,
    contextChanges,
    customerFeedback,
    portfolioPerformance,
    handoverResults,
    leanFigures,
    nonconformityTrends,
    documentReviews,
    auditResults,
    marketFigures(market.reinvestmentPercent),
    risksAndOpportunities,
  ];
}
