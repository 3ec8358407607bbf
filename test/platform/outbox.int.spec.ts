import { Outbox, OutboxEventEntity, OutboxRelay, QueueName, QueueProducer } from '@ambidex/platform';
import { eventually, obliterateQueues } from '@ambidex/testing';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { TestApp } from '../support/test-app';

/** The outbox: written with the change, relayed after commit, delivered once the worker is up, swept when lost. */
describe('transactional outbox (real PostgreSQL and Redis)', () => {
  // No worker, and a database of its own: a worker of a suite running alongside would relay these events.
  let api: TestApp;

  beforeAll(async () => {
    api = await TestApp.startIsolated();
  });
  afterAll(async () => {
    await obliterateQueues(api.config);
    await api.close();
  });

  const recordEvent = (app: NestFastifyApplication): Promise<string> =>
    api.dataSource.transaction((em) =>
      app
        .get(Outbox)
        .record(em, { type: 'test.happened', aggregateType: 'test', aggregateId: 'a1', payload: { n: 1 } }),
    );

  const eventRow = (id: string): Promise<OutboxEventEntity | null> =>
    api.dataSource.getRepository(OutboxEventEntity).findOneBy({ id });

  it('an event rolled back with its transaction never exists', async () => {
    const before = await api.count('outbox_events');
    await expect(
      api.dataSource.transaction(async (em) => {
        await api.app.get(Outbox).record(em, { type: 'test.rolled-back', aggregateType: 'test', aggregateId: 'x' });
        throw new Error('use case failed');
      }),
    ).rejects.toThrow('use case failed');
    expect(await api.count('outbox_events')).toBe(before);
  });

  it('survives the worker being down and is delivered once it is up', async () => {
    const eventId = await recordEvent(api.app);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await eventRow(eventId)).toMatchObject({ publishedAt: null, processedAt: null });

    const worker = await TestApp.start({ worker: true, config: api.config });
    try {
      const delivered = await eventually(
        () => eventRow(eventId),
        (row) => row?.processedAt !== null,
      );
      expect(delivered?.processedAt).toBeInstanceOf(Date);
      expect(delivered?.publishCount).toBe(1);
    } finally {
      await worker.close();
    }
  });

  it('the sweeper requeues an event whose job was lost from Redis', async () => {
    const eventId = await recordEvent(api.app);
    await api.app.get(OutboxRelay).publishPending();
    const queue = api.app.get(QueueProducer).queue(QueueName.DomainEvents);
    await (await queue.getJob(eventId))?.remove();
    await expect(queue.getJob(eventId)).resolves.toBeUndefined();
    // Make it look long-published, then sweep as the maintenance job does.
    await api.dataSource.query(`UPDATE outbox_events SET published_at = now() - interval '1 hour' WHERE id = $1`, [
      eventId,
    ]);
    await expect(api.app.get(OutboxRelay).sweep(60_000)).resolves.toBeGreaterThanOrEqual(1);
    await expect(queue.getJob(eventId)).resolves.toBeDefined();

    const worker = await TestApp.start({ worker: true, config: api.config });
    try {
      const row = await eventually(
        () => eventRow(eventId),
        (r) => r?.processedAt !== null,
      );
      expect(row?.processedAt).toBeInstanceOf(Date);
    } finally {
      await worker.close();
    }
  });
});
