/** Outbox event types of the gates context. */
export const GateEvents = {
  ReviewRequested: 'gates.review-requested',
  ScorecardsComplete: 'gates.scorecards-complete',
  ReviewDecided: 'gates.review-decided',
  /** A G3 Go: the handover context assembles the package. */
  HandoverApproved: 'gates.handover-approved',
} as const;

/** Delayed and follow-up jobs have deterministic ids so a repeat is one job; BullMQ ids may not contain ':'. */
export const gateJobIds = {
  prepare: (reviewId: string) => `prepare-${reviewId}`,
  outcome: (reviewId: string) => `outcome-${reviewId}`,
  reminder: (reviewId: string) => `reminder-${reviewId}`,
  escalation: (reviewId: string) => `escalation-${reviewId}`,
  holdExpiry: (reviewId: string) => `hold-${reviewId}`,
};
