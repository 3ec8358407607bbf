import { SignedSubject } from '@ambidex/qms';
import { ManagementReviewRecord, ReviewActionRecord, ReviewOpportunityRecord } from './management-review-rows';

/**
 * What leadership signs: the pack (by its hash) and the outputs. An action's progress is not part of it: it goes on
 * after signing without voiding the signature.
 */
export function managementReviewSubject(
  review: ManagementReviewRecord,
  actions: ReviewActionRecord[],
  opportunities: ReviewOpportunityRecord[],
): SignedSubject {
  return {
    recordType: 'management_review',
    recordId: review.id,
    content: {
      number: review.number,
      meetingOn: review.meetingOn,
      period: { from: review.periodFrom, to: review.periodTo },
      scope: { portfolioId: review.portfolioId, ambition: review.ambition, horizon: review.horizon },
      packSha256: review.packSha256,
      contextChanges: review.contextChanges,
      decisions: review.decisions,
      actions: actions.map((a) => ({ id: a.id, text: a.text, ownerId: a.ownerId, dueAt: a.dueAt.toISOString() })),
      opportunities: opportunities.map((o) => ({ initiativeId: o.initiativeId, title: o.title })),
    },
  };
}
