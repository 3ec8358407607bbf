import { TestApp, TestUser } from '../support/test-app';
import { createPortfolio, unique, writes } from './support';

/** Portfolios and their balance targets: leadership and admins write, every signed-in user reads. */
describe('portfolios', () => {
  let app: TestApp;
  let leadership: TestUser;
  let admin: TestUser;
  let lead: TestUser;
  let gatekeeper: TestUser;

  beforeAll(async () => {
    app = await TestApp.startIsolated();
    [leadership, admin, lead, gatekeeper] = [
      await app.newUser(['leadership']),
      await app.newUser(['admin']),
      await app.newUser(['innovation_lead']),
      await app.newUser(['gatekeeper']),
    ];
  });
  afterAll(() => app.close());

  it('leadership creates a portfolio with default 70/20/10 targets, audited; anyone signed in reads it', async () => {
    const name = unique('Digital services');
    const created = await app.request({
      method: 'POST',
      url: '/api/portfolios',
      token: leadership.token,
      body: { name, description: 'B2B' },
    });
    expect(created.status).toBe(201);
    const portfolio = created.json<{ id: string }>();
    expect(portfolio).toMatchObject({
      name,
      description: 'B2B',
      ambitionTargets: { core: 70, adjacent: 20, transformational: 10 },
      horizonTargets: { H1: 70, H2: 20, H3: 10 },
      createdBy: leadership.id,
      version: 1,
    });
    await expect(
      app.count(
        `audit_entries WHERE chain_key = 'portfolio:${portfolio.id}' AND action = 'portfolio.portfolio.created'`,
      ),
    ).resolves.toBe(1);

    for (const reader of [gatekeeper, lead]) {
      const one = await app.request({ url: `/api/portfolios/${portfolio.id}`, token: reader.token });
      expect(one.status).toBe(200);
      const all = await app.request({ url: '/api/portfolios', token: reader.token });
      expect(all.json<{ id: string }[]>().map((p) => p.id)).toContain(portfolio.id);
    }
    await expect(app.request({ url: `/api/portfolios/${portfolio.id}` })).resolves.toMatchObject({ status: 401 });
  });

  it('an admin may create one too; an innovation lead or a gatekeeper may not, and nothing is written', async () => {
    await expect(createPortfolio(app, admin)).resolves.toEqual(expect.any(String));
    for (const user of [lead, gatekeeper]) {
      const before = await writes(app);
      const response = await app.request({
        method: 'POST',
        url: '/api/portfolios',
        token: user.token,
        body: { name: unique('Nope') },
      });
      expect(response.status).toBe(403);
      await expect(writes(app)).resolves.toEqual(before);
    }
  });

  it.each([
    [
      'shares that do not sum to 100',
      { ambitionTargets: { core: 70, adjacent: 20, transformational: 0 } },
      'PORTFOLIO.INVALID_TARGETS',
      'ambitionTargets',
    ],
    [
      'a share over 100',
      { horizonTargets: { H1: 120, H2: -10, H3: -10 } },
      'REQUEST.VALIDATION_FAILED',
      'horizonTargets.H1',
    ],
    [
      'an unknown bucket',
      { horizonTargets: { H1: 50, H2: 30, H3: 10, H4: 10 } },
      'REQUEST.VALIDATION_FAILED',
      'horizonTargets.H4',
    ],
    [
      'a missing bucket',
      { ambitionTargets: { core: 80, adjacent: 20 } },
      'REQUEST.VALIDATION_FAILED',
      'ambitionTargets.transformational',
    ],
    ['a blank name', { name: '   ' }, 'REQUEST.VALIDATION_FAILED', 'name'],
  ])('%s is a 422 naming the field, writing nothing', async (_, patch, code, field) => {
    const before = await writes(app);
    const response = await app.request({
      method: 'POST',
      url: '/api/portfolios',
      token: leadership.token,
      body: { name: unique('Targets'), ...patch },
    });
    expect(response.status).toBe(422);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = response.json<{ code: string; errors: { field: string }[] }>();
    expect(problem.code).toBe(code);
    expect(problem.errors.map((e) => e.field)).toContain(field);
    await expect(writes(app)).resolves.toEqual(before);
  });

  it('a taken name is a 409', async () => {
    const name = unique('Twice');
    await createPortfolio(app, leadership, name);
    const again = await app.request({
      method: 'POST',
      url: '/api/portfolios',
      token: leadership.token,
      body: { name },
    });
    expect(again.status).toBe(409);
    expect(again.json()).toMatchObject({ code: 'PORTFOLIO.NAME_TAKEN', errors: [{ field: 'name' }] });
  });

  it('updates name and targets guarded by version: a stale version is a 409 and writes nothing', async () => {
    const id = await createPortfolio(app, leadership);
    const updated = await app.request({
      method: 'PATCH',
      url: `/api/portfolios/${id}`,
      token: admin.token,
      body: {
        version: 1,
        ambitionTargets: { core: 60, adjacent: 30, transformational: 10 },
        horizonTargets: { H1: 33.3, H2: 33.3, H3: 33.4 },
      },
    });
    expect(updated.status).toBe(200);
    expect(updated.json()).toMatchObject({
      version: 2,
      ambitionTargets: { core: 60, adjacent: 30, transformational: 10 },
      horizonTargets: { H1: 33.3 },
    });

    const before = await writes(app);
    const stale = await app.request({
      method: 'PATCH',
      url: `/api/portfolios/${id}`,
      token: leadership.token,
      body: { version: 1, name: unique('Lost update') },
    });
    expect(stale.status).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'PORTFOLIO.PORTFOLIO_CHANGED' });
    await expect(writes(app)).resolves.toEqual(before);

    const forbidden = await app.request({
      method: 'PATCH',
      url: `/api/portfolios/${id}`,
      token: lead.token,
      body: { version: 2, description: 'x' },
    });
    expect(forbidden.status).toBe(403);
    await expect(app.count(`audit_entries WHERE chain_key = 'portfolio:${id}'`)).resolves.toBe(2);
  });

  it('an unknown portfolio is a 404, a malformed id a 422', async () => {
    await expect(
      app.request({ url: '/api/portfolios/00000000-0000-4000-8000-000000000000', token: lead.token }),
    ).resolves.toMatchObject({ status: 404 });
    await expect(app.request({ url: '/api/portfolios/nope', token: lead.token })).resolves.toMatchObject({
      status: 422,
    });
  });
});
