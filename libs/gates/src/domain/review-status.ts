export const REVIEW_STATUSES = [
  'requested',
  'not_ready',
  'scoring',
  'awaiting_decision',
  'decided',
  'cancelled',
] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];
export const OPEN_REVIEW_STATUSES: ReviewStatus[] = ['requested', 'scoring', 'awaiting_decision'];
