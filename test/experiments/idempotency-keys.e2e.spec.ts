import { newInitiative } from '@ambidex/testing';
import { randomUUID } from 'node:crypto';
import { TestApp, TestResponse, TestUser } from '../support/test-app';

/**
 * Idempotency keys belong to the caller and the resource written (initiative for a learning, experiment for a
 * result), and are looked up only after the caller is known to be allowed to write there.
 */
describe('idempotency keys', () => {
  let app: TestApp;
  let owner: TestUser;
  let otherLead: TestUser;
  let member: TestUser;

  beforeAll(async () => {
    app = await TestApp.start();
    owner = await app.newUser(['innovation_lead'], 'idem-owner');
    otherLead = await app.newUser(['innovation_lead'], 'idem-other');
    member = await app.newUser(['innovation_lead'], 'idem-member');
  });
  afterAll(() => app.close());

  const post = (url: string, token: string, body: unknown): Promise<TestResponse> =>
    app.request({ method: 'POST', url, token, body });
  const learning = (observed: string, idempotencyKey: string) => ({
    observed,
    belief: 'b',
    decision: 'persevere',
    confidence: 'medium',
    idempotencyKey,
  });
  const key = (): string => `key-${randomUUID()}`;

  async function experimentOf(initiativeId: string, token: string): Promise<string> {
    const created = await post(`/api/initiatives/${initiativeId}/experiments`, token, {
      assumptionIds: [],
      hypothesis: 'h',
      method: 'm',
      metric: 'conversion',
      comparison: '>=',
      threshold: 0.1,
      minimumSample: 1,
    });
    expect(created.status).toBe(201);
    return created.json<{ id: string }>().id;
  }

  it("another lead's key never shadows the owner's: each gets and keeps their own card", async () => {
    const theirs = await newInitiative(app.dataSource, { ownerId: otherLead.id });
    const mine = await newInitiative(app.dataSource, { ownerId: owner.id });
    const k = key();
    const first = await post(`/api/initiatives/${theirs}/learnings`, otherLead.token, learning('theirs', k));
    expect(first.status).toBe(201);

    const second = await post(`/api/initiatives/${mine}/learnings`, owner.token, learning('mine', k));
    expect(second.status).toBe(201);
    expect(second.json()).toMatchObject({ initiativeId: mine, observed: 'mine' });
    expect(second.json<{ id: string }>().id).not.toBe(first.json<{ id: string }>().id);
    await expect(app.count(`learnings WHERE idempotency_key = '${k}'`)).resolves.toBe(2);
  });

  it('a team member using the same key on the same initiative stores their own card too', async () => {
    const initiativeId = await newInitiative(app.dataSource, { ownerId: owner.id });
    await app.request({
      method: 'PUT',
      url: `/api/initiatives/${initiativeId}/team`,
      token: owner.token,
      body: { memberIds: [member.id] },
    });
    const k = key();
    const byMember = await post(`/api/initiatives/${initiativeId}/learnings`, member.token, learning('member saw', k));
    const byOwner = await post(`/api/initiatives/${initiativeId}/learnings`, owner.token, learning('owner saw', k));
    expect([byMember.status, byOwner.status]).toEqual([201, 201]);
    expect(byOwner.json()).toMatchObject({ observed: 'owner saw' });
    await expect(app.count(`learnings WHERE initiative_id = '${initiativeId}'`)).resolves.toBe(2);
  });

  it("a lead outside the team cannot read another team's result by replaying its key", async () => {
    const initiativeId = await newInitiative(app.dataSource, { ownerId: owner.id });
    const experimentId = await experimentOf(initiativeId, owner.token);
    const k = key();
    const stored = await post(`/api/experiments/${experimentId}/result`, owner.token, {
      value: 0.42,
      sampleSize: 10,
      note: 'secret',
      idempotencyKey: k,
    });
    expect(stored.status).toBe(201);

    const replayed = await post(`/api/experiments/${experimentId}/result`, otherLead.token, {
      value: 0.42,
      sampleSize: 10,
      note: 'secret',
      idempotencyKey: k,
    });
    expect(replayed.status).toBe(403);
    expect(replayed.json()).toMatchObject({ code: 'EXPERIMENTS.NOT_ON_TEAM' });
    expect(replayed.body).not.toContain(stored.json<{ id: string }>().id);
    expect(replayed.body).not.toContain('0.42');
  });

  it("a lead outside the team cannot read another team's learning by replaying its key", async () => {
    const initiativeId = await newInitiative(app.dataSource, { ownerId: owner.id });
    const k = key();
    const stored = await post(`/api/initiatives/${initiativeId}/learnings`, owner.token, learning('confidential', k));
    const replayed = await post(
      `/api/initiatives/${initiativeId}/learnings`,
      otherLead.token,
      learning('confidential', k),
    );
    expect(replayed.status).toBe(403);
    expect(replayed.body).not.toContain(stored.json<{ id: string }>().id);
  });

  it('the same key and the same body gets the original resource back, and changes nothing', async () => {
    const initiativeId = await newInitiative(app.dataSource, { ownerId: owner.id });
    const chain = `audit_entries WHERE chain_key = 'initiative:${initiativeId}'`;
    const k = key();
    const first = await post(`/api/initiatives/${initiativeId}/learnings`, owner.token, learning('once', k));
    const entries = await app.count(chain);
    const again = await post(`/api/initiatives/${initiativeId}/learnings`, owner.token, learning('once', k));
    expect(again.status).toBe(201);
    expect(again.json()).toEqual(first.json());
    await expect(app.count(`learnings WHERE initiative_id = '${initiativeId}'`)).resolves.toBe(1);
    await expect(app.count(chain)).resolves.toBe(entries);

    const experimentId = await experimentOf(initiativeId, owner.token);
    const rk = key();
    const result = await post(`/api/experiments/${experimentId}/result`, owner.token, {
      value: 0.2,
      sampleSize: 5,
      idempotencyKey: rk,
    });
    const resultAgain = await post(`/api/experiments/${experimentId}/result`, owner.token, {
      value: 0.2,
      sampleSize: 5,
      idempotencyKey: rk,
    });
    expect([result.status, resultAgain.status]).toEqual([201, 201]);
    expect(resultAgain.json()).toEqual(result.json());
  });

  it('the same key with a different body is refused with 422 and stores nothing', async () => {
    const initiativeId = await newInitiative(app.dataSource, { ownerId: owner.id });
    const k = key();
    await post(`/api/initiatives/${initiativeId}/learnings`, owner.token, learning('first', k));
    const changed = await post(
      `/api/initiatives/${initiativeId}/learnings`,
      owner.token,
      learning('something else', k),
    );
    expect(changed.status).toBe(422);
    expect(changed.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(changed.json()).toMatchObject({
      code: 'EXPERIMENTS.IDEMPOTENCY_KEY_REUSED',
      errors: [{ field: 'idempotencyKey' }],
    });
    await expect(app.count(`learnings WHERE initiative_id = '${initiativeId}'`)).resolves.toBe(1);

    const experimentId = await experimentOf(initiativeId, owner.token);
    const rk = key();
    await post(`/api/experiments/${experimentId}/result`, owner.token, {
      value: 0.2,
      sampleSize: 5,
      idempotencyKey: rk,
    });
    const other = await post(`/api/experiments/${experimentId}/result`, owner.token, {
      value: 0.9,
      sampleSize: 5,
      idempotencyKey: rk,
    });
    expect(other.status).toBe(422);
    expect(other.json()).toMatchObject({ code: 'EXPERIMENTS.IDEMPOTENCY_KEY_REUSED' });
    const [stored] = (await app.dataSource.query(
      `SELECT value::float AS value FROM experiment_results WHERE experiment_id = $1`,
      [experimentId],
    )) as { value: number }[];
    expect(stored?.value).toBe(0.2);
  });
});
