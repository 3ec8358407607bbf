import { newInitiative } from '@ambidex/testing';
import { reviewAwaitingDecision } from '../gates/support';
import { HandoverCast, handoverCast, initiativeThroughG3 } from '../handover/support';
import { TEST_PASSWORD, TestApp, TestResponse, TestUser } from '../support/test-app';

interface PackageBody {
  status: string;
  contentHash: string;
  signatures: { meaning: string; contentHash: string }[];
  actions: { id: string }[];
  documents: { id: string; number: string | null; title: string; revisions: { id: string; state: string }[] }[];
}

/** Every write answers 200 with the resource exactly as its GET answers right after (deletions and logout excepted). */
describe('writes answer the resource as its GET does', () => {
  let app: TestApp;
  let cast: HandoverCast;

  beforeAll(async () => {
    app = await TestApp.startIsolated({ worker: true });
    cast = await handoverCast(app);
  });
  afterAll(() => app.close());

  const get = (url: string, user: TestUser): Promise<TestResponse> => app.request({ url, token: user.token });
  const write = (
    method: 'POST' | 'PATCH' | 'PUT',
    url: string,
    user: TestUser,
    body?: unknown,
  ): Promise<TestResponse> => app.request({ method, url, token: user.token, body });

  /** The write answered 200 and its body is what the GET answers now. */
  async function expectAnswersAsGet(written: TestResponse, read: () => Promise<unknown>): Promise<unknown> {
    expect({ status: written.status, body: written.status === 200 ? null : written.body }).toEqual({
      status: 200,
      body: null,
    });
    const body = written.json<unknown>();
    expect(body).toEqual(await read());
    return body;
  }

  it('the handover package: prepare, submit (signed over the contentHash shown before), decide, an action done', async () => {
    const { packageId } = await initiativeThroughG3(app, cast);
    const pkg = async (): Promise<PackageBody> =>
      (await get(`/api/handover-packages/${packageId}`, cast.owner)).json<PackageBody>();

    await expectAnswersAsGet(
      await write('PATCH', `/api/handover-packages/${packageId}`, cast.owner, {
        riskControls: [{ key: 'RISK-001', control: 'Monthly invoicing fallback' }],
        kpiBaselines: [
          { name: 'Process time', baseline: 4 },
          { name: 'Lead time', baseline: 0.5 },
          { name: '% complete and accurate', baseline: 92 },
        ],
        trainingRoles: ['quality_head'],
      }),
      pkg,
    );

    const shownBeforeSigning = (await pkg()).contentHash;
    expect(shownBeforeSigning).toMatch(/^[0-9a-f]{64}$/);
    const submitted = (await expectAnswersAsGet(
      await write('POST', `/api/handover-packages/${packageId}/submit`, cast.owner, { password: TEST_PASSWORD }),
      pkg,
    )) as PackageBody;
    expect(submitted.status).toBe('submitted');
    expect(submitted.signatures.find((s) => s.meaning === 'authored')?.contentHash).toBe(shownBeforeSigning);

    const due = new Date(Date.now() + 30 * 86_400_000).toISOString();
    const decided = (await expectAnswersAsGet(
      await write('POST', `/api/handover-packages/${packageId}/decision`, cast.quality, {
        password: TEST_PASSWORD,
        verdict: 'accept_with_conditions',
        conditions: [{ text: 'Audit after a month', ownerId: cast.owner.id, dueAt: due }],
      }),
      pkg,
    )) as PackageBody;
    expect(decided.status).toBe('accepted_with_conditions');
    expect(decided.signatures.find((s) => s.meaning === 'accepted')?.contentHash).toBe(decided.contentHash);

    const actionId = decided.actions[0]?.id ?? '';
    await expectAnswersAsGet(
      await write('POST', `/api/handover-actions/${actionId}/done`, cast.owner, { note: 'Audited: no findings' }),
      pkg,
    );
  }, 180_000);

  it('a revision: sent back, edited, routed, approved; then the training acknowledged and its inbox item done', async () => {
    const { packageId } = await initiativeThroughG3(app, cast);
    await write('PATCH', `/api/handover-packages/${packageId}`, cast.owner, {
      riskControls: [{ key: 'RISK-001', control: 'Monthly invoicing fallback' }],
      kpiBaselines: [
        { name: 'Process time', baseline: 4 },
        { name: 'Lead time', baseline: 0.5 },
        { name: '% complete and accurate', baseline: 92 },
      ],
      trainingRoles: ['quality_head'],
    });
    await write('POST', `/api/handover-packages/${packageId}/submit`, cast.owner, { password: TEST_PASSWORD });
    const accepted = await write('POST', `/api/handover-packages/${packageId}/decision`, cast.quality, {
      password: TEST_PASSWORD,
      verdict: 'accept',
    });
    const doc = accepted.json<PackageBody>().documents[0];
    const revisionId = doc?.revisions[0]?.id ?? '';
    const revision = async (): Promise<unknown> => (await get(`/api/revisions/${revisionId}`, cast.owner)).json();

    const sentBack = await expectAnswersAsGet(
      await write('POST', `/api/revisions/${revisionId}/approval`, cast.quality, {
        password: TEST_PASSWORD,
        decision: 'rejected',
        comment: 'Name the owner',
      }),
      revision,
    );
    expect(sentBack).toMatchObject({
      id: revisionId,
      state: 'draft',
      documentId: doc?.id,
      documentNumber: doc?.number,
    });
    const edited = await expectAnswersAsGet(
      await write('PATCH', `/api/revisions/${revisionId}`, cast.owner, { body: 'Owner: the clinic manager' }),
      revision,
    );
    expect(edited).toMatchObject({ body: 'Owner: the clinic manager', state: 'draft' });
    const dueAt = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const routed = await expectAnswersAsGet(
      await write('POST', `/api/revisions/${revisionId}/review`, cast.owner, { approverIds: [cast.quality.id], dueAt }),
      revision,
    );
    expect(routed).toMatchObject({ state: 'in_review' });
    const approved = await expectAnswersAsGet(
      await write('POST', `/api/revisions/${revisionId}/approval`, cast.quality, {
        password: TEST_PASSWORD,
        decision: 'approved',
      }),
      revision,
    );
    expect(approved).toMatchObject({ state: 'effective', training: { assigned: 1, acknowledged: 0 } });

    // The revision a training assignment names resolves to its document, and reads as it does inside that document.
    const documentBody = (await get(`/api/documents/${doc?.id}`, cast.quality)).json<{
      number: string;
      title: string;
      revisions: { id: string }[];
    }>();
    expect(approved).toEqual({
      ...documentBody.revisions.find((r) => r.id === revisionId),
      documentId: doc?.id,
      documentNumber: documentBody.number,
      documentTitle: documentBody.title,
    });

    // A change request decided: the document answers, the request in it with the revision it made.
    const raised = await write('POST', `/api/documents/${doc?.id}/change-requests`, cast.owner, {
      reason: 'clearer owner',
      impact: 'none',
      proposedTitle: 'Kiosk check-in',
      proposedBody: 'Owner: the clinic lead',
    });
    const changeRequestId = raised.json<{ id: string }>().id;
    const changed = (await expectAnswersAsGet(
      await write('POST', `/api/change-requests/${changeRequestId}/decision`, cast.quality, {
        password: TEST_PASSWORD,
        approve: true,
      }),
      async () => (await get(`/api/documents/${doc?.id}`, cast.owner)).json(),
    )) as {
      changeRequests: { id: string; status: string; newRevisionId: string | null }[];
      revisions: { id: string; state: string }[];
    };
    const decidedRequest = changed.changeRequests.find((c) => c.id === changeRequestId);
    expect(decidedRequest).toMatchObject({ status: 'approved', newRevisionId: expect.any(String) });
    expect(changed.revisions.map((r) => [r.id === decidedRequest?.newRevisionId, r.state])).toEqual([
      [false, 'superseded'],
      [true, 'effective'],
    ]);

    const myTraining = async (): Promise<{ id: string; revisionId: string }[]> =>
      (await get('/api/me/training', cast.quality)).json<{ id: string; revisionId: string }[]>();
    const assignment = (await myTraining()).find((t) => t.revisionId === revisionId);
    const acknowledged = await expectAnswersAsGet(
      await write('POST', `/api/training/${assignment?.id}/acknowledge`, cast.quality),
      async () => (await myTraining()).find((t) => t.id === assignment?.id),
    );
    expect(acknowledged).toMatchObject({ acknowledgedAt: expect.any(String) });

    const inbox = async (): Promise<{ id: string; doneAt: string | null }[]> =>
      (await get('/api/me/inbox?all=true', cast.quality)).json<{ id: string; doneAt: string | null }[]>();
    const open = (await inbox()).find((i) => i.doneAt === null);
    expect(open).toBeDefined();
    const done = await expectAnswersAsGet(
      await write('POST', `/api/me/inbox/${open?.id}/done`, cast.quality),
      async () => (await inbox()).find((i) => i.id === open?.id),
    );
    expect(done).toMatchObject({ doneAt: expect.any(String) });
  }, 180_000);

  it('a gate decision answers the review detail; naming the team answers the team', async () => {
    const initiativeId = await newInitiative(app.dataSource, { ownerId: cast.owner.id, deliverablesDone: true });
    const reviewId = await reviewAwaitingDecision(app, cast, initiativeId);
    const decided = await expectAnswersAsGet(
      await write('POST', `/api/reviews/${reviewId}/decision`, cast.chair, {
        decision: 'recycle',
        reason: 'fix the fit',
      }),
      async () => (await get(`/api/reviews/${reviewId}`, cast.chair)).json(),
    );
    expect(decided).toMatchObject({ id: reviewId, decision: 'recycle' });

    const team = await expectAnswersAsGet(
      await write('PUT', `/api/initiatives/${initiativeId}/team`, cast.owner, { memberIds: [cast.outsider.id] }),
      async () => (await get(`/api/initiatives/${initiativeId}/team`, cast.owner)).json(),
    );
    expect(team).toEqual([expect.objectContaining({ userId: cast.outsider.id })]);
  }, 180_000);

  it('GET /api/revisions/:id: anyone signed in; an unknown revision is 404, a malformed id 422', async () => {
    const unknown = await get('/api/revisions/6f1c0a52-8a51-4c1e-9f0e-3d1f7b2c4a10', cast.outsider);
    expect(unknown.json()).toMatchObject({ status: 404, code: 'QMS.REVISION_NOT_FOUND' });
    const malformed = await get('/api/revisions/42', cast.outsider);
    expect(malformed.json()).toMatchObject({ status: 422, errors: [expect.objectContaining({ field: 'id' })] });
    expect((await app.request({ url: '/api/revisions/6f1c0a52-8a51-4c1e-9f0e-3d1f7b2c4a10' })).status).toBe(401);
  });
});
