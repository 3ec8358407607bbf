import { aggregateLabel, retryOutcome } from './dead-letters';

describe('dead letters page logic', () => {
  it('says whether a retry queued the event or found nothing to do', () => {
    expect(retryOutcome({ state: 'pending', requeued: true })).toMatch(/^Queued for delivery again/);
    expect(retryOutcome({ state: 'delivered', requeued: false })).toBe(
      'Nothing to retry: this event has been delivered.',
    );
    expect(retryOutcome({ state: 'pending', requeued: false })).toBe(
      'Nothing to retry: this event is already waiting for delivery.',
    );
  });

  it('shortens uuids of aggregates but keeps short ids whole', () => {
    expect(aggregateLabel('gate_review', '3f2c8a10-1111-4222-8333-444455556666')).toBe('gate_review 3f2c8a10…');
    expect(aggregateLabel('test', 'poison-1')).toBe('test poison-1');
  });
});
