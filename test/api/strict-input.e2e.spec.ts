import { randomUUID } from 'node:crypto';
import { createInitiative, createPortfolio, ensureDefaultModel, initiativeBody } from '../portfolio/support';
import { rowCounts } from '../support/row-counts';
import { TestApp, TestUser } from '../support/test-app';

interface Problem {
  status: number;
  code: string;
  errors?: { field: string; reason: string }[];
}

/**
 * What class-validator lets through reaches no service: null where a field is not nullable, a lone UTF-16
 * surrogate in any string, an array where an object is expected. Each is a 422 naming the field, and writes nothing.
 */
describe('strict input', () => {
  let api: TestApp;
  let everyone: TestUser;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    // A database of its own: "writes nothing" compares the row counts of every table.
    api = await TestApp.startIsolated();
    await ensureDefaultModel(api);
    everyone = await api.newUser(['admin', 'leadership', 'innovation_lead', 'gatekeeper', 'quality_head'], 'everyone');
    ids.user = (await api.newUser(['gatekeeper'], 'subject')).id;
    ids.portfolio = await createPortfolio(api, everyone);
    ids.initiative = (await createInitiative(api, everyone, initiativeBody(ids.portfolio ?? ''))).id;
    const assumption = await api.request({
      method: 'POST',
      url: `/api/initiatives/${ids.initiative}/assumptions`,
      token: everyone.token,
      body: { statement: 'Clinics will book online', riskKind: 'desirability', importance: 4 },
    });
    ids.assumption = assumption.json<{ id: string }>().id;
  }, 60_000);
  afterAll(() => api.close());

  const learning = { observed: 'They did', belief: 'They will', decision: 'persevere', confidence: 'medium' };
  const condition = { text: 'Train the staff', ownerId: randomUUID(), dueAt: '2030-01-01T00:00:00Z' };

  const cases: [string, 'PATCH' | 'POST', () => string, Record<string, unknown>, string][] = [
    [
      'a null statement on an assumption',
      'PATCH',
      () => `/api/assumptions/${ids.assumption}`,
      { statement: null },
      'statement',
    ],
    ['null roles on a user', 'PATCH', () => `/api/admin/users/${ids.user}`, { roles: null }, 'roles'],
    [
      'null conditions on a gate decision',
      'POST',
      () => `/api/reviews/${randomUUID()}/decision`,
      { decision: 'go', conditions: null },
      'conditions',
    ],
    [
      'null conditions on a handover verdict',
      'POST',
      () => `/api/handover-packages/${randomUUID()}/decision`,
      { password: 'test-password-0123', verdict: 'accept', conditions: null },
      'conditions',
    ],
    [
      'null ambition targets on a portfolio',
      'PATCH',
      () => `/api/portfolios/${ids.portfolio}`,
      { version: 1, ambitionTargets: null },
      'ambitionTargets',
    ],
    [
      'null horizon targets on a portfolio',
      'PATCH',
      () => `/api/portfolios/${ids.portfolio}`,
      { version: 1, horizonTargets: null },
      'horizonTargets',
    ],
    [
      'an array as ambition targets',
      'PATCH',
      () => `/api/portfolios/${ids.portfolio}`,
      { version: 1, ambitionTargets: [{}] },
      'ambitionTargets',
    ],
    [
      'null training roles on a package',
      'PATCH',
      () => `/api/handover-packages/${randomUUID()}`,
      { trainingRoles: null },
      'trainingRoles',
    ],
    [
      'an array in the evidence of a learning',
      'POST',
      () => `/api/initiatives/${ids.initiative}/learnings`,
      { ...learning, evidence: [[]] },
      'evidence[0]',
    ],
    [
      'an array in the must-meet judgements of a scorecard',
      'POST',
      () => `/api/reviews/${randomUUID()}/scorecards`,
      { mustMeet: [[{ key: 'strategic_fit', pass: true }]], shouldMeet: [] },
      'mustMeet[0]',
    ],
    [
      'a probability in exponent notation (class-validator throws on it)',
      'POST',
      () => '/api/initiatives',
      { ...initiativeBody(ids.portfolio ?? ''), probabilityTechnical: 8e-323 },
      'probabilityTechnical',
    ],
    [
      'money with too many decimals in exponent notation',
      'POST',
      () => '/api/initiatives',
      { ...initiativeBody(ids.portfolio ?? ''), costToDate: 2e-47 },
      'costToDate',
    ],
    [
      'a lone surrogate in a nested string',
      'POST',
      () => `/api/reviews/${randomUUID()}/decision`,
      { decision: 'conditional_go', conditions: [{ ...condition, text: 'a\ud800b' }] },
      'conditions[0].text',
    ],
  ];

  it.each(cases)('%s is a 422 naming the field, and writes nothing', async (_, method, url, body, field) => {
    const before = await rowCounts(api.dataSource);
    const response = await api.request({ method, url: url(), token: everyone.token, body });
    expect(response.status).toBe(422);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = response.json<Problem>();
    expect(problem.code).toBe('REQUEST.VALIDATION_FAILED');
    expect(problem.errors?.map((e) => e.field)).toContain(field);
    await expect(rowCounts(api.dataSource)).resolves.toEqual(before);
  });

  it('a lone surrogate in the email of the public login is a 422, not a 500', async () => {
    const response = await api.request({
      method: 'POST',
      url: '/api/auth/login',
      body: { email: '\ud800', password: 'whatever-it-is' },
    });
    expect(response.status).toBe(422);
    expect(response.json<Problem>().errors?.map((e) => e.field)).toContain('email');
  });

  it('null stays accepted where a field is declared nullable (clearing an initiative figure)', async () => {
    const created = await createInitiative(api, everyone, initiativeBody(ids.portfolio ?? '', { npv: 1000 }));
    const response = await api.request({
      method: 'PATCH',
      url: `/api/initiatives/${created.id}`,
      token: everyone.token,
      body: { version: created.version, npv: null },
    });
    expect(response.status).toBe(200);
    expect(response.json()).toMatchObject({ npv: null });
  });
});
