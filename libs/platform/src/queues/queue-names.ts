import type { JobContract } from './job-contracts';

/** Every queue some context declared a job on (see JobTypes). */
export type QueueName = JobContract['queue'];

/** The platform's own queues. Each context exports the names of its own (GATES_QUEUE in @ambidex/gates, …). */
export const QueueName = {
  /** Domain events relayed from the outbox, one job per event (jobId = event id). */
  DomainEvents: 'domain-events',
  /** Housekeeping: the repeatable sweeps (each context adds its own) and the audit checkpoint. */
  Maintenance: 'maintenance',
} as const;
