import { newPortfolio, eventually, obliterateQueues } from '@ambidex/testing';
import { TestApp, TestUser } from '../support/test-app';
import { MarketDriver } from './support';

/**
 * The post-launch review is a delayed job in Redis, not a timer in a process: the worker that queued it stops, the
 * months pass while no worker runs, and a worker started afterwards notifies the owner and leadership once.
 */
describe('the delayed post-launch review survives a worker restart', () => {
  let api: TestApp;
  let worker: TestApp | undefined;
  let market: MarketDriver;
  let owner: TestUser;
  let leadership: TestUser;

  beforeAll(async () => {
    api = await TestApp.startIsolated();
    market = new MarketDriver(api);
    owner = await api.newUser(['innovation_lead'], 'owner');
    leadership = await api.newUser(['leadership'], 'leadership');
  }, 60_000);

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    if (api !== undefined) await obliterateQueues(api.config);
  });

  it('queued by one worker, run by the next after the months passed with no worker up', async () => {
    worker = await TestApp.start({ worker: true, config: api.config });
    const initiativeId = await market.registered(owner.id, new Date(), await newPortfolio(api.dataSource, owner.id));
    const job = await market.delayedJob(initiativeId, 6);
    expect(await job.getState()).toBe('delayed');
    await worker.close();
    worker = undefined;

    await market.makeDue(initiativeId, 6);
    await job.promote();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await market.dueInbox(initiativeId, 6)).toEqual([]);
    expect(await job.getState()).toBe('waiting');

    worker = await TestApp.start({ worker: true, config: api.config });
    expect(
      await eventually(
        () => market.dueInbox(initiativeId, 6),
        (ids) => ids.length === 2,
        20_000,
      ),
    ).toEqual([owner.id, leadership.id].sort());
    const finished = await eventually(
      async () => (await market.delayedJob(initiativeId, 6)).getState(),
      (state) => state === 'completed',
      20_000,
    );
    expect(finished).toBe('completed');
    // The 12-month review is still waiting for its time.
    expect(await (await market.delayedJob(initiativeId, 12)).getState()).toBe('delayed');
    expect(await market.dueInbox(initiativeId, 12)).toEqual([]);
  }, 90_000);
});
