/** What a retry did, in words: the API answers requeued=false when there was nothing to retry (idempotent). */
export function retryOutcome(result: { state: 'pending' | 'delivered'; requeued: boolean }): string {
  if (result.requeued)
    return 'Queued for delivery again. It leaves this list; if it fails again it comes back after the same number of attempts.';
  if (result.state === 'delivered') return 'Nothing to retry: this event has been delivered.';
  return 'Nothing to retry: this event is already waiting for delivery.';
}

/** An event's aggregate as "type id", e.g. "gate_review 3f2c…" (ids shortened: the full id is in the event). */
export function aggregateLabel(aggregateType: string, aggregateId: string): string {
  const id = aggregateId.length > 13 ? `${aggregateId.slice(0, 8)}…` : aggregateId;
  return `${aggregateType} ${id}`;
}
