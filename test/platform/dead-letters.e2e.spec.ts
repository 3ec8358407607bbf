import {
  DomainError,
  DomainEventDelivery,
  Outbox,
  OutboxEventEntity,
  OutboxRelay,
  QueueName,
  QueueProducer,
} from '@ambidex/platform';
import { eventually, obliterateQueues, testConfig } from '@ambidex/testing';
import { TestApp, TestUser } from '../support/test-app';

const MAX_ATTEMPTS = 3;

/**
 * The poison loop closed: an outbox event whose delivery keeps failing is counted, set aside as a dead letter at the
 * cap (OUTBOX_MAX_ATTEMPTS), left alone by the sweep, shown to admins (API and metric) and delivered once when retried.
 */
describe('outbox dead letters (real PostgreSQL, Redis and worker)', () => {
  // A database of its own with the worker: its relay and sweep see only this suite's events.
  let app: TestApp;
  let admin: TestUser;
  let lead: TestUser;
  /** The cause the test handler fails on until the test fixes it. */
  let causeFixed = false;
  const delivered: string[] = [];

  beforeAll(async () => {
    app = await TestApp.startIsolated({ worker: true, config: testConfig({ outboxMaxAttempts: MAX_ATTEMPTS }) });
    [admin, lead] = [await app.newUser(['admin']), await app.newUser(['innovation_lead'])];
    app.app.get(DomainEventDelivery).register({
      name: 'test.needs-its-cause-fixed',
      eventTypes: ['test.poison'],
      handle: async (event) => {
        if (!causeFixed) throw new DomainError('TEST.CAUSE_NOT_FIXED', 'conflict', 'the referenced thing is missing');
        delivered.push(event.id);
      },
    });
    app.app.get(DomainEventDelivery).register({
      name: 'test.database-blip',
      eventTypes: ['test.blip'],
      handle: () => Promise.reject(new Error('connection terminated unexpectedly')),
    });
  });
  afterAll(async () => {
    await obliterateQueues(app.config);
    await app.close();
  });

  const record = (type: `test.${string}`): Promise<string> =>
    app.dataSource.transaction((em) =>
      app.app.get(Outbox).record(em, { type, aggregateType: 'test', aggregateId: 'poison-1' }),
    );
  const row = async (id: string): Promise<OutboxEventEntity> =>
    await app.dataSource.getRepository(OutboxEventEntity).findOneByOrFail({ id });
  const job = async (id: string) => app.app.get(QueueProducer).queue(QueueName.DomainEvents).getJob(id);
  const sweepNow = (): Promise<number> => app.app.get(OutboxRelay).sweep(0);
  const deadLetterGauge = async (): Promise<string | undefined> => {
    const metrics = await app.request({ url: '/metrics' });
    return /^ambidex_outbox_dead_letters (\d+)$/m.exec(metrics.body)?.[1];
  };

  let poisonId: string;

  it('counts every failed delivery, the sweep retries a domain error up to the cap, then the event is dead', async () => {
    poisonId = await record('test.poison');
    // The worker relays and delivers it at once: a domain error fails the job for good after one attempt.
    const first = await eventually(
      () => row(poisonId),
      (r) => r.failedAttempts === 1,
    );
    expect(first).toMatchObject({ failedAttempts: 1, deadAt: null, processedAt: null });
    expect(first.lastError).toContain('TEST.CAUSE_NOT_FIXED');

    // Each sweep retries the failed job; each retry fails again and is counted, until the cap.
    const dead = await eventually(
      async () => {
        await sweepNow();
        return row(poisonId);
      },
      (r) => r.deadAt !== null,
    );
    expect(dead.failedAttempts).toBe(MAX_ATTEMPTS);
    expect(dead.lastFailedAt).toBeInstanceOf(Date);
    expect(dead.processedAt).toBeNull();
    expect(
      await eventually(
        async () => (await job(poisonId))?.isFailed(),
        (failed) => failed === true,
      ),
    ).toBe(true);
  });

  it('the sweep leaves a dead letter alone, however often it runs; nothing is lost', async () => {
    await sweepNow();
    await sweepNow();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await row(poisonId)).toMatchObject({ failedAttempts: MAX_ATTEMPTS, processedAt: null });
    expect((await row(poisonId)).deadAt).toBeInstanceOf(Date);
    expect(await (await job(poisonId))?.isFailed()).toBe(true);
    expect(delivered).toEqual([]);
  });

  it('shows the dead letters to admins only: the list and the metric', async () => {
    expect(await deadLetterGauge()).toBe('1');
    const list = await app.request({ url: '/api/admin/dead-letters', token: admin.token });
    expect(list.status).toBe(200);
    expect(list.json<unknown[]>()).toEqual([
      {
        id: poisonId,
        eventType: 'test.poison',
        aggregateType: 'test',
        aggregateId: 'poison-1',
        failedAttempts: MAX_ATTEMPTS,
        lastError: expect.stringContaining('TEST.CAUSE_NOT_FIXED'),
        lastFailedAt: expect.any(String),
        deadAt: expect.any(String),
      },
    ]);

    const refused = await app.request({ url: '/api/admin/dead-letters', token: lead.token });
    expect(refused.status).toBe(403);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.body).not.toContain(poisonId);
    expect(
      (await app.request({ method: 'POST', url: `/api/admin/dead-letters/${poisonId}/retry`, token: lead.token }))
        .status,
    ).toBe(403);
    expect((await app.request({ url: '/api/admin/dead-letters' })).status).toBe(401);
    expect((await row(poisonId)).deadAt).toBeInstanceOf(Date);
  });

  it('refuses a bad or unknown id with a problem naming it', async () => {
    const bad = await app.request({
      method: 'POST',
      url: '/api/admin/dead-letters/not-a-uuid/retry',
      token: admin.token,
    });
    expect(bad.status).toBe(422);
    expect(bad.json<{ errors: { field: string }[] }>().errors[0]?.field).toBe('id');
    const unknown = await app.request({
      method: 'POST',
      url: '/api/admin/dead-letters/00000000-0000-4000-8000-000000000000/retry',
      token: admin.token,
    });
    expect(unknown.status).toBe(404);
    expect(unknown.json()).toMatchObject({ code: 'PLATFORM.EVENT_NOT_FOUND' });
  });

  it('a retry after the cause is fixed delivers it once, is audited, and is idempotent', async () => {
    causeFixed = true;
    const retried = await app.request({
      method: 'POST',
      url: `/api/admin/dead-letters/${poisonId}/retry`,
      token: admin.token,
    });
    expect(retried.status).toBe(200);
    expect(retried.json()).toEqual({ id: poisonId, state: 'pending', requeued: true });

    const done = await eventually(
      () => row(poisonId),
      (r) => r.processedAt !== null,
    );
    expect(done).toMatchObject({ deadAt: null, failedAttempts: 0 });
    expect(done.processedAt).toBeInstanceOf(Date);
    expect(delivered).toEqual([poisonId]);

    const again = await app.request({
      method: 'POST',
      url: `/api/admin/dead-letters/${poisonId}/retry`,
      token: admin.token,
    });
    expect(again.json()).toEqual({ id: poisonId, state: 'delivered', requeued: false });
    await sweepNow();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(delivered).toEqual([poisonId]);

    const audit = (await app.dataSource.query(
      `SELECT action, actor_id FROM audit_entries WHERE entity_type = 'outbox_event' AND entity_id = $1`,
      [poisonId],
    )) as { action: string; actor_id: string }[];
    expect(audit).toEqual([{ action: 'platform.dead-letter.retried', actor_id: admin.id }]);
    expect((await app.request({ url: '/api/admin/dead-letters', token: admin.token })).json()).toEqual([]);
    expect(await deadLetterGauge()).toBe('0');
  });

  it('transient failures are retried by BullMQ, counted, and stop at the cap too', async () => {
    const blipId = await record('test.blip');
    // Exponential backoff from 1 s: attempts at about 0, 1 and 3 s; the third is the last allowed.
    const dead = await eventually(
      () => row(blipId),
      (r) => r.deadAt !== null,
      15_000,
    );
    expect(dead).toMatchObject({ failedAttempts: MAX_ATTEMPTS, lastError: 'connection terminated unexpectedly' });
    const failedJob = await job(blipId);
    expect(await failedJob?.isFailed()).toBe(true);
    expect(failedJob?.failedReason).toContain('PLATFORM.EVENT_DEAD');
    expect(await deadLetterGauge()).toBe('1');
  });
});
