import { TestApp, TestUser } from '../support/test-app';
import { createInitiative, createPortfolio, ensureDefaultModel, initiativeBody, unique, writes } from './support';

/** Capturing and editing initiatives: rights, duplicates, version guard, deliverables. */
describe('initiatives', () => {
  let app: TestApp;
  let owner: TestUser;
  let otherLead: TestUser;
  let admin: TestUser;
  let leadership: TestUser;
  let gatekeeper: TestUser;
  let portfolioId: string;

  beforeAll(async () => {
    app = await TestApp.startIsolated();
    await ensureDefaultModel(app);
    [owner, otherLead, admin, leadership, gatekeeper] = [
      await app.newUser(['innovation_lead'], 'owner'),
      await app.newUser(['innovation_lead'], 'other'),
      await app.newUser(['admin']),
      await app.newUser(['leadership']),
      await app.newUser(['gatekeeper']),
    ];
    portfolioId = await createPortfolio(app, leadership);
  });
  afterAll(() => app.close());

  const financials = {
    npv: 1_000_000,
    probabilityCommercial: 0.5,
    probabilityTechnical: 0.8,
    commercializationCost: 100_000,
    remainingDevelopmentCost: 50_000,
    costToDate: 12_500.5,
  };

  it('an innovation lead creates an initiative: explore, pinned to the default model, deliverables pending, history, audit, event', async () => {
    const created = await createInitiative(
      app,
      owner,
      initiativeBody(portfolioId, { ...financials, strategicObjective: 'Grow services', source: 'Customer council' }),
    );
    expect(created).toMatchObject({
      portfolioId,
      ownerId: owner.id,
      stage: 'explore',
      status: 'active',
      version: 1,
      ecv: 270_000,
      costToDate: 12_500.5,
      strategicObjective: 'Grow services',
      processModel: { key: 'default', version: 1 },
      history: [
        { seq: 1, kind: 'created', toStage: 'explore', toStatus: 'active', actorId: owner.id, actorName: 'Test owner' },
      ],
    });
    expect(created.deliverables.map((d) => `${d.gate}/${d.key}/${d.status}`)).toEqual([
      'G1/opportunity_statement/pending',
      'G1/concept_description/pending',
      'G1/assumption_map/pending',
      'G2/experiment_plan/pending',
      'G2/learning_log/pending',
      'G2/business_case/pending',
      'G3/solution_specification/pending',
      'G3/process_design/pending',
      'G3/transfer_plan/pending',
    ]);
    await expect(
      app.count(
        `audit_entries WHERE chain_key = 'initiative:${created.id}' AND action = 'portfolio.initiative.created'`,
      ),
    ).resolves.toBe(1);
    await expect(
      app.count(`outbox_events WHERE aggregate_id = '${created.id}' AND event_type = 'portfolio.initiative-created'`),
    ).resolves.toBe(1);

    const read = await app.request({ url: `/api/initiatives/${created.id}`, token: leadership.token });
    expect(read.status).toBe(200);
    // The history names people as they are known, beside the id and the label the audit wrote (an email).
    expect(read.json()).toMatchObject({
      id: created.id,
      ecv: 270_000,
      deliverables: expect.any(Array),
      history: [{ actorId: owner.id, actorName: 'Test owner', actorLabel: owner.email }],
    });
  });

  it('ECV is null while an estimate is missing', async () => {
    const created = await createInitiative(
      app,
      owner,
      initiativeBody(portfolioId, { npv: 5, probabilityCommercial: 0.5 }),
    );
    expect(created.ecv).toBeNull();
  });

  it('shows possible duplicates on create and before it, by title or problem similarity', async () => {
    const word = `zq${Math.random().toString(36).slice(2, 8)}`;
    const first = await createInitiative(
      app,
      owner,
      initiativeBody(portfolioId, {
        title: `Solar ${word} drone charging stations`,
        problem: `Drone fleets ${word} run out of battery far from depots`,
      }),
    );
    const second = await createInitiative(
      app,
      otherLead,
      initiativeBody(portfolioId, { title: `Solar ${word} drone charging network` }),
    );
    expect(second.possibleDuplicates).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: first.id, similarity: expect.any(Number) })]),
    );
    expect(second.possibleDuplicates.find((d) => d.id === first.id)?.similarity).toBeGreaterThanOrEqual(0.3);
    expect(second.possibleDuplicates.map((d) => d.id)).not.toContain(second.id);
    expect(second.duplicateCheckComplete).toBe(true);

    const byProblem = await app.request({
      url: `/api/initiatives/duplicates?problem=${encodeURIComponent(`drone fleets ${word} running out of battery far from depots`)}`,
      token: gatekeeper.token,
    });
    expect(byProblem.status).toBe(200);
    expect(byProblem.json<{ candidates: { id: string }[] }>()).toMatchObject({
      complete: true,
      candidates: [{ id: first.id, title: `Solar ${word} drone charging stations` }],
    });

    const unrelated = await app.request({
      url: `/api/initiatives/duplicates?title=${encodeURIComponent('Completely unrelated blockchain payroll')}`,
      token: owner.token,
    });
    expect(unrelated.json<{ candidates: { id: string }[] }>().candidates.map((d) => d.id)).not.toContain(first.id);
    await expect(app.request({ url: '/api/initiatives/duplicates', token: owner.token })).resolves.toMatchObject({
      status: 422,
    });
  });

  it.each([
    ['a gatekeeper', () => gatekeeper],
    ['leadership', () => leadership],
  ])('%s cannot create an initiative, and nothing is written', async (_, who) => {
    const before = await writes(app);
    const response = await app.request({
      method: 'POST',
      url: '/api/initiatives',
      token: who().token,
      body: initiativeBody(portfolioId),
    });
    expect(response.status).toBe(403);
    await expect(writes(app)).resolves.toEqual(before);
  });

  it('only an admin names another owner, who must be an active innovation lead', async () => {
    const notAllowed = await app.request({
      method: 'POST',
      url: '/api/initiatives',
      token: owner.token,
      body: initiativeBody(portfolioId, { ownerId: otherLead.id }),
    });
    expect(notAllowed.status).toBe(403);
    expect(notAllowed.json()).toMatchObject({ code: 'PORTFOLIO.OWNER_NOT_ALLOWED' });
    const named = await createInitiative(app, admin, initiativeBody(portfolioId, { ownerId: otherLead.id }));
    expect(named.ownerId).toBe(otherLead.id);
    const before = await writes(app);
    const notLead = await app.request({
      method: 'POST',
      url: '/api/initiatives',
      token: admin.token,
      body: initiativeBody(portfolioId, { ownerId: gatekeeper.id }),
    });
    expect(notLead.status).toBe(422);
    expect(notLead.json()).toMatchObject({ errors: [{ field: 'ownerId' }] });
    await expect(writes(app)).resolves.toEqual(before);
  });

  it.each([
    ['an unknown portfolio', { portfolioId: '00000000-0000-4000-8000-000000000000' }, 'portfolioId'],
    ['a probability over 1', { probabilityCommercial: 1.5 }, 'probabilityCommercial'],
    ['a probability with 4 decimals', { probabilityTechnical: 0.3333 }, 'probabilityTechnical'],
    ['a negative cost', { remainingDevelopmentCost: -1 }, 'remainingDevelopmentCost'],
    ['an unknown horizon', { horizon: 'H4' }, 'horizon'],
    ['a stage (stages change only through gates)', { stage: 'develop' }, 'stage'],
    ['a missing problem', { problem: undefined }, 'problem'],
    ['a number as text', { npv: '1000' }, 'npv'],
  ])('%s is a 422 naming the field, writing nothing', async (_, patch, field) => {
    const before = await writes(app);
    const response = await app.request({
      method: 'POST',
      url: '/api/initiatives',
      token: owner.token,
      body: { ...initiativeBody(portfolioId), ...patch },
    });
    expect(response.status).toBe(422);
    expect(response.json<{ errors: { field: string }[] }>().errors.map((e) => e.field)).toContain(field);
    await expect(writes(app)).resolves.toEqual(before);
  });

  it('the owner edits facts guarded by version; a stale version is a 409 that writes nothing', async () => {
    const created = await createInitiative(app, owner, initiativeBody(portfolioId, financials));
    const edited = await app.request({
      method: 'PATCH',
      url: `/api/initiatives/${created.id}`,
      token: owner.token,
      body: { version: 1, title: unique('Renamed'), npv: 2_000_000, source: null },
    });
    expect(edited.status).toBe(200);
    expect(edited.json()).toMatchObject({ version: 2, npv: 2_000_000, source: null, ecv: 670_000, stage: 'explore' });

    const before = await writes(app);
    const row = await app.dataSource.query(`SELECT title, npv, version FROM initiatives WHERE id = $1`, [created.id]);
    const stale = await app.request({
      method: 'PATCH',
      url: `/api/initiatives/${created.id}`,
      token: owner.token,
      body: { version: 1, title: 'Lost update' },
    });
    expect(stale.status).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'PORTFOLIO.INITIATIVE_CHANGED' });
    await expect(writes(app)).resolves.toEqual(before);
    await expect(
      app.dataSource.query(`SELECT title, npv, version FROM initiatives WHERE id = $1`, [created.id]),
    ).resolves.toEqual(row);
    await expect(
      app.count(
        `audit_entries WHERE chain_key = 'initiative:${created.id}' AND action = 'portfolio.initiative.updated'`,
      ),
    ).resolves.toBe(1);
  });

  it('only the owner or an admin edits; leadership reads; stage, status and clearing a required field are refused', async () => {
    const created = await createInitiative(app, owner, initiativeBody(portfolioId));
    const before = await writes(app);
    for (const user of [otherLead, leadership, gatekeeper]) {
      const response = await app.request({
        method: 'PATCH',
        url: `/api/initiatives/${created.id}`,
        token: user.token,
        body: { version: 1, title: 'Not mine' },
      });
      expect(response.status).toBe(403);
      expect(response.json()).toMatchObject({ code: 'PORTFOLIO.NOT_OWNER' });
    }
    for (const body of [
      { version: 1, stage: 'develop' },
      { version: 1, status: 'killed' },
      { version: 1, title: null },
      { title: 'no version' },
    ]) {
      const response = await app.request({
        method: 'PATCH',
        url: `/api/initiatives/${created.id}`,
        token: owner.token,
        body,
      });
      expect(response.status).toBe(422);
    }
    await expect(writes(app)).resolves.toEqual(before);
    await expect(
      app.request({ url: `/api/initiatives/${created.id}`, token: leadership.token }),
    ).resolves.toMatchObject({ status: 200 });
    const byAdmin = await app.request({
      method: 'PATCH',
      url: `/api/initiatives/${created.id}`,
      token: admin.token,
      body: { version: 1, horizon: 'H3' },
    });
    expect(byAdmin.status).toBe(200);
    expect(byAdmin.json()).toMatchObject({ horizon: 'H3', version: 2 });
  });

  it('a killed initiative is closed to edits', async () => {
    const created = await createInitiative(app, owner, initiativeBody(portfolioId));
    await app.dataSource.query(`UPDATE initiatives SET status = 'killed' WHERE id = $1`, [created.id]);
    const response = await app.request({
      method: 'PATCH',
      url: `/api/initiatives/${created.id}`,
      token: owner.token,
      body: { version: 1, title: 'Too late' },
    });
    expect(response.status).toBe(409);
    expect(response.json()).toMatchObject({ code: 'PORTFOLIO.INITIATIVE_CLOSED' });
  });

  it('deliverables: done with a note, not_required only with a reason (422 otherwise), back to pending; owner or admin only', async () => {
    const created = await createInitiative(app, owner, initiativeBody(portfolioId));
    const url = `/api/initiatives/${created.id}/deliverables/G1/assumption_map`;

    const before = await writes(app);
    for (const note of [undefined, null, '   ']) {
      const noReason = await app.request({
        method: 'PUT',
        url,
        token: owner.token,
        body: { status: 'not_required', ...(note === undefined ? {} : { note }) },
      });
      expect(noReason.status).toBe(422);
      expect(noReason.json()).toMatchObject({ code: 'PORTFOLIO.REASON_REQUIRED', errors: [{ field: 'note' }] });
    }
    const notOwner = await app.request({ method: 'PUT', url, token: otherLead.token, body: { status: 'done' } });
    expect(notOwner.status).toBe(403);
    await expect(writes(app)).resolves.toEqual(before);

    const skipped = await app.request({
      method: 'PUT',
      url,
      token: owner.token,
      body: { status: 'not_required', note: 'Covered by the opportunity statement' },
    });
    expect(skipped.status).toBe(200);
    expect(skipped.json()).toMatchObject({
      gate: 'G1',
      key: 'assumption_map',
      status: 'not_required',
      note: 'Covered by the opportunity statement',
      updatedBy: owner.id,
    });
    const done = await app.request({
      method: 'PUT',
      url: `/api/initiatives/${created.id}/deliverables/G1/opportunity_statement`,
      token: admin.token,
      body: { status: 'done', note: 'wiki/opportunity' },
    });
    expect(done.json()).toMatchObject({ status: 'done', updatedBy: admin.id });
    const back = await app.request({ method: 'PUT', url, token: owner.token, body: { status: 'pending' } });
    expect(back.json()).toMatchObject({ status: 'pending', note: null });

    const listed = await app.request({ url: `/api/initiatives/${created.id}/deliverables`, token: gatekeeper.token });
    expect(
      listed
        .json<{ key: string; status: string }[]>()
        .slice(0, 3)
        .map((d) => `${d.key}:${d.status}`),
    ).toEqual(['opportunity_statement:done', 'concept_description:pending', 'assumption_map:pending']);
    await expect(
      app.count(
        `audit_entries WHERE chain_key = 'initiative:${created.id}' AND action = 'portfolio.deliverable.updated'`,
      ),
    ).resolves.toBe(3);

    await expect(
      app.request({
        method: 'PUT',
        url: `/api/initiatives/${created.id}/deliverables/G1/no_such_thing`,
        token: owner.token,
        body: { status: 'done' },
      }),
    ).resolves.toMatchObject({ status: 404 });
    const badGate = await app.request({
      method: 'PUT',
      url: `/api/initiatives/${created.id}/deliverables/G9/assumption_map`,
      token: owner.token,
      body: { status: 'done' },
    });
    expect(badGate.status).toBe(422);
    expect(badGate.json()).toMatchObject({ errors: [{ field: 'gate' }] });
    await expect(
      app.request({ method: 'PUT', url, token: owner.token, body: { status: 'finished' } }),
    ).resolves.toMatchObject({ status: 422 });
  });
});
