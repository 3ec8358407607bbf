/** Where an inbox item's subject lives in the console: one click from the item to the thing to act on. */
const ROUTES: Record<string, (id: string) => string> = {
  initiative: (id) => `/initiatives/${id}`,
  gate_review: (id) => `/reviews/${id}`,
  handover_package: (id) => `/packages/${id}`,
  controlled_document: (id) => `/documents/${id}`,
  document_revision: (id) => `/revisions/${id}`,
  nonconformity: (id) => `/nonconformities/${id}`,
  internal_audit: (id) => `/audits/${id}`,
  value_stream: (id) => `/value-streams/${id}`,
  improvement_event: (id) => `/improvements/${id}`,
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
  lean_baseline_due: 'Set a value-stream baseline',
  lean_measurement_due: 'Measure a value stream',
  lean_improvement_raised: 'Improvement raised',
  lean_action: 'Improvement action',
  lean_action_overdue: 'Improvement action overdue',
  lean_action_escalated: 'Improvement action escalated',
  audit_due_soon: 'Audit coming due',
  audit_overdue: 'Audit overdue',
};
