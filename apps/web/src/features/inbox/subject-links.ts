/** Where an inbox item's subject lives in the console: one click from the item to the thing to act on. */
const ROUTES: Record<string, (id: string) => string> = {
  initiative: (id) => `/initiatives/${id}`,
  gate_review: (id) => `/reviews/${id}`,
  handover_package: (id) => `/packages/${id}`,
  controlled_document: (id) => `/documents/${id}`,
  document_revision: (id) => `/revisions/${id}`,
  nonconformity: (id) => `/nonconformities/${id}`,
  internal_audit: (id) => `/audits/${id}`,
  management_review_action: (id) => `/management-review-actions#${id}`,
  management_review: (id) => `/management-reviews/${id}`,
};

export function subjectLink(subjectType: string, subjectId: string): string | null {
  return ROUTES[subjectType]?.(subjectId) ?? null;
}

export const KIND_LABELS: Record<string, string> = {
  score_review: 'Score a review',
  decide_review: 'Decide a review',
  review_reminder: 'Review reminder',
  review_overdue: 'Review overdue',
  review_not_ready: 'Review not ready',
  approve_revision: 'Approve a revision',
  training: 'Training',
  handover_package_assembled: 'Handover package ready',
  handover_to_accept: 'Handover to accept',
  handover_action: 'Handover condition',
  handover_action_overdue: 'Handover condition overdue',
  handover_accepted: 'Handover accepted',
  handover_rejected: 'Handover rejected',
  possible_duplicates: 'Possible duplicates',
  document_review_flagged: 'Document flagged',
  document_review_due: 'Document review due',
  document_review_overdue: 'Document review overdue',
  hold_expired: 'Hold expired',
  nonconformity_raised: 'Nonconformity raised',
  nonconformity_action: 'Corrective action',
  nonconformity_action_overdue: 'Corrective action overdue',
  nonconformity_action_escalated: 'Corrective action escalated',
  nonconformity_effectiveness_due: 'Effectiveness check due',
  audit_assigned: 'Audit to conduct',
  audit_due_soon: 'Audit coming due',
  audit_overdue: 'Audit overdue',
  management_review_action: 'Review action',
  management_review_action_overdue: 'Review action overdue',
  management_review_action_escalated: 'Review action escalated',
};
