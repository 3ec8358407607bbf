import { InsightsRefresh } from '@ambidex/insights';
import { verifyAuditTrail } from '@ambidex/platform';
import { ensureDefaultProcessModel, newPortfolio, obliterateQueues } from '@ambidex/testing';
import { TestApp, TestUser } from '../support/test-app';
import { NcDriver } from './support';

interface InitiativeView {
  id: string;
  portfolioId: string;
  ownerId: string;
  stage: string;
  status: string;
  title: string;
  origin: { type: string; id: string; label: string | null } | null;
}

/**
 * Operations feed innovation (ISO 56001 8.3.2): an NC raises an opportunity, a new initiative in explore whose origin
 * is the NC, linked both ways; on real PostgreSQL and Redis.
 */
describe('an opportunity raised from a nonconformity (real PostgreSQL + Redis)', () => {
  let app: TestApp;
  let nc: NcDriver;
  let quality: TestUser;
  let lead: TestUser;
  let gatekeeper: TestUser;
  let portfolioId: string;

  beforeAll(async () => {
    app = await TestApp.startIsolated();
    nc = new NcDriver(app);
    quality = await app.newUser(['quality_head'], 'quality');
    lead = await app.newUser(['innovation_lead'], 'lead');
    gatekeeper = await app.newUser(['gatekeeper'], 'gatekeeper');
    portfolioId = await newPortfolio(app.dataSource, lead.id);
    await ensureDefaultProcessModel(app.dataSource);
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    if (app !== undefined) await obliterateQueues(app.config);
  });

  const body = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
    portfolioId,
    title: 'Self-service consent kiosk',
    problem: 'Consent is skipped when the kiosk times out',
    ...extra,
  });
  const url = (id: string): string => `/api/nonconformities/${id}/opportunity`;
  const initiative = async (id: string): Promise<InitiativeView> =>
    (await app.request({ url: `/api/initiatives/${id}`, token: lead.token })).json<InitiativeView>();
  const auditActions = async (entityId: string): Promise<string[]> =>
    (
      (await app.dataSource.query(`SELECT action FROM audit_entries WHERE entity_id = $1 ORDER BY id`, [entityId])) as {
        action: string;
      }[]
    ).map((r) => r.action);

  it('raises an initiative in explore in the chosen portfolio, its origin the NC, linked both ways', async () => {
    const raised = await nc.raise(gatekeeper);
    const response = await nc.post(url(raised.id), quality, body({ ownerId: lead.id }));
    expect(response.status).toBe(201);
    const withLink = response.json<{ id: string; opportunityInitiativeId: string | null }>();
    expect(withLink.opportunityInitiativeId).toEqual(expect.any(String));
    const created = await initiative(withLink.opportunityInitiativeId ?? '');
    expect(created).toMatchObject({
      portfolioId,
      ownerId: lead.id,
      stage: 'explore',
      status: 'active',
      title: 'Self-service consent kiosk',
      origin: { type: 'nonconformity', id: raised.id, label: raised.number },
    });
    expect((await nc.get(lead, raised.id)) as unknown).toMatchObject({ opportunityInitiativeId: created.id });
    // A normal creation's trail and events, and the NC's own chain entry.
    expect(await auditActions(created.id)).toContain('portfolio.initiative.created');
    expect(await auditActions(raised.id)).toContain('nonconformity.opportunity-raised');
    const [event] = (await app.dataSource.query(
      `SELECT count(*)::int AS n FROM outbox_events WHERE aggregate_id = $1 AND event_type = 'portfolio.initiative-created'`,
      [created.id],
    )) as { n: number }[];
    expect(event?.n).toBe(1);
    const audit = await app.dataSource.transaction('REPEATABLE READ', (em) => verifyAuditTrail(em));
    expect(audit.problems).toEqual([]);
  });

  it('an innovation lead may raise it, owning it by default; a customer complaint is its origin type', async () => {
    const complaint = await nc.raise(quality, { source: 'customer_complaint' });
    const response = await nc.post(url(complaint.id), lead, body());
    expect(response.status).toBe(201);
    const created = await initiative(response.json<{ opportunityInitiativeId: string }>().opportunityInitiativeId);
    expect(created).toMatchObject({ ownerId: lead.id, origin: { type: 'customer_complaint', id: complaint.id } });
  });

  it('one opportunity per NC: a second raise is 409 and creates nothing', async () => {
    const raised = await nc.raise(quality);
    expect((await nc.post(url(raised.id), lead, body())).status).toBe(201);
    const before = await app.count('initiatives');
    const again = await nc.post(url(raised.id), lead, body({ title: 'Another idea' }));
    expect(again.json()).toMatchObject({ status: 409, code: 'NONCONFORMITY.STATE' });
    expect(await app.count('initiatives')).toBe(before);
  });

  it('rights: a gatekeeper gets 403, anonymous 401; nothing changes', async () => {
    const raised = await nc.raise(quality);
    const before = await app.count('initiatives');
    expect((await nc.post(url(raised.id), gatekeeper, body())).status).toBe(403);
    expect((await nc.post(url(raised.id), undefined, body())).status).toBe(401);
    expect(await app.count('initiatives')).toBe(before);
    expect((await nc.get(quality, raised.id)) as unknown).toMatchObject({ opportunityInitiativeId: null });
  });

  it('bad input (unknown portfolio, missing title, a quality head owning it, unknown NC) changes nothing', async () => {
    const raised = await nc.raise(quality);
    const before = await app.count('initiatives');
    const unknownPortfolio = await nc.post(url(raised.id), quality, body({ portfolioId: raised.id, ownerId: lead.id }));
    expect(unknownPortfolio.json()).toMatchObject({ code: 'PORTFOLIO.INVALID_INPUT' });
    const { title: _title, ...untitled } = body();
    expect((await nc.post(url(raised.id), lead, untitled)).status).toBe(422);
    const qualityOwner = await nc.post(url(raised.id), quality, body());
    expect(qualityOwner.json()).toMatchObject({ code: 'PORTFOLIO.INVALID_INPUT' });
    expect((await nc.post(url(portfolioId), lead, body())).status).toBe(404);
    expect(await app.count('initiatives')).toBe(before);
    expect((await nc.get(quality, raised.id)) as unknown).toMatchObject({ opportunityInitiativeId: null });
  });

  it("the leadership dashboard counts it among the period's new initiatives that operations raised", async () => {
    const leadership = await app.newUser(['leadership'], 'leadership');
    const fresh = await newPortfolio(app.dataSource, lead.id);
    const raised = await nc.raise(quality);
    expect((await nc.post(url(raised.id), lead, body({ portfolioId: fresh }))).status).toBe(201);
    const direct = await app.request({
      method: 'POST',
      url: '/api/initiatives',
      token: lead.token,
      body: {
        ...body({ portfolioId: fresh }),
        valueHypothesis: 'x',
        horizon: 'H1',
        ambition: 'core',
        innovationType: 'process',
      },
    });
    expect(direct.status).toBe(201);
    await app.app.get(InsightsRefresh).refresh(fresh);
    const today = new Date().toISOString().slice(0, 10);
    const overview = await app.request({
      url: `/api/insights/portfolios/${fresh}/overview?from=${today}&to=${today}`,
      token: leadership.token,
    });
    expect(overview.json()).toMatchObject({
      operations: { newInitiatives: 2, fromOperations: 1, share: 0.5, decided: 0, medianDaysToFirstDecision: null },
    });
  });

  it('an initiative captured directly has no origin', async () => {
    const response = await app.request({
      method: 'POST',
      url: '/api/initiatives',
      token: lead.token,
      body: { ...body(), valueHypothesis: 'Fewer skips', horizon: 'H1', ambition: 'core', innovationType: 'process' },
    });
    expect(response.status).toBe(201);
    expect(response.json<InitiativeView>().origin).toBeNull();
  });
});
