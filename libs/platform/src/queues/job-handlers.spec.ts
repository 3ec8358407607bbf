import { JobHandlers } from './job-handlers';
import { QueueName } from './queue-names';

describe('JobHandlers', () => {
  const noop = async (): Promise<undefined> => undefined;

  it('merges what several contexts register on one queue, with the owner setting the concurrency', () => {
    const jobs = new JobHandlers();
    jobs.register({ queue: QueueName.Maintenance, handlers: { 'sweep-outbox': noop } });
    jobs.register({
      queue: QueueName.Maintenance,
      concurrency: 1,
      handlers: { 'checkpoint-audit': noop },
      schedules: { every: 1000, jobs: [{ id: 'checkpoint-audit', job: 'checkpoint-audit', repeat: { every: 1000 } }] },
    });
    jobs.register({ queue: QueueName.DomainEvents, concurrency: 4, handlers: { 'deliver-event': noop } });

    expect(jobs.queueNames()).toEqual(['maintenance', 'domain-events']);
    const [maintenance] = jobs.queues();
    expect([...(maintenance?.handlers.keys() ?? [])]).toEqual(['sweep-outbox', 'checkpoint-audit']);
    expect(maintenance?.concurrency).toBe(1);
    expect(maintenance?.schedules).toHaveLength(1);
    expect(maintenance?.enabled).toBe(true);
  });

  it('refuses a second handler for a job and a second owner for a queue', () => {
    const jobs = new JobHandlers();
    jobs.register({ queue: QueueName.DomainEvents, concurrency: 4, handlers: { 'deliver-event': noop } });
    expect(() => jobs.register({ queue: QueueName.DomainEvents, handlers: { 'deliver-event': noop } })).toThrow(
      'two handlers',
    );
    expect(() => jobs.register({ queue: QueueName.DomainEvents, concurrency: 2, handlers: {} })).toThrow('two owners');
  });

  it('keeps a queue registered but disabled, so it is listed while no worker takes it', () => {
    const jobs = new JobHandlers();
    jobs.register({ queue: QueueName.Maintenance, concurrency: 1, enabled: false, handlers: { 'sweep-outbox': noop } });
    expect(jobs.queueNames()).toEqual(['maintenance']);
    expect(jobs.queues()[0]?.enabled).toBe(false);
  });
});
