import { ProductRegistration } from '@ambidex/market';
import { verifyAuditTrail } from '@ambidex/platform';
import { eventually, obliterateQueues } from '@ambidex/testing';
import { handoverCast, HandoverCast } from '../handover/support';
import { TestApp } from '../support/test-app';
import { handedOverThroughTheApi, MarketDriver, ProductMarket, VALUE_CSV } from './support';

/**
 * The loop after a handover: the accepted handover registers the product with its 6- and 12-month post-launch
 * reviews (delayed jobs), the owner records value month by month (a month again corrects it), a CSV imports all or
 * nothing, the forecast it was approved on at G3 stands beside what it realised, and a due review reaches the owner
 * and leadership, who record it once.
 */
describe('the market loop of a handed-over product', () => {
  jest.setTimeout(120_000);
  let app: TestApp;
  let cast: HandoverCast;
  let market: MarketDriver;
  let initiativeId: string;

  beforeAll(async () => {
    app = await TestApp.startIsolated({ worker: true });
    cast = await handoverCast(app);
    market = new MarketDriver(app);
    initiativeId = await handedOverThroughTheApi(app, cast);
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    if (app !== undefined) await obliterateQueues(app.config);
  });

  it('the accepted handover registers the product once, its reviews 6 and 12 months out as delayed jobs', async () => {
    const product = await eventually(
      () => market.product(cast.owner, initiativeId),
      (p: ProductMarket) => p.registered && p.reviews.length === 2,
      20_000,
    );
    expect(product.reviews.map((r) => r.months)).toEqual([6, 12]);
    const handedOver = new Date(product.handedOverAt ?? '');
    const sixMonths = new Date(product.reviews[0]?.dueAt ?? '');
    expect(Math.round((sixMonths.getTime() - handedOver.getTime()) / 86_400_000)).toBeGreaterThanOrEqual(181);
    expect(await (await market.delayedJob(initiativeId, 6)).getState()).toBe('delayed');
    expect(await (await market.delayedJob(initiativeId, 12)).getState()).toBe('delayed');
    // The handover event delivered again (a retried delivery) schedules nothing more.
    expect(
      await app.app.get(ProductRegistration).handoverAccepted(initiativeId, product.initiativeId, handedOver),
    ).toBe(0);
    expect(
      await market.rowCount(`SELECT count(*) AS n FROM market_post_launch_reviews WHERE initiative_id = $1`, [
        initiativeId,
      ]),
    ).toBe(2);
  });

  it('the forecast is the one approved at G3 Go, frozen in its evidence', async () => {
    // Estimates edited after the decision do not move the forecast it was approved on.
    const edited = await app.request({
      method: 'PATCH',
      url: `/api/initiatives/${initiativeId}`,
      token: cast.owner.token,
      body: { npv: 5_000_000 },
    });
    expect(edited.status).toBeLessThan(500);
    const product = await market.product(cast.owner, initiativeId);
    // ECV = ((NPV × Pcs − C) × Pts) − D = ((1,000,000 × 0.6 − 100,000) × 0.8) − 200,000
    expect(product.figures?.forecast).toMatchObject({ decision: 'go', npv: 1_000_000, ecv: 200_000 });
  });

  it('the owner enters a month; entering it again corrects it, audited before and after, never doubled', async () => {
    const body = { month: '2026-01', revenue: 1000, costSavings: 100, customers: 10 };
    expect((await market.enter(cast.owner, initiativeId, body)).status).toBe(200);
    const corrected = await market.enter(cast.owner, initiativeId, { ...body, revenue: 1500 });
    expect(corrected.status).toBe(200);
    const product = corrected.json<ProductMarket>();
    expect(product.values).toEqual([expect.objectContaining({ month: '2026-01', revenue: 1500, costSavings: 100 })]);
    expect(product.values[0]?.correctedAt).not.toBeNull();
    expect(product.figures).toMatchObject({ realisedToDate: 1600, realisedShareOfEcv: 0.008 });
    const [correction] = (await app.dataSource.query(
      `SELECT before, after FROM audit_entries WHERE action = 'market.value-corrected' AND entity_id = $1`,
      [initiativeId],
    )) as { before: { revenue: number }; after: { revenue: number } }[];
    expect(correction).toMatchObject({ before: { revenue: 1000 }, after: { revenue: 1500 } });
  });

  it('only the owner records value: leadership and another lead are refused, nothing changed', async () => {
    const body = { month: '2026-01', revenue: 9, costSavings: 0, customers: 1 };
    expect((await market.enter(cast.chair, initiativeId, body)).status).toBe(403);
    expect((await market.enter(cast.outsider, initiativeId, body)).status).toBe(403);
    expect((await market.importCsv(cast.outsider, initiativeId, VALUE_CSV)).status).toBe(403);
    expect((await market.product(cast.owner, initiativeId)).values).toEqual([
      expect.objectContaining({ month: '2026-01', revenue: 1500 }),
    ]);
  });

  it('a CSV with one bad row imports nothing and names the row and column; a good one imports every month', async () => {
    const bad = await market.importCsv(
      cast.owner,
      initiativeId,
      'month,revenue,cost_savings,customers\n2026-01,2500,0,11\n2026-02,12 000,0,12\n2026-03,3000,0,13\n',
    );
    expect(bad.status).toBe(422);
    expect(String(bad.headers['content-type'])).toContain('application/problem+json');
    expect(bad.json<{ errors: { field: string; reason: string }[] }>().errors).toEqual([
      expect.objectContaining({
        field: 'csv.rows[2].revenue',
        reason: expect.stringMatching(/^row 2, column revenue/),
      }),
    ]);
    expect((await market.product(cast.owner, initiativeId)).values.map((v) => [v.month, v.revenue])).toEqual([
      ['2026-01', 1500],
    ]);

    const good = await market.importCsv(cast.owner, initiativeId, VALUE_CSV);
    expect(good.status).toBe(200);
    expect(good.json()).toEqual({ entered: 1, corrected: 1 });
    expect((await market.product(cast.owner, initiativeId)).values.map((v) => [v.month, v.revenue])).toEqual([
      ['2026-01', 1000],
      ['2026-02', 2000.5],
    ]);
  });

  it('bad value input is 422 naming the field, and changes nothing', async () => {
    for (const [body, field] of [
      [{ month: '2026-13', revenue: 1, costSavings: 0, customers: 1 }, 'month'],
      [{ month: '2026-03', revenue: -1, costSavings: 0, customers: 1 }, 'revenue'],
      [{ month: '2026-03', revenue: 1, costSavings: 0.001, customers: 1 }, 'costSavings'],
      [{ month: '2026-03', revenue: 1, costSavings: 0, customers: 1.5 }, 'customers'],
      [{ month: '2026-03', revenue: 1, costSavings: 0 }, 'customers'],
    ] as const) {
      const response = await market.enter(cast.owner, initiativeId, body);
      expect(response.status).toBe(422);
      expect(response.json<{ errors: { field: string }[] }>().errors.map((f) => f.field)).toContain(field);
    }
    expect((await market.importCsv(cast.owner, initiativeId, 'month,revenue\n2026-03,1')).status).toBe(422);
    expect((await market.product(cast.owner, initiativeId)).values).toHaveLength(2);
  });

  it('a due review reaches the owner and leadership; recorded once by leadership, then frozen', async () => {
    await market.makeDue(initiativeId, 6);
    await (await market.delayedJob(initiativeId, 6)).promote();
    expect(
      await eventually(
        () => market.dueInbox(initiativeId, 6),
        (ids) => ids.length === 2,
        20_000,
      ),
    ).toEqual([cast.owner.id, cast.chair.id].sort());
    const [six, twelve] = (await market.product(cast.owner, initiativeId)).reviews;
    expect(six?.notifiedAt).not.toBeNull();

    const body = { verdict: 'behind', notes: 'Revenue at a tenth of plan; clinics pay late' };
    expect((await market.post(`/api/market/reviews/${six?.id}`, cast.outsider, body)).status).toBe(403);
    expect(
      (await market.post(`/api/market/reviews/${six?.id}`, cast.chair, { ...body, verdict: 'great' })).status,
    ).toBe(422);
    expect((await market.post(`/api/market/reviews/${twelve?.id}`, cast.chair, body)).status).toBe(409);
    const recorded = await market.post(`/api/market/reviews/${six?.id}`, cast.chair, body);
    expect(recorded.status).toBe(200);
    expect(recorded.json<ProductMarket>().reviews[0]).toMatchObject({ verdict: 'behind' });
    expect((await market.post(`/api/market/reviews/${six?.id}`, cast.owner, body)).status).toBe(409);
    await expect(
      app.dataSource.query(`UPDATE market_post_launch_reviews SET verdict = 'ahead' WHERE id = $1`, [six?.id]),
    ).rejects.toThrow(/recorded/);
    const openItems = (await app.dataSource.query(
      `SELECT count(*) AS n FROM inbox_items WHERE subject_id = $1 AND kind = 'market_review_due_6m' AND done_at IS NULL`,
      [initiativeId],
    )) as { n: string }[];
    expect(Number(openItems[0]?.n)).toBe(0);
  });

  it("every step left an entry on the product's chain, and the chains verify", async () => {
    const actions = (
      (await app.dataSource.query(`SELECT DISTINCT action FROM audit_entries WHERE chain_key = $1 ORDER BY action`, [
        `market:${initiativeId}`,
      ])) as { action: string }[]
    ).map((r) => r.action);
    expect(actions).toEqual([
      'market.product-registered',
      'market.review-due',
      'market.review-recorded',
      'market.value-corrected',
      'market.value-entered',
      'market.values-imported',
    ]);
    const audit = await app.dataSource.transaction('REPEATABLE READ', (em) => verifyAuditTrail(em));
    expect(audit.problems).toEqual([]);
  });
});
