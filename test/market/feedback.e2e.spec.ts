import { newInitiative, newPortfolio } from '@ambidex/testing';
import { TestApp, TestUser } from '../support/test-app';
import { MarketDriver, ProductMarket } from './support';

interface Feedback {
  id: string;
  initiativeId: string;
  productTitle: string;
  nonconformityId: string | null;
  opportunityInitiativeId: string | null;
}

/**
 * Customer feedback (ISO 9001 9.1.2): anyone signed in records it on a product in operation; a quality head raises a
 * nonconformity from a complaint and an innovation lead an opportunity from an idea, each linked both ways.
 */
describe('customer feedback on a product', () => {
  let app: TestApp;
  let market: MarketDriver;
  let owner: TestUser;
  let quality: TestUser;
  let auditor: TestUser;
  let lead: TestUser;
  let initiativeId: string;
  let portfolioId: string;

  beforeAll(async () => {
    app = await TestApp.startIsolated();
    market = new MarketDriver(app);
    owner = await app.newUser(['innovation_lead'], 'owner');
    quality = await app.newUser(['quality_head'], 'quality');
    auditor = await app.newUser(['auditor'], 'auditor');
    lead = await app.newUser(['innovation_lead'], 'lead');
    portfolioId = await newPortfolio(app.dataSource, owner.id);
    initiativeId = await market.registered(owner.id, new Date(), portfolioId);
  }, 60_000);

  afterAll(() => app?.close());

  it('anyone signed in records feedback; no one signed out', async () => {
    const recorded = await market.feedback(auditor, initiativeId, {
      sentiment: 'positive',
      text: 'Check-in took a minute',
    });
    expect(recorded.status).toBe(201);
    expect(recorded.json<Feedback>()).toMatchObject({
      initiativeId,
      nonconformityId: null,
      opportunityInitiativeId: null,
    });
    expect((await market.post(`/api/initiatives/${initiativeId}/market/feedback`, undefined, {})).status).toBe(401);
    expect((await market.product(owner, initiativeId)).feedback.map((f) => f.sentiment)).toEqual(['positive']);
  });

  it('bad feedback is 422 naming the field, and records nothing', async () => {
    const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    for (const [body, field] of [
      [{ channel: 'pigeon' }, 'channel'],
      [{ sentiment: 'furious' }, 'sentiment'],
      [{ text: '' }, 'text'],
      [{ receivedOn: '2026-02-30' }, 'receivedOn'],
      [{ receivedOn: tomorrow }, 'receivedOn'],
    ] as const) {
      const response = await market.feedback(auditor, initiativeId, body);
      expect(response.status).toBe(422);
      expect(String(response.headers['content-type'])).toContain('application/problem+json');
      expect(response.json<{ errors: { field: string }[] }>().errors.map((e) => e.field)).toContain(field);
    }
    expect((await market.product(owner, initiativeId)).feedback).toHaveLength(1);
  });

  it('feedback on an initiative not in operation is refused (409), on none at all 404', async () => {
    const exploring = await newInitiative(app.dataSource, { ownerId: owner.id, portfolioId });
    expect((await market.feedback(auditor, exploring)).status).toBe(409);
    expect((await market.feedback(auditor, '6a3c3c9e-3f0e-4a38-9d1e-2f1d54a0c111')).status).toBe(404);
  });

  it('a complaint raises one NC about the product (quality heads only), linked both ways', async () => {
    const feedback = (await market.feedback(auditor, initiativeId)).json<Feedback>();
    const body = { severity: 'major', probability: 3 };
    const url = `/api/market/feedback/${feedback.id}/nonconformity`;
    expect((await market.post(url, lead, body)).status).toBe(403);
    expect((await market.post(url, quality, { ...body, severity: 'apocalyptic' })).status).toBe(422);
    const raised = await market.post(url, quality, body);
    expect(raised.status).toBe(201);
    const ncId = raised.json<Feedback>().nonconformityId;
    expect(ncId).not.toBeNull();
    const nc = (await market.get(`/api/nonconformities/${ncId}`, quality)).json<{
      source: string;
      subjectType: string;
      subjectId: string;
      description: string;
    }>();
    expect(nc).toMatchObject({ source: 'customer_complaint', subjectType: 'initiative', subjectId: initiativeId });
    expect(nc.description).toContain(feedback.id);
    const back = await market.get(`/api/market/feedback?nonconformityId=${ncId}`, auditor);
    expect(back.json<Feedback[]>().map((f) => f.id)).toEqual([feedback.id]);
    expect((await market.post(url, quality, body)).status).toBe(409);
  });

  it('an idea raises one opportunity whose origin is the feedback, linked both ways', async () => {
    const feedback = (
      await market.feedback(owner, initiativeId, { sentiment: 'neutral', text: 'Could it book follow-ups too?' })
    ).json<Feedback>();
    const url = `/api/market/feedback/${feedback.id}/opportunity`;
    const body = { portfolioId, title: 'Kiosk books follow-up visits', problem: 'Patients queue twice' };
    expect((await market.post(url, auditor, body)).status).toBe(403);
    expect((await market.post(url, lead, { ...body, title: '' })).status).toBe(422);
    const raised = await market.post(url, lead, body);
    expect(raised.status).toBe(201);
    const initiative = raised.json<Feedback>().opportunityInitiativeId;
    const created = (await market.get(`/api/initiatives/${initiative}`, lead)).json<{
      stage: string;
      origin: { type: string; id: string; label: string };
    }>();
    expect(created).toMatchObject({ stage: 'explore', origin: { type: 'customer_feedback', id: feedback.id } });
    expect(created.origin.label).toMatch(/^Feedback on /);
    expect((await market.get(`/api/market/feedback/${feedback.id}`, auditor)).json<Feedback>()).toMatchObject({
      opportunityInitiativeId: initiative,
    });
    expect((await market.post(url, lead, body)).status).toBe(409);
    const product = await market.product(owner, initiativeId);
    expect(product.feedback.find((f) => f.id === feedback.id)).toMatchObject({ opportunityInitiativeId: initiative });
  });

  it('unknown feedback is 404, a malformed id 422', async () => {
    expect((await market.get('/api/market/feedback/6a3c3c9e-3f0e-4a38-9d1e-2f1d54a0c111', auditor)).status).toBe(404);
    expect((await market.get('/api/market/feedback/nope', auditor)).status).toBe(422);
    expect((await market.get('/api/market/feedback?nonconformityId=nope', auditor)).status).toBe(422);
  });

  it('the product page shows what was recorded to anyone signed in', async () => {
    const product: ProductMarket = await market.product(auditor, initiativeId);
    expect(product.registered).toBe(true);
    expect(product.feedback.length).toBe(3);
  });
});
