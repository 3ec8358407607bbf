import { QueueName } from './queue-names';

/**
 * Every job's name and payload, as one discriminated union. Payloads carry ids only:
 * the worker reads the content from PostgreSQL, so Redis never holds documents.
 */
export type JobContract =
  | { queue: QueueName.DomainEvents; name: 'deliver-event'; data: { eventId: string } }
  | { queue: QueueName.Maintenance; name: 'sweep-outbox'; data: Record<string, never> }
  | { queue: QueueName.Maintenance; name: 'sweep-gates'; data: Record<string, never> }
  | { queue: QueueName.Gates; name: 'prepare-review'; data: { reviewId: string } }
  | { queue: QueueName.Gates; name: 'compute-outcome'; data: { reviewId: string } }
  | { queue: QueueName.Gates; name: 'review-reminder'; data: { reviewId: string } }
  | { queue: QueueName.Gates; name: 'review-escalation'; data: { reviewId: string } }
  | { queue: QueueName.Gates; name: 'hold-expired'; data: { reviewId: string } }
  | { queue: QueueName.Webhooks; name: 'deliver-webhook'; data: { deliveryId: string } }
  | { queue: QueueName.Ingest; name: 'ingest-batch'; data: { batchId: string } }
  | { queue: QueueName.Maintenance; name: 'sweep-handover'; data: Record<string, never> }
  | { queue: QueueName.Maintenance; name: 'sweep-duplicates'; data: Record<string, never> }
  | { queue: QueueName.Maintenance; name: 'checkpoint-audit'; data: Record<string, never> }
  | { queue: QueueName.Handover; name: 'assemble-package'; data: { initiativeId: string; reviewId: string } }
  | { queue: QueueName.Handover; name: 'make-effective'; data: { revisionId: string } }
  | { queue: QueueName.Insights; name: 'refresh-portfolio'; data: { portfolioId: string } }
  | { queue: QueueName.Insights; name: 'refresh-stale'; data: Record<string, never> }
  | { queue: QueueName.Portfolio; name: 'check-duplicates'; data: { initiativeId: string } }
  | { queue: QueueName.Mail; name: 'send-mail'; data: { deliveryId: string } }
  | { queue: QueueName.Mail; name: 'plan-digests'; data: Record<string, never> }
  | { queue: QueueName.Mail; name: 'sweep-mail'; data: Record<string, never> };

export type JobName = JobContract['name'];
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
