import { DEFAULT_PROCESS_MODEL, ProcessModelActivation } from '@ambidex/portfolio';
import { TestApp, TestUser } from '../support/test-app';
import { createInitiative, createPortfolio, initiativeBody, writes } from './support';

interface Model {
  id: string;
  key: string;
  version: number;
  name: string;
  status: string;
  definition: typeof DEFAULT_PROCESS_MODEL;
}

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/**
 * Versioned process models, on a database of their own: this suite activates new versions of `default`, which
 * suites sharing the run's database must not see.
 */
describe('process models', () => {
  let app: TestApp;
  let admin: TestUser;
  let lead: TestUser;
  let gatekeeper: TestUser;
  let portfolioId: string;

  beforeAll(async () => {
    app = await TestApp.startIsolated();
    [admin, lead, gatekeeper] = [
      await app.newUser(['admin']),
      await app.newUser(['innovation_lead']),
      await app.newUser(['gatekeeper']),
    ];
    portfolioId = await createPortfolio(app, admin);
  });
  afterAll(() => app.close());

  const draft = (body: object): Promise<{ status: number; json<T>(): T; body: string }> =>
    app.request({ method: 'POST', url: '/api/process-models', token: admin.token, body });

  it('ensureDefaultModel creates default v1 once, active, from the shipped definition, however often it runs', async () => {
    const activation = app.app.get(ProcessModelActivation);
    const results = await Promise.all([
      activation.ensureDefaultModel(),
      activation.ensureDefaultModel(),
      activation.ensureDefaultModel(),
    ]);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    await expect(activation.ensureDefaultModel()).resolves.toEqual({ created: false, id: results[0]?.id });
    const listed = await app.request({ url: '/api/process-models?key=default', token: gatekeeper.token });
    expect(listed.status).toBe(200);
    expect(listed.json<Model[]>()).toEqual([
      expect.objectContaining({ key: 'default', version: 1, status: 'active', definition: DEFAULT_PROCESS_MODEL }),
    ]);
    await expect(app.count(`audit_entries WHERE action = 'portfolio.process-model.seeded'`)).resolves.toBe(1);
  });

  it('activating v2 retires v1; initiatives created before stay on v1 and its deliverables, new ones take v2', async () => {
    const before = await createInitiative(app, lead, initiativeBody(portfolioId));
    expect(before.processModel).toMatchObject({ key: 'default', version: 1 });

    const definition = clone(DEFAULT_PROCESS_MODEL);
    definition.gates.G1.deliverables.push({ key: 'customer_interviews', name: 'Ten customer interviews' });
    const created = await draft({ key: 'default', name: 'Default with interviews', definition });
    expect(created.status).toBe(201);
    const v2 = created.json<Model>();
    expect(v2).toMatchObject({ key: 'default', version: 2, status: 'draft' });

    const renamed = await app.request({
      method: 'PATCH',
      url: `/api/process-models/${v2.id}`,
      token: admin.token,
      body: { name: 'Default v2' },
    });
    expect(renamed.json()).toMatchObject({ name: 'Default v2', status: 'draft' });

    const activated = await app.request({
      method: 'POST',
      url: `/api/process-models/${v2.id}/activate`,
      token: admin.token,
    });
    expect(activated.status).toBe(200);
    expect(activated.json()).toMatchObject({ id: v2.id, status: 'active', activatedAt: expect.any(String) });
    const v1 = await app.request({ url: `/api/process-models/${before.processModel.id}`, token: lead.token });
    expect(v1.json()).toMatchObject({ version: 1, status: 'retired', definition: DEFAULT_PROCESS_MODEL });

    const stillV1 = await app.request({ url: `/api/initiatives/${before.id}`, token: lead.token });
    expect(stillV1.json()).toMatchObject({
      processModel: { id: before.processModel.id, version: 1 },
      deliverables: expect.any(Array),
    });
    expect(stillV1.json<{ deliverables: unknown[] }>().deliverables).toHaveLength(9);

    const after = await createInitiative(app, lead, initiativeBody(portfolioId));
    expect(after.processModel).toEqual({ id: v2.id, key: 'default', version: 2 });
    expect(after.deliverables.filter((d) => d.gate === 'G1').map((d) => d.key)).toEqual([
      'opportunity_statement',
      'concept_description',
      'assumption_map',
      'customer_interviews',
    ]);
    await expect(app.count(`process_models WHERE key = 'default' AND status = 'active'`)).resolves.toBe(1);
    await expect(
      app.count(
        `audit_entries WHERE action IN ('portfolio.process-model.activated', 'portfolio.process-model.retired')`,
      ),
    ).resolves.toBe(2);
  });

  it('an active or retired model never changes: 409 through the API, refused by the trigger underneath', async () => {
    const models = (await app.request({ url: '/api/process-models?key=default', token: admin.token })).json<Model[]>();
    for (const model of models.filter((m) => m.status !== 'draft')) {
      const before = await writes(app);
      const change = await app.request({
        method: 'PATCH',
        url: `/api/process-models/${model.id}`,
        token: admin.token,
        body: { name: 'Changed in place' },
      });
      expect(change.status).toBe(409);
      expect(change.json()).toMatchObject({ code: 'PORTFOLIO.PROCESS_MODEL_FROZEN' });
      const reactivate = await app.request({
        method: 'POST',
        url: `/api/process-models/${model.id}/activate`,
        token: admin.token,
      });
      expect(reactivate.status).toBe(409);
      await expect(writes(app)).resolves.toEqual(before);

      await expect(
        app.dataSource.query(`UPDATE process_models SET definition = '{}' WHERE id = $1`, [model.id]),
      ).rejects.toMatchObject({
        driverError: expect.objectContaining({ code: '42501' }),
      });
      await expect(
        app.dataSource.query(`UPDATE process_models SET name = 'x' WHERE id = $1`, [model.id]),
      ).rejects.toMatchObject({
        driverError: expect.objectContaining({ code: '42501' }),
      });
      await expect(app.dataSource.query(`DELETE FROM process_models WHERE id = $1`, [model.id])).rejects.toMatchObject({
        driverError: expect.objectContaining({ code: '42501' }),
      });
    }
    const retired = models.find((m) => m.status === 'retired');
    await expect(
      app.dataSource.query(`UPDATE process_models SET status = 'active' WHERE id = $1`, [retired?.id]),
    ).rejects.toMatchObject({
      driverError: expect.objectContaining({ code: '42501' }),
    });
  });

  it('a new key starts at version 1; an invalid definition is a 422 naming every field, writing nothing', async () => {
    const key = `pilot_${Math.random().toString(36).slice(2, 8)}`;
    const first = await draft({ key, name: 'Pilot', definition: DEFAULT_PROCESS_MODEL });
    expect(first.json()).toMatchObject({ key, version: 1, status: 'draft' });

    const broken = clone(DEFAULT_PROCESS_MODEL) as unknown as { gates: Record<string, Record<string, unknown>> };
    (broken.gates.G1 as Record<string, unknown>).passMark = 12;
    (broken.gates.G2 as Record<string, unknown>).shouldMeet = [];
    delete broken.gates.G3;
    const before = await writes(app);
    const refused = await draft({ key, name: 'Broken', definition: broken });
    expect(refused.status).toBe(422);
    const problem = refused.json<{ code: string; errors: { field: string }[] }>();
    expect(problem.code).toBe('PORTFOLIO.INVALID_PROCESS_MODEL');
    expect(problem.errors.map((e) => e.field)).toEqual(
      expect.arrayContaining(['definition.gates.G1.passMark', 'definition.gates.G2.shouldMeet', 'definition.gates.G3']),
    );
    const badKey = await draft({ key: 'Not A Key', name: 'x', definition: DEFAULT_PROCESS_MODEL });
    expect(badKey.status).toBe(422);
    const notObject = await draft({ key, name: 'x', definition: 'G1, G2, G3' });
    expect(notObject.status).toBe(422);
    await expect(writes(app)).resolves.toEqual(before);
  });

  it('only admins write; every signed-in user reads', async () => {
    for (const user of [lead, gatekeeper]) {
      const before = await writes(app);
      const response = await app.request({
        method: 'POST',
        url: '/api/process-models',
        token: user.token,
        body: { key: 'default', name: 'x', definition: DEFAULT_PROCESS_MODEL },
      });
      expect(response.status).toBe(403);
      await expect(writes(app)).resolves.toEqual(before);
      await expect(app.request({ url: '/api/process-models', token: user.token })).resolves.toMatchObject({
        status: 200,
      });
    }
    await expect(
      app.request({ url: '/api/process-models/00000000-0000-4000-8000-000000000000', token: lead.token }),
    ).resolves.toMatchObject({ status: 404 });
  });
});
