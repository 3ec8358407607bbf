import { eventually, newInitiative, obliterateQueues } from '@ambidex/testing';
import { TestApp, TestUser } from '../support/test-app';

/** Assumptions, test cards, results and learnings through HTTP, and the bulk log through the worker. */
describe('experiment log', () => {
  let app: TestApp;
  let owner: TestUser;
  let initiativeId: string;

  beforeAll(async () => {
    app = await TestApp.startIsolated({ worker: true });
    owner = await app.newUser(['innovation_lead'], 'exp-owner');
    initiativeId = await newInitiative(app.dataSource, { ownerId: owner.id });
  });
  afterAll(async () => {
    await obliterateQueues(app.config);
    await app.close();
  });

  const post = (url: string, body: unknown, token = owner.token) => app.request({ method: 'POST', url, token, body });

  async function plannedExperiment(
    threshold = 0.12,
    minimumSample = 100,
  ): Promise<{ assumptionId: string; experimentId: string }> {
    const assumption = (
      await post(`/api/initiatives/${initiativeId}/assumptions`, {
        statement: 'People want it',
        riskKind: 'desirability',
        importance: 5,
      })
    ).json<{ id: string }>();
    const experiment = await post(`/api/initiatives/${initiativeId}/experiments`, {
      assumptionIds: [assumption.id],
      hypothesis: 'A landing page converts',
      method: 'landing page',
      metric: 'conversion',
      comparison: '>=',
      threshold,
      minimumSample,
    });
    expect(experiment.status).toBe(201);
    return { assumptionId: assumption.id, experimentId: experiment.json<{ id: string }>().id };
  }

  it('answers a partial change of a test card with the whole card, as a read gives it', async () => {
    const { experimentId } = await plannedExperiment();
    const changed = await app.request({
      method: 'PATCH',
      url: `/api/experiments/${experimentId}`,
      token: owner.token,
      body: { threshold: 0.2 },
    });
    expect(changed.status).toBe(200);
    const {
      assumptionIds: _ids,
      result: _result,
      ...read
    } = (await app.request({ url: `/api/experiments/${experimentId}`, token: owner.token })).json();
    expect(changed.json()).toEqual(read);
    expect(changed.json()).toMatchObject({
      hypothesis: 'A landing page converts',
      method: 'landing page',
      metric: 'conversion',
      comparison: '>=',
      minimumSample: 100,
      threshold: 0.2,
    });
  });

  it('freezes the threshold once started, in the API and in the database', async () => {
    const { experimentId } = await plannedExperiment();
    await expect(
      app.request({
        method: 'PATCH',
        url: `/api/experiments/${experimentId}`,
        token: owner.token,
        body: { threshold: 0.2 },
      }),
    ).resolves.toMatchObject({ status: 200 });
    await expect(post(`/api/experiments/${experimentId}/start`, {})).resolves.toMatchObject({ status: 200 });
    const refused = await app.request({
      method: 'PATCH',
      url: `/api/experiments/${experimentId}`,
      token: owner.token,
      body: { threshold: 0.01 },
    });
    expect(refused.status).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'EXPERIMENTS.THRESHOLD_FROZEN', errors: [{ field: 'threshold' }] });
    await expect(
      app.dataSource.query(`UPDATE experiments SET threshold = 0.01 WHERE id = $1`, [experimentId]),
    ).rejects.toThrow(/frozen/);
    const experiment = (await app.request({ url: `/api/experiments/${experimentId}`, token: owner.token })).json<{
      threshold: number;
    }>();
    expect(experiment.threshold).toBe(0.2);
  });

  it('records a result against the threshold and moves the assumption, keeping its history', async () => {
    const { assumptionId, experimentId } = await plannedExperiment(0.12, 100);
    const result = await post(`/api/experiments/${experimentId}/result`, { value: 0.15, sampleSize: 400, cost: 1200 });
    expect(result.json()).toMatchObject({ result: 'validated', value: 0.15 });
    const assumptions = (
      await app.request({ url: `/api/initiatives/${initiativeId}/assumptions`, token: owner.token })
    ).json<{ id: string; status: string }[]>();
    expect(assumptions.find((a) => a.id === assumptionId)?.status).toBe('validated');
    const history = (await app.request({ url: `/api/assumptions/${assumptionId}/history`, token: owner.token })).json<
      object[]
    >();
    expect(history).toEqual([expect.objectContaining({ fromStatus: 'untested', toStatus: 'validated', experimentId })]);
    await expect(
      post(`/api/experiments/${experimentId}/result`, { value: 0.01, sampleSize: 400 }),
    ).resolves.toMatchObject({ status: 409 });
  });

  it('a sample below the planned minimum is inconclusive', async () => {
    const { experimentId } = await plannedExperiment(0.12, 500);
    expect(
      (await post(`/api/experiments/${experimentId}/result`, { value: 0.9, sampleSize: 20 })).json(),
    ).toMatchObject({ result: 'inconclusive' });
  });

  it('never edits a learning: a correction supersedes it, once', async () => {
    const first = (
      await post(`/api/initiatives/${initiativeId}/learnings`, {
        observed: 'Buyers ask for invoices',
        belief: 'B2B first',
        decision: 'pivot',
        confidence: 'medium',
      })
    ).json<{ id: string }>();
    const fix = await post(`/api/initiatives/${initiativeId}/learnings`, {
      observed: 'Buyers ask for invoices monthly',
      belief: 'B2B first',
      decision: 'pivot',
      confidence: 'high',
      supersedes: first.id,
    });
    expect(fix.status).toBe(201);
    const again = await post(`/api/initiatives/${initiativeId}/learnings`, {
      observed: 'x',
      belief: 'y',
      decision: 'pivot',
      confidence: 'low',
      supersedes: first.id,
    });
    expect(again.json()).toMatchObject({ status: 409, code: 'EXPERIMENTS.ALREADY_CORRECTED' });
    await expect(app.dataSource.query(`UPDATE learnings SET belief = 'z' WHERE id = $1`, [first.id])).rejects.toThrow(
      /never edited/,
    );
    const current = (await app.request({ url: `/api/initiatives/${initiativeId}/learnings`, token: owner.token })).json<
      { id: string }[]
    >();
    expect(current.map((l) => l.id)).not.toContain(first.id);
    expect((await app.request({ url: `/api/learnings/${first.id}`, token: owner.token })).json()).toMatchObject({
      supersededBy: fix.json<{ id: string }>().id,
    });
  });

  it('ingests a batch: good entries kept, bad ones reported per entry, a resend stores nothing twice', async () => {
    const { experimentId } = await plannedExperiment();
    const tag = Math.random().toString(36).slice(2);
    const lines = [
      {
        type: 'learning',
        idempotencyKey: `${tag}-1`,
        initiativeId,
        observed: `Pilot ${tag} customers churned after onboarding`,
        belief: 'Onboarding is the bottleneck',
        decision: 'persevere',
        confidence: 'high',
      },
      { type: 'result', idempotencyKey: `${tag}-2`, experimentId, value: 0.05, sampleSize: 300 },
      {
        type: 'learning',
        idempotencyKey: `${tag}-3`,
        initiativeId,
        observed: 'x',
        belief: 'y',
        decision: 'maybe',
        confidence: 'high',
      },
    ];
    const body = `${lines.map((l) => JSON.stringify(l)).join('\n')}\n{not json\n`;
    const submitted = await app.request({
      method: 'POST',
      url: '/api/ingest/batches',
      token: owner.token,
      body,
      headers: { 'content-type': 'application/x-ndjson' },
    });
    expect(submitted.status).toBe(202);
    const batchId = submitted.json<{ id: string }>().id;
    const done = await eventually(
      async () =>
        (await app.request({ url: `/api/ingest/batches/${batchId}`, token: owner.token })).json<{
          status: string;
          stored: number;
          failed: number;
          problems: { index: number; field: string }[];
        }>(),
      (b) => b.status === 'completed',
    );
    expect(done).toMatchObject({
      stored: 2,
      failed: 2,
      problems: [
        { index: 2, field: 'decision' },
        { index: 3, field: '' },
      ],
    });

    const resent = await app.request({
      method: 'POST',
      url: '/api/ingest/batches',
      token: owner.token,
      body: lines.slice(0, 2),
    });
    const again = await eventually(
      async () =>
        (
          await app.request({ url: `/api/ingest/batches/${resent.json<{ id: string }>().id}`, token: owner.token })
        ).json<{ status: string }>(),
      (b) => b.status === 'completed',
    );
    expect(again).toMatchObject({ stored: 0, duplicates: 2, failed: 0 });
    await expect(app.count(`learnings WHERE idempotency_key = '${tag}-1'`)).resolves.toBe(1);

    const rollup = (await app.dataSource.query(
      `SELECT learnings, invalidated FROM initiative_learning_rollups WHERE initiative_id = $1`,
      [initiativeId],
    )) as { learnings: number; invalidated: number }[];
    expect(rollup[0]?.invalidated).toBeGreaterThanOrEqual(1);

    const hits = (
      await app.request({
        url: `/api/learnings/search?q=${encodeURIComponent(`${tag} onboarding`)}`,
        token: owner.token,
      })
    ).json<{ highlight: string }[]>();
    expect(hits).toHaveLength(1);
    expect(hits[0]?.highlight).toContain('<mark>');
  });

  it('only the owner or the team writes', async () => {
    const stranger = await app.newUser(['innovation_lead'], 'stranger');
    const denied = await post(
      `/api/initiatives/${initiativeId}/assumptions`,
      { statement: 's', riskKind: 'viability', importance: 2 },
      stranger.token,
    );
    expect(denied.json()).toMatchObject({ status: 403, code: 'EXPERIMENTS.NOT_ON_TEAM' });
    await app.request({
      method: 'PUT',
      url: `/api/initiatives/${initiativeId}/team`,
      token: owner.token,
      body: { memberIds: [stranger.id] },
    });
    await expect(
      post(
        `/api/initiatives/${initiativeId}/assumptions`,
        { statement: 's', riskKind: 'viability', importance: 2 },
        stranger.token,
      ),
    ).resolves.toMatchObject({ status: 201 });
  });
});
