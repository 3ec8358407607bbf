/**
 * A controlled document's revisions: draft → in review → approved → effective → superseded or obsolete.
 * Nothing approved is edited; a change is a new revision. Exactly one revision is effective at a time.
 */
export const REVISION_STATES = ['draft', 'in_review', 'approved', 'effective', 'superseded', 'obsolete'] as const;
export type RevisionState = (typeof REVISION_STATES)[number];

export const REVISION_ACTIONS = [
  'submit_for_review',
  'approve',
  'send_back',
  'make_effective',
  'supersede',
  'make_obsolete',
] as const;
export type RevisionAction = (typeof REVISION_ACTIONS)[number];

const TABLE: Record<RevisionAction, { from: RevisionState; to: RevisionState }> = {
  submit_for_review: { from: 'draft', to: 'in_review' },
  approve: { from: 'in_review', to: 'approved' },
  send_back: { from: 'in_review', to: 'draft' },
  make_effective: { from: 'approved', to: 'effective' },
  supersede: { from: 'effective', to: 'superseded' },
  make_obsolete: { from: 'effective', to: 'obsolete' },
};

export type RevisionStep = { ok: true; to: RevisionState } | { ok: false; reason: string };

export function stepRevision(from: RevisionState, action: RevisionAction): RevisionStep {
  const rule = TABLE[action];
  return rule.from === from
    ? { ok: true, to: rule.to }
    : { ok: false, reason: `a ${from.replace('_', ' ')} revision cannot ${action.replace(/_/g, ' ')}` };
}

/** Content may change only while the revision is a draft. */
export function isEditable(state: RevisionState): boolean {
  return state === 'draft';
}

export function isTerminal(state: RevisionState): boolean {
  return state === 'superseded' || state === 'obsolete';
}
