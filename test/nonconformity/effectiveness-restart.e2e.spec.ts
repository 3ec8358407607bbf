import { eventually, obliterateQueues } from '@ambidex/testing';
import { TestApp, TestUser } from '../support/test-app';
import { NcDriver } from './support';

/**
 * The effectiveness check is a delayed job in Redis, not a timer in a process: the worker that queued it is stopped,
 * the interval passes while no worker runs, and a worker started afterwards runs the job and notifies the quality
 * heads once.
 */
describe('the delayed effectiveness check survives a worker restart', () => {
  let api: TestApp;
  let worker: TestApp | undefined;
  let nc: NcDriver;
  let quality: TestUser;
  let lead: TestUser;

  beforeAll(async () => {
    api = await TestApp.startIsolated();
    nc = new NcDriver(api);
    quality = await api.newUser(['quality_head'], 'quality');
    lead = await api.newUser(['innovation_lead'], 'lead');
  }, 60_000);

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    if (api !== undefined) await obliterateQueues(api.config);
  });

  it('queued by one worker, run by the next after the interval passed with no worker up', async () => {
    // The first worker process relays the outbox: the delayed job reaches Redis.
    worker = await TestApp.start({ worker: true, config: api.config });
    const raised = await nc.raise(lead);
    await nc.withActions(quality, raised.id, [lead], 10);
    const verifying = await nc.allDone(quality, raised.id);
    expect(verifying.status).toBe('verifying');
    const job = await nc.delayedJob(raised.id, 1);
    expect(await job.getState()).toBe('delayed');
    await worker.close();
    worker = undefined;

    // No worker: the interval passes (the row made due, the job promoted), and nothing happens.
    await nc.makeDue(raised.id);
    await job.promote();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await nc.dueInbox(raised.id)).toEqual([]);
    expect(await job.getState()).toBe('waiting');

    worker = await TestApp.start({ worker: true, config: api.config });
    expect(
      await eventually(
        () => nc.dueInbox(raised.id),
        (ids) => ids.length === 1,
        20_000,
      ),
    ).toEqual([quality.id]);
    const finished = await eventually(
      async () => (await nc.delayedJob(raised.id, 1)).getState(),
      (state) => state === 'completed',
      20_000,
    );
    expect(finished).toBe('completed');
    expect((await nc.get(quality, raised.id)).status).toBe('verifying');
    const closed = await nc.check(quality, raised.id, true);
    expect(closed.json()).toMatchObject({ status: 'closed' });
  }, 90_000);
});
