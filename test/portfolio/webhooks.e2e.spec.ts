import { DeliveredEvent, OutboxEventEntity, QueueProducer, SYSTEM_ACTOR, TransactionRunner } from '@ambidex/platform';
import {
  STAGE_CHANGED_EVENT,
  StageTransitions,
  WEBHOOK_ATTEMPTS,
  WebhookDeliveryService,
  WebhookFanout,
  WEBHOOKS_QUEUE,
} from '@ambidex/portfolio';
import { eventually, obliterateQueues } from '@ambidex/testing';
import { createHmac } from 'node:crypto';
import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { TestApp, TestUser } from '../support/test-app';
import { createInitiative, createPortfolio, ensureDefaultModel, initiativeBody } from './support';

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A subscriber on 127.0.0.1: records every request; /flaky answers 500 to its first request, then 200; /down always 500. */
async function startReceiver(): Promise<{ server: Server; url: string; received: Received[] }> {
  const received: Received[] = [];
  let flakyCalls = 0;
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({
        path: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      const fail = request.url === '/down' || (request.url === '/flaky' && flakyCalls++ === 0);
      response.writeHead(fail ? 500 : 200, { 'content-type': 'text/plain' }).end(fail ? 'try again later' : 'ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received };
}

/** Stage changes reach subscribers as signed POSTs, through the outbox, the domain-events job and the webhooks job. */
describe('webhooks', () => {
  let app: TestApp;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let leadership: TestUser;
  let lead: TestUser;

  beforeAll(async () => {
    // Its own database: no other suite's worker relays these events (each suite has its own queue prefix).
    app = await TestApp.startIsolated({ worker: true });
    await ensureDefaultModel(app);
    receiver = await startReceiver();
    [leadership, lead] = [await app.newUser(['leadership']), await app.newUser(['innovation_lead'])];
  });
  afterAll(async () => {
    await obliterateQueues(app.config);
    await app.close();
    await new Promise((resolve) => receiver.server.close(resolve));
  });

  async function subscribe(portfolioId: string, path: string): Promise<{ id: string; secret: string }> {
    const response = await app.request({
      method: 'POST',
      url: `/api/portfolios/${portfolioId}/webhooks`,
      token: leadership.token,
      body: { url: `${receiver.url}${path}` },
    });
    expect(response.status).toBe(201);
    return response.json<{ id: string; secret: string }>();
  }

  async function passG1(initiativeId: string): Promise<void> {
    await app.app
      .get(TransactionRunner)
      .run((em) =>
        app.app
          .get(StageTransitions)
          .apply(
            em,
            initiativeId,
            { kind: 'decision', gate: 'G1', decision: 'go' },
            { actor: SYSTEM_ACTOR, reason: 'test' },
          ),
      );
  }

  const deliveriesOf = (
    subscriptionId: string,
  ): Promise<{ status: string; attempts: number; last_status_code: number | null; event_id: string }[]> =>
    app.dataSource.query(
      `SELECT status, attempts, last_status_code, event_id FROM webhook_deliveries WHERE subscription_id = $1`,
      [subscriptionId],
    );

  it('leadership subscribes (the secret is shown once); a lead may not; the URL must be http(s)', async () => {
    const portfolioId = await createPortfolio(app, leadership);
    const created = await subscribe(portfolioId, '/once');
    expect(created.secret).toMatch(/^whsec_/);
    const listed = await app.request({ url: `/api/portfolios/${portfolioId}/webhooks`, token: leadership.token });
    expect(listed.json()).toEqual([
      expect.objectContaining({ id: created.id, url: `${receiver.url}/once`, active: true }),
    ]);
    expect(listed.body).not.toContain(created.secret);
    const audit = (await app.dataSource.query(`SELECT after FROM audit_entries WHERE entity_id = $1`, [
      created.id,
    ])) as { after: unknown }[];
    expect(JSON.stringify(audit)).not.toContain(created.secret);

    const forbidden = await app.request({
      method: 'POST',
      url: `/api/portfolios/${portfolioId}/webhooks`,
      token: lead.token,
      body: { url: `${receiver.url}/x` },
    });
    expect(forbidden.status).toBe(403);
    for (const url of ['ftp://example.com/hook', 'not a url', 'https://user:pw@example.com/hook']) {
      const bad = await app.request({
        method: 'POST',
        url: `/api/portfolios/${portfolioId}/webhooks`,
        token: leadership.token,
        body: { url },
      });
      expect(bad.status).toBe(422);
      expect(bad.json()).toMatchObject({ errors: [{ field: 'url' }] });
    }
    await expect(app.count(`webhook_subscriptions WHERE portfolio_id = '${portfolioId}'`)).resolves.toBe(1);
  });

  it('a stage change reaches the subscriber once, signed with its secret', async () => {
    const portfolioId = await createPortfolio(app, leadership);
    const subscription = await subscribe(portfolioId, '/ok');
    const initiative = await createInitiative(app, lead, initiativeBody(portfolioId));
    await passG1(initiative.id);

    const got = await eventually(
      async () => receiver.received.filter((r) => r.path === '/ok'),
      (list) => list.length > 0,
      15_000,
    );
    expect(got).toHaveLength(1);
    const [request] = got as [Received];
    expect(request.headers['content-type']).toBe('application/json');
    const expected = `sha256=${createHmac('sha256', subscription.secret).update(request.body).digest('hex')}`;
    expect(request.headers['x-ambidex-signature']).toBe(expected);
    const payload = JSON.parse(request.body) as {
      id: string;
      type: string;
      occurredAt: string;
      data: Record<string, unknown>;
    };
    expect(payload).toEqual({
      id: request.headers['x-ambidex-event-id'],
      type: 'portfolio.stage-changed',
      occurredAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      data: {
        initiativeId: initiative.id,
        portfolioId,
        kind: 'decision',
        decision: 'go',
        from: { stage: 'explore', status: 'active' },
        to: { stage: 'experiment', status: 'active' },
        gate: 'G1',
        reviewId: null,
      },
    });
    const delivered = await eventually(
      () => deliveriesOf(subscription.id),
      (rows) => rows[0]?.status === 'delivered',
    );
    expect(delivered).toEqual([{ status: 'delivered', attempts: 1, last_status_code: 200, event_id: payload.id }]);

    // The handler running again (at-least-once delivery of the event) adds no row and sends nothing more.
    const event = await app.dataSource.getRepository(OutboxEventEntity).findOneByOrFail({ id: payload.id });
    await app.app.get(WebhookFanout).handle(event as unknown as DeliveredEvent<typeof STAGE_CHANGED_EVENT>);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(receiver.received.filter((r) => r.path === '/ok')).toHaveLength(1);
    await expect(deliveriesOf(subscription.id)).resolves.toHaveLength(1);

    const history = await app.request({
      url: `/api/portfolios/${portfolioId}/webhooks/${subscription.id}/deliveries`,
      token: leadership.token,
    });
    expect(history.json()).toEqual([
      expect.objectContaining({ eventId: payload.id, status: 'delivered', attempts: 1, lastStatusCode: 200 }),
    ]);
  });

  it('the payload names the kind and the decision: Go and Conditional Go differ, a recycle shows, a hold expiry names its gate; the OpenAPI document has the schema', async () => {
    const portfolioId = await createPortfolio(app, leadership);
    await subscribe(portfolioId, '/kinds');
    const apply = (initiativeId: string, event: Parameters<StageTransitions['apply']>[2]) =>
      app.app
        .get(TransactionRunner)
        .run((em) =>
          app.app.get(StageTransitions).apply(em, initiativeId, event, { actor: SYSTEM_ACTOR, reason: 'test' }),
        );
    const [goId, conditionalId, recycledId, heldId] = await Promise.all(
      [1, 2, 3, 4].map(async () => (await createInitiative(app, lead, initiativeBody(portfolioId))).id),
    );
    await apply(goId as string, { kind: 'decision', gate: 'G1', decision: 'go' });
    await apply(conditionalId as string, { kind: 'decision', gate: 'G1', decision: 'conditional_go' });
    await apply(recycledId as string, { kind: 'decision', gate: 'G1', decision: 'recycle' });
    await apply(heldId as string, { kind: 'decision', gate: 'G1', decision: 'hold' });
    await apply(heldId as string, { kind: 'hold_expired' });

    const got = await eventually(
      async () => receiver.received.filter((r) => r.path === '/kinds'),
      (list) => list.length >= 5,
      15_000,
    );
    type Data = {
      initiativeId: string;
      kind: string;
      decision: string | null;
      gate: string | null;
      from: unknown;
      to: unknown;
    };
    const data = got.map((r) => (JSON.parse(r.body) as { data: Data }).data);
    const of = (id: string | undefined): Omit<Data, 'initiativeId' | 'from' | 'to'>[] =>
      data.filter((d) => d.initiativeId === id).map(({ kind, decision, gate }) => ({ kind, decision, gate }));
    expect(of(goId)).toEqual([{ kind: 'decision', decision: 'go', gate: 'G1' }]);
    expect(of(conditionalId)).toEqual([{ kind: 'decision', decision: 'conditional_go', gate: 'G1' }]);
    expect(of(recycledId)).toEqual([{ kind: 'decision', decision: 'recycle', gate: 'G1' }]);
    expect(of(heldId)).toEqual(
      expect.arrayContaining([
        { kind: 'decision', decision: 'hold', gate: 'G1' },
        { kind: 'hold_expired', decision: null, gate: 'G1' },
      ]),
    );

    const openapi = (await app.request({ url: '/api/openapi.json' })).json<{
      components: { schemas: Record<string, { properties: Record<string, unknown> }> };
    }>();
    const schemas = openapi.components.schemas;
    expect(Object.keys(schemas.StageChangedWebhookDto?.properties ?? {}).sort()).toEqual([
      'data',
      'id',
      'occurredAt',
      'type',
    ]);
    expect(Object.keys(schemas.StageChangedWebhookDataDto?.properties ?? {})).toEqual(
      expect.arrayContaining(['kind', 'decision', 'gate', 'from', 'to']),
    );
  });

  it('a failing endpoint is retried with backoff and delivered once, in one delivery row', async () => {
    const portfolioId = await createPortfolio(app, leadership);
    const subscription = await subscribe(portfolioId, '/flaky');
    const initiative = await createInitiative(app, lead, initiativeBody(portfolioId));
    await passG1(initiative.id);

    const rows = await eventually(
      () => deliveriesOf(subscription.id),
      (r) => r[0]?.status === 'delivered',
      20_000,
    );
    expect(rows).toEqual([{ status: 'delivered', attempts: 2, last_status_code: 200, event_id: expect.any(String) }]);
    const calls = receiver.received.filter((r) => r.path === '/flaky');
    expect(calls).toHaveLength(2);
    expect(calls[0]?.body).toBe(calls[1]?.body);
    expect(calls[0]?.headers['x-ambidex-event-id']).toBe(calls[1]?.headers['x-ambidex-event-id']);
    expect(calls[1]?.headers['x-ambidex-signature']).toBe(
      `sha256=${createHmac('sha256', subscription.secret)
        .update(calls[1]?.body ?? '')
        .digest('hex')}`,
    );
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(receiver.received.filter((r) => r.path === '/flaky')).toHaveLength(2);
  });

  it('a paused subscription gets no deliveries; subscriptions of other portfolios none either', async () => {
    const portfolioId = await createPortfolio(app, leadership);
    const paused = await subscribe(portfolioId, '/paused');
    const elsewhere = await subscribe(await createPortfolio(app, leadership), '/elsewhere');
    const patched = await app.request({
      method: 'PATCH',
      url: `/api/portfolios/${portfolioId}/webhooks/${paused.id}`,
      token: leadership.token,
      body: { active: false },
    });
    expect(patched.json()).toMatchObject({ active: false });
    const initiative = await createInitiative(app, lead, initiativeBody(portfolioId));
    await passG1(initiative.id);
    // The event was fanned out, so the absence of deliveries below means something.
    const fannedOut = await eventually(
      () =>
        app.count(
          `outbox_events WHERE aggregate_id = '${initiative.id}' AND event_type = 'portfolio.stage-changed' AND processed_at IS NOT NULL`,
        ),
      (n) => n === 1,
    );
    expect(fannedOut).toBe(1);
    await expect(deliveriesOf(paused.id)).resolves.toEqual([]);
    await expect(deliveriesOf(elsewhere.id)).resolves.toEqual([]);
    expect(receiver.received.filter((r) => r.path === '/paused' || r.path === '/elsewhere')).toEqual([]);

    const removed = await app.request({
      method: 'DELETE',
      url: `/api/portfolios/${portfolioId}/webhooks/${paused.id}`,
      token: leadership.token,
    });
    expect(removed.status).toBe(204);
    await expect(
      app.request({ url: `/api/portfolios/${portfolioId}/webhooks/${paused.id}`, token: leadership.token }),
    ).resolves.toMatchObject({ status: 404 });
  });

  it('a delivery that keeps failing ends failed: at the last attempt, or when BullMQ gives up', async () => {
    const portfolioId = await createPortfolio(app, leadership);
    const subscription = await subscribe(portfolioId, '/down');
    // Rows made by hand for two events of this portfolio, so no job of the fan-out races these calls.
    const [byAttempts, byWorker] = await Promise.all(
      [1, 2].map(async () => {
        const initiative = await createInitiative(app, lead, initiativeBody(portfolioId));
        const [event] = (await app.dataSource.query(`SELECT id FROM outbox_events WHERE aggregate_id = $1`, [
          initiative.id,
        ])) as { id: string }[];
        const [row] = (await app.dataSource.query(
          `INSERT INTO webhook_deliveries (subscription_id, event_id) VALUES ($1, $2) RETURNING id`,
          [subscription.id, event?.id],
        )) as { id: string }[];
        return row;
      }),
    );
    const webhooks = app.app.get(WebhookDeliveryService);
    for (let attempt = 1; attempt <= WEBHOOK_ATTEMPTS; attempt++) {
      await expect(webhooks.deliver(byAttempts?.id ?? '')).rejects.toThrow(/HTTP 500: try again later/);
      const [row] = (await app.dataSource.query(
        `SELECT status, attempts, last_status_code FROM webhook_deliveries WHERE id = $1`,
        [byAttempts?.id],
      )) as object[];
      expect(row).toEqual({
        status: attempt < WEBHOOK_ATTEMPTS ? 'pending' : 'failed',
        attempts: attempt,
        last_status_code: 500,
      });
    }

    // One try only: BullMQ gives up after it, before the row's own count reaches the limit; the worker's failed handler marks it.
    await app.app
      .get(QueueProducer)
      .add(
        { queue: WEBHOOKS_QUEUE, name: 'deliver-webhook', data: { deliveryId: byWorker?.id ?? '' } },
        { jobId: byWorker?.id ?? '', attempts: 1 },
      );
    const failed = await eventually(
      () =>
        app.dataSource.query(`SELECT status, attempts, last_error FROM webhook_deliveries WHERE id = $1`, [
          byWorker?.id,
        ]) as Promise<{ status: string }[]>,
      (rows) => rows[0]?.status === 'failed',
    );
    expect(failed).toEqual([{ status: 'failed', attempts: 1, last_error: 'HTTP 500: try again later' }]);
  });
});
