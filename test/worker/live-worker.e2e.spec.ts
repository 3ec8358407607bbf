import { OutboxEventEntity } from '@ambidex/platform';
import { eventually, obliterateQueues, uniqueEmail } from '@ambidex/testing';
import { TestApp } from '../support/test-app';

/** Through HTTP with a live worker in the same process, as `npm start` runs them. */
describe('API and worker together', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await TestApp.startIsolated({ worker: true });
  });
  afterAll(async () => {
    await obliterateQueues(app.config);
    await app.close();
  });

  it('a use case over HTTP commits its change, audit entry and event; the worker delivers the event once', async () => {
    const admin = await app.newUser(['admin']);
    const email = uniqueEmail('via-http');
    const created = await app.request({
      method: 'POST',
      url: '/api/admin/users',
      token: admin.token,
      body: { email, displayName: 'Via HTTP', password: 'a-long-enough-secret', roles: ['quality_head'] },
      headers: { 'x-request-id': 'e2e-request-1' },
    });
    expect(created.status).toBe(201);
    expect(created.headers['x-request-id']).toBe('e2e-request-1');
    const userId = created.json<{ id: string }>().id;

    const [audit] = (await app.dataSource.query(
      `SELECT action, actor_id, request_id FROM audit_entries WHERE chain_key = $1 AND seq = 1`,
      [`user:${userId}`],
    )) as { action: string; actor_id: string; request_id: string }[];
    expect(audit).toEqual({ action: 'identity.user.created', actor_id: admin.id, request_id: 'e2e-request-1' });

    const events = app.dataSource.getRepository(OutboxEventEntity);
    const delivered = await eventually(
      () => events.findOneBy({ aggregateId: userId, eventType: 'identity.user-created' }),
      (event) => event?.processedAt !== null && event !== null,
    );
    expect(delivered).toMatchObject({ publishCount: 1, processedAt: expect.any(Date) });

    const metrics = await app.request({ url: '/metrics' });
    expect(metrics.body).toMatch(
      /ambidex_job_duration_seconds_count\{queue="domain-events",job="deliver-event",outcome="completed"\} [1-9]/,
    );
    expect(metrics.body).toMatch(/ambidex_queue_jobs\{queue="domain-events",state="completed"\} [1-9]/);
  });
});
