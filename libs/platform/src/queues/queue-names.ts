/** Every BullMQ queue Ambidex uses. Later contexts add theirs here, so names never drift. */
export enum QueueName {
  /** Domain events relayed from the outbox, one job per event (jobId = event id). */
  DomainEvents = 'domain-events',
  /** Housekeeping: the outbox sweeper and other repeatable jobs. */
  Maintenance = 'maintenance',
  /** Gate reviews: readiness and evidence, outcomes, reminders, escalations, hold expiry. */
  Gates = 'gates',
  /** Outgoing webhook deliveries, retried with backoff. */
  Webhooks = 'webhooks',
  /** Bulk experiment results and learnings: validated, stored and rolled up in chunks. */
  Ingest = 'ingest',
  /** Handover packages and controlled documents: assembly, scheduled effectivity. */
  Handover = 'handover',
  /** Insights read model: per-portfolio refreshes (deduplicated) and the repeatable safety refresh. */
  Insights = 'insights',
  /** Initiative upkeep that may take long: the background duplicate check after create. */
  Portfolio = 'portfolio',
  /** E-mail about inbox items: one send job per delivery (jobId = delivery id), the daily digest, the mail sweep. */
  Mail = 'mail',
}

export const ALL_QUEUES: readonly QueueName[] = Object.values(QueueName);
