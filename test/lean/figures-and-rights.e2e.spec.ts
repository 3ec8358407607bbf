import { leanFiguresForPeriod } from '@ambidex/lean';
import { obliterateQueues } from '@ambidex/testing';
import { TestApp, TestUser } from '../support/test-app';
import { AcceptedProcess, BASELINE_STEPS, IMPROVED_STEPS, LeanDriver } from './support';

const HOUR = 3_600_000;

/**
 * The management review's reader (per process: lead time and flow efficiency over a period against the baseline, and
 * the events closed in it with their effect), bad input refused with nothing changed, and who may do what.
 */
describe('lean figures, bad input and rights (real PostgreSQL + Redis, live worker)', () => {
  let app: TestApp;
  let lean: LeanDriver;
  let process: AcceptedProcess;
  let owner: TestUser;
  let quality: TestUser;
  let leadership: TestUser;
  let auditor: TestUser;
  let gatekeeper: TestUser;
  let closedId: string;

  beforeAll(async () => {
    app = await TestApp.startIsolated({ worker: true });
    lean = new LeanDriver(app);
    process = await lean.acceptedProcess();
    owner = process.cast.owner;
    quality = process.cast.quality;
    leadership = await app.newUser(['leadership'], 'leadership');
    auditor = await app.newUser(['auditor'], 'auditor');
    gatekeeper = await app.newUser(['gatekeeper'], 'gatekeeper');
    const stream = `/api/value-streams/${process.valueStreamId}`;
    expect((await lean.post(`${stream}/baseline`, owner, { steps: BASELINE_STEPS })).status).toBe(200);
    expect(
      (
        await lean.post(`${stream}/measurements`, owner, {
          steps: BASELINE_STEPS.map((s) => ({ ...s, waitingTime: s.waitingTime + 10 })),
        })
      ).status,
    ).toBe(200);
    const event = await lean.raise(owner, process.valueStreamId, { waste: 'extra_processing' });
    closedId = event.id;
    const closed = await lean.post(`/api/improvements/${event.id}/close`, owner, {
      steps: IMPROVED_STEPS,
      note: 'Release check folded into review',
    });
    expect(closed.status).toBe(200);
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    if (app !== undefined) await obliterateQueues(app.config);
  });

  it('gives per process the baseline, the measurements of the period and the events closed in it, with their effect', async () => {
    const figures = await leanFiguresForPeriod(app.dataSource.manager, {
      from: new Date(Date.now() - HOUR),
      to: new Date(Date.now() + HOUR),
    });
    const mine = figures.find((f) => f.valueStreamId === process.valueStreamId);
    expect(mine).toMatchObject({
      processRecordId: process.processRecordId,
      ownerId: owner.id,
      baseline: { kind: 'baseline', leadTime: 200, processTime: 40, flowEfficiency: 0.2 },
    });
    expect(mine?.measurements.map((m) => [m.kind, m.leadTime, m.flowEfficiency])).toEqual([
      ['measurement', 230, 40 / 230],
      ['close', 100, 0.4],
    ]);
    expect(mine?.improvementsClosed).toEqual([
      expect.objectContaining({
        id: closedId,
        waste: 'extra_processing',
        effect: {
          before: { leadTime: 200, flowEfficiency: 0.2 },
          after: { leadTime: 100, flowEfficiency: 0.4 },
          leadTimeDelta: -100,
          flowEfficiencyDelta: expect.closeTo(0.2, 9),
        },
      }),
    ]);

    // A later period: the baseline stands, nothing was measured or closed in it.
    const later = await leanFiguresForPeriod(app.dataSource.manager, {
      from: new Date(Date.now() + HOUR),
      to: new Date(Date.now() + 2 * HOUR),
    });
    expect(later.find((f) => f.valueStreamId === process.valueStreamId)).toMatchObject({
      baseline: { leadTime: 200 },
      measurements: [],
      improvementsClosed: [],
    });
    // A period that ended before the process was handed over does not list it.
    const before = await leanFiguresForPeriod(app.dataSource.manager, {
      from: new Date(Date.now() - 3 * HOUR),
      to: new Date(Date.now() - 2 * HOUR),
    });
    expect(before.find((f) => f.valueStreamId === process.valueStreamId)).toBeUndefined();
  });

  it('serves the same figures over HTTP to quality, leadership and auditors; a bad period is a 422 naming it', async () => {
    const query = `from=${encodeURIComponent(new Date(Date.now() - HOUR).toISOString())}&to=${encodeURIComponent(
      new Date(Date.now() + HOUR).toISOString(),
    )}`;
    for (const user of [quality, leadership, auditor]) {
      const response = await lean.get(`/api/lean/figures?${query}`, user);
      expect(response.status).toBe(200);
      expect(response.json<{ valueStreamId: string }[]>().map((f) => f.valueStreamId)).toContain(process.valueStreamId);
    }
    expect((await lean.get(`/api/lean/figures?${query}`, gatekeeper)).status).toBe(403);
    const reversed = await lean.get(`/api/lean/figures?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z`, leadership);
    expect(reversed.status).toBe(422);
    expect(JSON.stringify(reversed.json())).toContain('"to"');
    const missing = await lean.get(`/api/lean/figures?to=2026-01-01T00:00:00Z`, leadership);
    expect(missing.status).toBe(422);
    expect(missing.headers['content-type']).toContain('application/problem+json');
  });

  it('refuses bad input with a 422 naming the field, and changes nothing', async () => {
    const stream = `/api/value-streams/${process.valueStreamId}`;
    const rows = async () =>
      [
        await app.count('value_stream_measurements'),
        await app.count('improvement_events'),
        await app.count('improvement_actions'),
      ].join();
    const before = await rows();
    const bad: [string, unknown, string][] = [
      [`${stream}/measurements`, { steps: [] }, 'steps'],
      [`${stream}/measurements`, { steps: [{ ...BASELINE_STEPS[0], processTime: -1 }] }, 'processTime'],
      [
        `${stream}/measurements`,
        { steps: [{ ...BASELINE_STEPS[0], percentCompleteAccurate: 101 }] },
        'percentCompleteAccurate',
      ],
      [`${stream}/measurements`, { steps: [{ ...BASELINE_STEPS[0], waitingTime: 'long' }] }, 'waitingTime'],
      [`${stream}/improvements`, { waste: 'laziness', problem: 'Slow', target: 'Fast' }, 'waste'],
      [`${stream}/improvements`, { waste: 'motion', problem: '', target: 'Fast' }, 'problem'],
    ];
    for (const [url, body, field] of bad) {
      const response = await lean.post(url, owner, body);
      expect({ url, status: response.status }).toEqual({ url, status: 422 });
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(JSON.stringify(response.json())).toContain(field);
    }
    const open = await lean.raise(owner, process.valueStreamId);
    const afterRaise = await rows();
    const nobody = await lean.post(`/api/improvements/${open.id}/actions`, owner, {
      text: 'Somebody do it',
      ownerId: '6a3c3c9e-3f0e-4a38-9d1e-2f1d54a0c111',
      dueAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    expect(nobody.json()).toMatchObject({ status: 422, code: 'LEAN.INVALID' });
    expect(JSON.stringify(nobody.json())).toContain('ownerId');
    const badDate = await lean.post(`/api/improvements/${open.id}/actions`, owner, {
      text: 'Soon',
      ownerId: owner.id,
      dueAt: 'tomorrow',
    });
    expect(badDate.status).toBe(422);
    const badClose = await lean.post(`/api/improvements/${open.id}/close`, owner, {
      steps: [{ ...IMPROVED_STEPS[0], name: ' ' }],
      note: 'closing',
    });
    expect(badClose.json()).toMatchObject({ status: 422 });
    expect(JSON.stringify(badClose.json())).toContain('steps[0].name');
    expect((await lean.improvement(owner, open.id)).status).toBe('open');
    expect(await rows()).toBe(afterRaise);
    expect(before).not.toBe(afterRaise);
  });

  it('lets the process owner and quality heads run it, leadership and auditors read it, and nobody else', async () => {
    const stream = `/api/value-streams/${process.valueStreamId}`;
    for (const reader of [owner, quality, leadership, auditor]) {
      expect((await lean.get('/api/improvements', reader)).status).toBe(200);
      expect((await lean.get(stream, reader)).status).toBe(200);
      expect((await lean.get(`/api/process-records/${process.processRecordId}/value-stream`, reader)).status).toBe(200);
    }
    for (const outsider of [gatekeeper]) {
      expect((await lean.get('/api/improvements', outsider)).status).toBe(403);
      expect((await lean.get(stream, outsider)).status).toBe(403);
    }
    // An event's page is open to anyone signed in: action owners hold any role.
    expect((await lean.get(`/api/improvements/${closedId}`, gatekeeper)).status).toBe(200);
    expect((await app.request({ url: '/api/improvements' })).status).toBe(401);

    for (const reader of [leadership, auditor, gatekeeper]) {
      expect((await lean.post(`${stream}/measurements`, reader, { steps: BASELINE_STEPS })).status).toBe(403);
      expect(
        (await lean.post(`${stream}/improvements`, reader, { waste: 'motion', problem: 'Walks', target: 'No walks' }))
          .status,
      ).toBe(403);
    }
    // Another innovation lead holds the role, but not this process.
    const notOwner = await lean.post(`${stream}/improvements`, process.cast.outsider, {
      waste: 'motion',
      problem: 'Walks',
      target: 'No walks',
    });
    expect(notOwner.json()).toMatchObject({ status: 403, code: 'LEAN.NOT_PROCESS_OWNER' });
    const byQuality = await lean.raise(quality, process.valueStreamId, { waste: 'inventory' });
    expect(byQuality.status).toBe('open');
    const notOwnerClose = await lean.post(`/api/improvements/${byQuality.id}/close`, process.cast.outsider, {
      steps: IMPROVED_STEPS,
      note: 'not mine to close',
    });
    expect(notOwnerClose.status).toBe(403);
    expect((await lean.post(`${stream}/measurements`, quality, { steps: IMPROVED_STEPS })).status).toBe(200);
  });

  it('two closes at once: one closes the event, the other is told it is closed; one close measurement is kept', async () => {
    const event = await lean.raise(owner, process.valueStreamId, { waste: 'motion' });
    const close = () =>
      lean.post(`/api/improvements/${event.id}/close`, owner, { steps: IMPROVED_STEPS, note: 'Shelves moved' });
    const statuses = (await Promise.all([close(), close()])).map((r) => r.status).sort();
    expect(statuses).toEqual([200, 409]);
    expect(
      await app.count(`value_stream_measurements WHERE improvement_event_id = '${event.id}' AND kind = 'close'`),
    ).toBe(1);
  });
});
