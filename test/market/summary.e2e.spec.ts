import { marketFiguresForPeriod } from '@ambidex/market';
import { newPortfolio } from '@ambidex/testing';
import { TestApp, TestUser } from '../support/test-app';
import { MarketDriver } from './support';

interface Summary {
  from: string;
  to: string;
  products: { initiativeId: string; period: { revenue: number; costSavings: number; customers: number | null } }[];
  totals: { revenue: number; costSavings: number };
  vitalityIndex: number | null;
  reinvestmentPercent: number;
  budgetReturned: number;
  feedback: { positive: number; neutral: number; negative: number };
  reviews: { initiativeId: string; months: number }[];
}

/**
 * The summary on known data: two products in one portfolio (one handed over within three years of the period's end,
 * one before) and one in another; the vitality index, the budget returned and the feedback and reviews in the period.
 * The management review's reader gives the same figures as the endpoint.
 */
describe('the market summary', () => {
  let app: TestApp;
  let market: MarketDriver;
  let owner: TestUser;
  let leadership: TestUser;
  let portfolioId: string;
  let recent: string;
  let old: string;
  let elsewhere: string;

  beforeAll(async () => {
    app = await TestApp.startIsolated();
    market = new MarketDriver(app);
    owner = await app.newUser(['innovation_lead'], 'owner');
    leadership = await app.newUser(['leadership'], 'leadership');
    portfolioId = await newPortfolio(app.dataSource, owner.id);
    recent = await market.registered(owner.id, new Date('2025-03-15T09:00:00Z'), portfolioId);
    old = await market.registered(owner.id, new Date('2021-06-01T09:00:00Z'), portfolioId);
    elsewhere = await market.registered(owner.id, new Date('2025-01-01T09:00:00Z'));
    const csv = (rows: string[]): string => ['month,revenue,cost_savings,customers', ...rows].join('\n');
    for (const [id, rows] of [
      [recent, ['2025-12,500,0,8', '2026-01,1000,100,10', '2026-02,2000,0,12']],
      [old, ['2026-01,3000,400,50']],
      [elsewhere, ['2026-03,10000,0,90']],
    ] as const) {
      const imported = await market.importCsv(owner, id, csv([...rows]));
      if (imported.status !== 200) throw new Error(`import: ${imported.status} ${imported.body}`);
    }
    for (const [id, sentiment, receivedOn] of [
      [recent, 'negative', '2026-02-10'],
      [recent, 'negative', '2025-11-10'],
      [old, 'positive', '2026-03-01'],
      [elsewhere, 'neutral', '2026-04-01'],
    ] as const)
      await market.feedback(owner, id, { sentiment, receivedOn });
  }, 60_000);

  afterAll(() => app?.close());

  const summary = (query: string, user: TestUser = leadership) => market.get(`/api/market/summary?${query}`, user);

  it("computes one portfolio's figures from the known data", async () => {
    const response = await summary(`from=2026-01&to=2026-06&portfolioId=${portfolioId}`);
    expect(response.status).toBe(200);
    const body = response.json<Summary>();
    expect(body.products.map((p) => [p.initiativeId, p.period]).sort()).toEqual(
      [
        [recent, { revenue: 3000, costSavings: 100, customers: 12 }],
        [old, { revenue: 3000, costSavings: 400, customers: 50 }],
      ].sort(),
    );
    expect(body.totals).toEqual({ revenue: 6000, costSavings: 500 });
    // Handed over since July 2023 (three years before the period ends): only the recent product.
    expect(body.vitalityIndex).toBe(0.5);
    expect(body.reinvestmentPercent).toBe(10);
    expect(body.budgetReturned).toBe(650);
    expect(body.feedback).toEqual({ positive: 1, neutral: 0, negative: 1 });
    // The recent product's 12-month review falls due on 15 March 2026.
    expect(body.reviews.map((r) => [r.initiativeId, r.months])).toEqual([[recent, 12]]);
  });

  it('every portfolio together', async () => {
    const body = (await summary('from=2026-01&to=2026-06')).json<Summary>();
    expect(body.totals).toEqual({ revenue: 16000, costSavings: 500 });
    expect(body.vitalityIndex).toBe(0.8125);
    expect(body.budgetReturned).toBe(1650);
    expect(body.feedback).toEqual({ positive: 1, neutral: 1, negative: 1 });
    expect(body.reviews.map((r) => [r.initiativeId, r.months]).sort()).toEqual(
      [
        [elsewhere, 12],
        [recent, 12],
      ].sort(),
    );
  });

  it("the management review's reader gives the endpoint's figures", async () => {
    for (const query of [
      { from: '2026-01', to: '2026-06', portfolioId },
      { from: '2025-01', to: '2026-12', portfolioId: null },
    ]) {
      const params = `from=${query.from}&to=${query.to}${query.portfolioId === null ? '' : `&portfolioId=${query.portfolioId}`}`;
      const endpoint = (await summary(params)).json<Summary>();
      const reader = await marketFiguresForPeriod(app.dataSource.manager, {
        ...query,
        reinvestmentPercent: app.config.market.reinvestmentPercent,
      });
      expect(JSON.parse(JSON.stringify(reader))).toEqual(endpoint);
    }
  });

  it('a period with no revenue has no vitality index; the default period is the last twelve months', async () => {
    const empty = (await summary('from=2020-01&to=2020-12')).json<Summary>();
    expect(empty).toMatchObject({ vitalityIndex: null, budgetReturned: 0, totals: { revenue: 0, costSavings: 0 } });
    const defaulted = (await summary('')).json<Summary>();
    const thisMonth = new Date().toISOString().slice(0, 7);
    expect(defaulted.to).toBe(thisMonth);
  });

  it('leadership and innovation leads read it; no one else', async () => {
    expect((await summary('', await app.newUser(['innovation_lead'], 'reader'))).status).toBe(200);
    for (const role of ['quality_head', 'gatekeeper', 'auditor', 'admin'] as const)
      expect((await summary('', await app.newUser([role], role))).status).toBe(403);
    expect((await app.request({ url: '/api/market/summary' })).status).toBe(401);
  });

  it('bad periods are 422 naming the field', async () => {
    for (const [query, field] of [
      ['from=2026-13&to=2026-12', 'from'],
      ['from=2026-01&to=Dec', 'to'],
      ['from=2026-06&to=2026-01', 'from'],
      ['from=2001-01&to=2026-01', 'from'],
      ['portfolioId=nope', 'portfolioId'],
    ] as const) {
      const response = await summary(query);
      expect(response.status).toBe(422);
      expect(response.json<{ errors: { field: string }[] }>().errors.map((e) => e.field)).toContain(field);
    }
  });
});
