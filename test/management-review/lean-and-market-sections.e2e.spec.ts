import { eventually, obliterateQueues } from '@ambidex/testing';
import { BASELINE_STEPS, LeanDriver } from '../lean/support';
import { MarketDriver } from '../market/support';
import { TestApp, TestUser } from '../support/test-app';
import { PERIOD, ReviewDriver, section } from './support';

const nextDay = (day: string): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/**
 * The pack carries the Lean and market figures of the contexts that produce them, equal to what those contexts serve
 * for the same period: a product handed over (its value stream baselined, a month of value entered) shows up in both.
 */
describe('management review pack: Lean and market sections (real PostgreSQL + Redis)', () => {
  let app: TestApp;
  let leader: TestUser;
  let initiativeId: string;
  let valueStreamId: string;

  beforeAll(async () => {
    app = await TestApp.startIsolated({ worker: true });
    const lean = new LeanDriver(app);
    const process = await lean.acceptedProcess();
    // After the handover: a second leader before it would be a candidate chair of its gates.
    leader = await app.newUser(['leadership'], 'leader');
    valueStreamId = process.valueStreamId;
    const baseline = await lean.post(`/api/value-streams/${valueStreamId}/baseline`, process.cast.owner, {
      steps: BASELINE_STEPS,
    });
    if (baseline.status !== 200) throw new Error(`baseline: ${baseline.status} ${baseline.body}`);
    const pkg = await lean.get(`/api/handover-packages/${process.packageId}`, process.cast.quality);
    initiativeId = pkg.json<{ initiativeId: string }>().initiativeId;
    const market = new MarketDriver(app);
    // The accepted handover registers the product through the outbox; value can be entered once it has.
    const entered = await eventually(
      () =>
        market.enter(process.cast.owner, initiativeId, {
          month: PERIOD.to.slice(0, 7),
          revenue: 12_500,
          costSavings: 800,
          customers: 40,
        }),
      (r) => r.status === 200,
      20_000,
    );
    if (entered.status !== 200) throw new Error(`value: ${entered.status} ${entered.body}`);
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    if (app !== undefined) await obliterateQueues(app.config);
  });

  it('the Lean and market sections equal /api/lean/figures and /api/market/summary for the same period', async () => {
    const mr = new ReviewDriver(app);
    const review = await mr.packed(leader, (await mr.schedule(leader)).id);

    const lean = section(review, 'lean-figures');
    expect(lean.clauses[0]).toBe('ISO9001-9.3.2c3');
    const leanHttp = await app.request({
      url: `/api/lean/figures?from=${PERIOD.from}&to=${nextDay(PERIOD.to)}`,
      token: leader.token,
    });
    expect(leanHttp.status).toBe(200);
    const processes = (lean.figures as { processes: { valueStreamId: string; baseline: unknown }[] }).processes;
    expect(processes).toEqual(leanHttp.json());
    expect(processes.map((p) => p.valueStreamId)).toEqual([valueStreamId]);
    expect(processes[0]?.baseline).toMatchObject({ leadTime: 200, processTime: 40, flowEfficiency: 0.2 });

    const market = section(review, 'market-figures');
    expect(market.clauses[0]).toBe('ISO9001-9.3.2c1');
    const marketHttp = await app.request({
      url: `/api/market/summary?from=${PERIOD.from.slice(0, 7)}&to=${PERIOD.to.slice(0, 7)}`,
      token: leader.token,
    });
    expect(marketHttp.status).toBe(200);
    expect(market.figures).toEqual(marketHttp.json());
    expect(market.figures).toMatchObject({
      totals: { revenue: 12_500, costSavings: 800 },
      products: [expect.objectContaining({ initiativeId })],
    });
  }, 90_000);
});
