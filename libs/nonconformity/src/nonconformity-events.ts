import { JobIntent, JobOf } from '@ambidex/platform';
import { effectivenessJobId } from './domain/nonconformity-rules';
import { NONCONFORMITY_QUEUE } from './nonconformity-job-types';

/** Outbox event types of the nonconformity context. */
export const NonconformityEvents = {
  /** The last corrective action closed: carries the delayed effectiveness-check job. */
  ActionsCompleted: 'nonconformity.actions-completed',
} as const;

export interface ActionsCompletedPayload {
  nonconformityId: string;
  round: number;
  effectivenessDueAt: string;
}

declare module '@ambidex/platform' {
  interface DomainEventMap {
    [NonconformityEvents.ActionsCompleted]: ActionsCompletedPayload;
  }
}

/** The effectiveness check, delayed until due; one job per scheduling round. */
export function effectivenessJobIntent(
  nonconformityId: string,
  round: number,
  delayMs: number,
): JobIntent<JobOf<'nc-effectiveness-due'>> {
  return {
    queue: NONCONFORMITY_QUEUE,
    name: 'nc-effectiveness-due',
    data: { nonconformityId, round },
    jobId: effectivenessJobId(nonconformityId, round),
    options: { delay: Math.max(0, delayMs) },
  };
}
