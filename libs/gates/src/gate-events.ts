import { JobIntent, JobOf } from '@ambidex/platform';
import type { Decision, Gate } from '@ambidex/portfolio';
import { GATES_QUEUE } from './gate-job-types';

/** Outbox event types of the gates context. */
export const GateEvents = {
  ReviewRequested: 'gates.review-requested',
  ScorecardsComplete: 'gates.scorecards-complete',
  ReviewDecided: 'gates.review-decided',
  /** A G3 Go: the handover context assembles the package. */
  HandoverApproved: 'gates.handover-approved',
} as const;

/** Carries the prepare-review job; insights refreshes on it too. */
export interface ReviewRequestedPayload {
  reviewId: string;
  initiativeId: string;
  portfolioId: string;
  gate: Gate;
}

/** Carries the compute-outcome job, its only consequence. */
export interface ScorecardsCompletePayload {
  reviewId: string;
}

export interface ReviewDecidedPayload {
  reviewId: string;
  initiativeId: string;
  portfolioId: string;
  gate: Gate;
  decision: Decision;
}

export interface HandoverApprovedPayload {
  initiativeId: string;
  reviewId: string;
}

declare module '@ambidex/platform' {
  interface DomainEventMap {
    [GateEvents.ReviewRequested]: ReviewRequestedPayload;
    [GateEvents.ScorecardsComplete]: ScorecardsCompletePayload;
    [GateEvents.ReviewDecided]: ReviewDecidedPayload;
    [GateEvents.HandoverApproved]: HandoverApprovedPayload;
  }
}

/** Delayed and follow-up jobs have deterministic ids so a repeat is one job; BullMQ ids may not contain ':'. */
export const gateJobIds = {
  prepare: (reviewId: string) => `prepare-${reviewId}`,
  outcome: (reviewId: string) => `outcome-${reviewId}`,
  reminder: (reviewId: string) => `reminder-${reviewId}`,
  escalation: (reviewId: string) => `escalation-${reviewId}`,
  holdExpiry: (reviewId: string) => `hold-${reviewId}`,
};

/** The jobs recorded with the gate events, which the outbox relay queues straight after the commit. */
export const gateJobIntents = {
  prepare: (reviewId: string): JobIntent<JobOf<'prepare-review'>> => ({
    queue: GATES_QUEUE,
    name: 'prepare-review',
    data: { reviewId },
    jobId: gateJobIds.prepare(reviewId),
  }),
  outcome: (reviewId: string): JobIntent<JobOf<'compute-outcome'>> => ({
    queue: GATES_QUEUE,
    name: 'compute-outcome',
    data: { reviewId },
    jobId: gateJobIds.outcome(reviewId),
  }),
};
