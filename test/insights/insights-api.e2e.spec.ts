import { EXPORT_METRICS } from '@ambidex/insights';
import { newInitiative, newPortfolio } from '@ambidex/testing';
import { TestApp, TestUser } from '../support/test-app';

/** Who may read the dashboards, what bad input gives, and what the exports look like. */
describe('insights API', () => {
  let app: TestApp;
  let leadership: TestUser;
  let admin: TestUser;
  let portfolioId: string;

  beforeAll(async () => {
    app = await TestApp.start();
    leadership = await app.newUser(['leadership']);
    admin = await app.newUser(['admin']);
    const lead = await app.newUser(['innovation_lead']);
    portfolioId = await newPortfolio(app.dataSource, leadership.id);
    for (const stage of ['explore', 'experiment', 'develop'] as const) {
      await newInitiative(app.dataSource, {
        ownerId: lead.id,
        portfolioId,
        stage,
        title: stage === 'develop' ? '=cmd|"/c calc"!A1' : `In ${stage}`,
      });
    }
  });
  afterAll(() => app.close());

  const routes = (): string[] => [
    '/api/insights/portfolios',
    `/api/insights/portfolios/${portfolioId}/overview`,
    `/api/insights/portfolios/${portfolioId}/initiatives`,
    `/api/insights/portfolios/${portfolioId}/export/funnel.csv`,
  ];

  it.each(['innovation_lead', 'gatekeeper', 'quality_head'] as const)(
    'a %s gets 403 on every insights route',
    async (role) => {
      const user = await app.newUser([role]);
      for (const url of routes()) {
        const response = await app.request({ url, token: user.token });
        expect({ url, status: response.status }).toEqual({ url, status: 403 });
        expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
        expect(response.json()).toMatchObject({ code: 'IDENTITY.FORBIDDEN' });
      }
    },
  );

  it('anonymous callers get 401', async () => {
    for (const url of routes()) expect((await app.request({ url })).status).toBe(401);
  });

  it('leadership and admins get 200 on every insights route', async () => {
    for (const user of [leadership, admin]) {
      for (const url of routes()) {
        const response = await app.request({ url, token: user.token });
        expect({ url, status: response.status }).toEqual({ url, status: 200 });
      }
    }
  });

  it('lists portfolios to choose from as { id, name }', async () => {
    const list = (await app.request({ url: '/api/insights/portfolios', token: leadership.token })).json<
      { id: string; name: string }[]
    >();
    const mine = list.find((p) => p.id === portfolioId);
    expect(mine).toEqual({ id: portfolioId, name: expect.any(String) });
    expect(Object.keys(mine ?? {}).sort()).toEqual(['id', 'name']);
  });

  it('serves the overview in the agreed shape, refreshing a portfolio nobody has looked at yet', async () => {
    const response = await app.request({
      url: `/api/insights/portfolios/${portfolioId}/overview`,
      token: leadership.token,
    });
    expect(response.status).toBe(200);
    const o = response.json<Record<string, unknown>>();
    expect(Object.keys(o).sort()).toEqual([
      'balance',
      'bubbles',
      'cycleTimes',
      'ecvRanking',
      'funnel',
      'gates',
      'handover',
      'learning',
      'operations',
      'portfolio',
      'refreshedAt',
      'zombies',
    ]);
    expect(o).toMatchObject({
      portfolio: {
        id: portfolioId,
        ambitionTargets: { core: 70, adjacent: 20, transformational: 10 },
        horizonTargets: { H1: 60, H2: 30, H3: 10 },
      },
      refreshedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      funnel: [
        { stage: 'explore', current: 1, inflow: 1, outflow: 0 },
        { stage: 'experiment', current: 1, inflow: 1, outflow: 0 },
        { stage: 'develop', current: 1, inflow: 1, outflow: 0 },
        { stage: 'handover', current: 0, inflow: 0, outflow: 0 },
        { stage: 'in_operation', current: 0, inflow: 0, outflow: 0 },
      ],
      gates: [
        {
          gate: 'G1',
          decisions: 0,
          go: 0,
          conditionalGo: 0,
          kill: 0,
          hold: 0,
          recycle: 0,
          conversionRate: null,
          killRate: null,
          recycleRate: null,
          holdRate: null,
        },
        { gate: 'G2', decisions: 0 },
        { gate: 'G3', decisions: 0 },
      ],
      cycleTimes: [
        { stage: 'explore', medianDays: null, p85Days: null, samples: 0 },
        { stage: 'experiment', samples: 0 },
        { stage: 'develop', samples: 0 },
        { stage: 'handover', samples: 0 },
      ],
      balance: {
        ambition: [
          { bucket: 'core', count: 0, share: 0, target: 0.7 },
          { bucket: 'adjacent', count: 3, share: 1, target: 0.2 },
          { bucket: 'transformational', count: 0, share: 0, target: 0.1 },
        ],
        horizon: [
          { bucket: 'H1', count: 0, share: 0, target: 0.6 },
          { bucket: 'H2', count: 3, share: 1, target: 0.3 },
          { bucket: 'H3', count: 0, share: 0, target: 0.1 },
        ],
      },
      zombies: [],
      learning: { velocity: null, costPerLearning: null },
      handover: {
        decided: 0,
        accepted: 0,
        acceptanceRate: null,
        medianTimeToControlledHours: null,
        medianTimeToControlledSeconds: null,
      },
    });
    // The factory's estimates: ECV = ((1,000,000 × 0.6 − 100,000) × 0.8) − 200,000 = 200,000; Pcs × Pts = 0.48.
    expect(o.ecvRanking).toEqual(
      expect.arrayContaining([expect.objectContaining({ ecv: 200000, stage: 'explore', status: 'active' })]),
    );
    expect((o.bubbles as unknown[])[0]).toEqual({
      initiativeId: expect.any(String),
      title: expect.any(String),
      probability: 0.48,
      ecv: 200000,
      remainingCost: 200000,
      ambition: 'adjacent',
    });
  });

  it.each([
    ['an unknown metric', `/export/velocity.csv`, 422, 'INSIGHTS.UNKNOWN_METRIC', 'metric'],
    ['a date that is not one', `/overview?from=yesterday`, 422, 'INSIGHTS.INVALID_INPUT', 'from'],
    ['a date that does not exist', `/overview?to=2026-02-30`, 422, 'INSIGHTS.INVALID_INPUT', 'to'],
    ['from after to', `/overview?from=2026-03-01&to=2026-01-01`, 422, 'INSIGHTS.INVALID_INPUT', 'from'],
    ['bad dates on an export', `/export/gates.csv?from=01/02/2026`, 422, 'INSIGHTS.INVALID_INPUT', 'from'],
    ['an unknown ambition', `/overview?ambition=moonshot`, 422, 'REQUEST.VALIDATION_FAILED', 'ambition'],
    ['an unknown horizon', `/overview?horizon=H4`, 422, 'REQUEST.VALIDATION_FAILED', 'horizon'],
    ['an owner that is not a UUID', `/overview?ownerId=42`, 422, 'REQUEST.VALIDATION_FAILED', 'ownerId'],
    ['an unknown stage', `/initiatives?stage=launch`, 422, 'REQUEST.VALIDATION_FAILED', 'stage'],
    ['an unknown decision', `/initiatives?gate=G1&decision=maybe`, 422, 'REQUEST.VALIDATION_FAILED', 'decision'],
    ['an unknown stage left', `/initiatives?left=launch`, 422, 'REQUEST.VALIDATION_FAILED', 'left'],
    ['an unknown stage entered', `/initiatives?entered=launch`, 422, 'REQUEST.VALIDATION_FAILED', 'entered'],
    ['an unknown handover verdict', `/initiatives?handover=pending`, 422, 'REQUEST.VALIDATION_FAILED', 'handover'],
    ['a limit out of range', `/initiatives?limit=5000`, 422, 'REQUEST.VALIDATION_FAILED', 'limit'],
    ['an unknown parameter', `/overview?colour=blue`, 422, 'REQUEST.VALIDATION_FAILED', 'colour'],
  ])('%s gives a problem+json %i', async (_name, path, status, code, field) => {
    const response = await app.request({
      url: `/api/insights/portfolios/${portfolioId}${path}`,
      token: leadership.token,
    });
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.json()).toMatchObject({
      status,
      code,
      errors: expect.arrayContaining([expect.objectContaining({ field })]),
    });
  });

  it('an unknown portfolio is a 404, an id that is not a UUID a 422', async () => {
    const missing = await app.request({
      url: '/api/insights/portfolios/00000000-0000-4000-8000-000000000000/overview',
      token: leadership.token,
    });
    expect(missing.status).toBe(404);
    expect(missing.json()).toMatchObject({ code: 'INSIGHTS.PORTFOLIO_NOT_FOUND' });
    expect((await app.request({ url: '/api/insights/portfolios/nope/overview', token: leadership.token })).status).toBe(
      422,
    );
    expect(
      (
        await app.request({
          url: '/api/insights/portfolios/00000000-0000-4000-8000-000000000000/export/funnel.csv',
          token: leadership.token,
        })
      ).status,
    ).toBe(404);
  });

  it('exports every metric as CSV with a header row', async () => {
    const headers: Record<string, string> = {
      funnel: 'stage,current,inflow,outflow',
      gates: 'gate,decisions,go,conditional_go,kill,hold,recycle,conversion_rate,kill_rate,recycle_rate,hold_rate',
      'cycle-times': 'stage,median_days,p85_days,samples',
      balance: 'dimension,bucket,count,share,target',
      'ecv-ranking': 'rank,initiative_id,title,ecv,stage,status',
      bubbles: 'initiative_id,title,probability,ecv,remaining_cost,ambition',
      zombies: 'review_id,initiative_id,title,gate,deadline_at',
      initiatives:
        'id,title,stage,status,ambition,horizon,owner_id,ecv,probability,remaining_cost,learning_velocity,cost_per_learning',
    };
    expect(Object.keys(headers).sort()).toEqual([...EXPORT_METRICS].sort());
    for (const metric of EXPORT_METRICS) {
      const response = await app.request({
        url: `/api/insights/portfolios/${portfolioId}/export/${metric}.csv?ambition=adjacent`,
        token: leadership.token,
      });
      expect({ metric, status: response.status }).toEqual({ metric, status: 200 });
      expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(response.headers['content-disposition']).toMatch(
        new RegExp(`^attachment; filename=".+-${metric}\\.csv"$`),
      );
      expect(response.body.split('\r\n')[0]).toBe(headers[metric]);
      expect(response.body.endsWith('\r\n')).toBe(true);
    }
    const balance = await app.request({
      url: `/api/insights/portfolios/${portfolioId}/export/balance.csv`,
      token: leadership.token,
    });
    expect(balance.body).toContain('\r\nambition,adjacent,3,1,0.2\r\n');
    const initiatives = await app.request({
      url: `/api/insights/portfolios/${portfolioId}/export/initiatives.csv`,
      token: leadership.token,
    });
    const lines = initiatives.body.trim().split('\r\n');
    expect(lines).toHaveLength(4);
    // A title that a spreadsheet would run as a formula is defused.
    expect(initiatives.body).toContain(`"'=cmd|""/c calc""!A1",develop,active,adjacent,H2`);
  });

  it('the click-through answers in the agreed shape', async () => {
    const response = await app.request({
      url: `/api/insights/portfolios/${portfolioId}/initiatives?stage=experiment&ambition=adjacent&limit=5`,
      token: leadership.token,
    });
    expect(response.status).toBe(200);
    expect(response.json()).toEqual([
      {
        id: expect.any(String),
        title: 'In experiment',
        stage: 'experiment',
        status: 'active',
        ambition: 'adjacent',
        horizon: 'H2',
        ecv: 200000,
      },
    ]);
  });
});
