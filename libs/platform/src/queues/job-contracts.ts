/**
 * Every job by name: its queue and its payload. The platform declares its own jobs here; each context adds its own
 * from a `*-job-types.ts` of its lib (`declare module '@ambidex/platform' { interface JobTypes { … } }`), so producers
 * and handlers stay typed without this file knowing every context. Payloads carry ids only: the worker reads the
 * content from PostgreSQL, so Redis never holds documents. Queue and job names are persisted in Redis: never rename
 * one.
 */
export interface JobTypes {
  'deliver-event': { queue: 'domain-events'; data: { eventId: string } };
  'sweep-outbox': { queue: 'maintenance'; data: Record<string, never> };
  'checkpoint-audit': { queue: 'maintenance'; data: Record<string, never> };
}

export type JobName = keyof JobTypes;
export type JobContract = {
  [N in JobName]: { queue: JobTypes[N]['queue']; name: N; data: JobTypes[N]['data'] };
}[JobName];
export type JobOf<N extends JobName> = Extract<JobContract, { name: N }>;

/** Defaults for every job: retried with backoff, failures kept for inspection. */
export const DEFAULT_JOB_OPTIONS = {
  attempts: 8,
  backoff: { type: 'exponential' as const, delay: 1000 },
  removeOnComplete: { age: 24 * 3600, count: 10_000 },
  removeOnFail: false,
};

/** BullMQ's default maxStalledCount of 1 fails a job whose worker died twice; see docs/ARCHITECTURE.md. */
export const MAX_STALLED_COUNT = 10;
