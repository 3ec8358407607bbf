import { newInitiative } from '@ambidex/testing';
import { TestApp } from '../support/test-app';
import { Cast, castFor, g1Scorecard, requestReview, reviewAwaitingDecision, reviewOf, waitForStatus } from './support';

/** The gate review through HTTP with a live worker: request, readiness, evidence, scoring, outcome, decision. */
describe('gate reviews', () => {
  let app: TestApp;
  let cast: Cast;

  beforeAll(async () => {
    app = await TestApp.startIsolated({ worker: true });
    cast = await castFor(app);
  });
  afterAll(() => app.close());

  const initiative = (deliverablesDone = true): Promise<string> =>
    newInitiative(app.dataSource, { ownerId: cast.owner.id, deliverablesDone });
  const stateOf = async (id: string): Promise<{ stage: string; status: string }> =>
    (
      (await app.dataSource.query(`SELECT stage, status FROM initiatives WHERE id = $1`, [id])) as {
        stage: string;
        status: string;
      }[]
    )[0] ?? { stage: '', status: '' };
  const inboxOf = async (token: string): Promise<{ kind: string; subjectId: string }[]> =>
    (await app.request({ url: '/api/me/inbox', token })).json<{ kind: string; subjectId: string }[]>();

  it('opens a ready review: frozen evidence, gatekeepers other than the owner, a chair, inbox items', async () => {
    const id = await initiative();
    const reviewId = await requestReview(app, cast.owner, id);
    const review = await waitForStatus(app, cast.chair.token, reviewId, 'scoring');
    expect(review.gatekeeperIds.sort()).toEqual(cast.gatekeepers.map((g) => g.id).sort());
    expect(review.gatekeeperIds).not.toContain(cast.owner.id);
    expect(review.chairId).toBe(cast.chair.id);
    expect(review.evidenceHash).toMatch(/^[0-9a-f]{64}$/);
    const evidence = (
      await app.request({ url: `/api/reviews/${reviewId}/evidence`, token: cast.gatekeepers[0]?.token })
    ).json<{ content: { initiative: { id: string } }; contentHash: string }>();
    expect(evidence.content.initiative.id).toBe(id);
    expect(evidence.contentHash).toBe(review.evidenceHash);
    await expect(
      app.dataSource.query(`UPDATE evidence_snapshots SET content = '{}' WHERE review_id = $1`, [reviewId]),
    ).rejects.toThrow(/frozen/);
    for (const gatekeeper of cast.gatekeepers) {
      expect(await inboxOf(gatekeeper.token)).toContainEqual(
        expect.objectContaining({ kind: 'score_review', subjectId: reviewId }),
      );
    }
    const again = await app.request({ method: 'POST', url: `/api/initiatives/${id}/reviews`, token: cast.owner.token });
    expect(again.status).toBe(409);
    expect(again.json()).toMatchObject({ code: 'GATES.REVIEW_ALREADY_OPEN' });
  });

  it('a review with open deliverables is not ready, and says which', async () => {
    const id = await initiative(false);
    const reviewId = await requestReview(app, cast.owner, id);
    const review = await waitForStatus(app, cast.owner.token, reviewId, 'not_ready');
    expect(review.readiness).toMatchObject({
      ready: false,
      openDeliverables: ['opportunity_statement', 'concept_description', 'assumption_map'],
    });
    expect(await inboxOf(cast.owner.token)).toContainEqual(
      expect.objectContaining({ kind: 'review_not_ready', subjectId: reviewId }),
    );
  });

  it('scores, proposes and decides Go: the initiative moves to experiment with its history', async () => {
    const id = await initiative();
    const reviewId = await reviewAwaitingDecision(app, cast, id, 8);
    const review = await reviewOf(app, cast.chair.token, reviewId);
    expect(review.outcome).toMatchObject({ passed: true, proposal: 'go', weightedMean: 8 });
    expect(await inboxOf(cast.chair.token)).toContainEqual(
      expect.objectContaining({ kind: 'decide_review', subjectId: reviewId }),
    );
    expect(await inboxOf(cast.gatekeepers[0]?.token ?? '')).not.toContainEqual(
      expect.objectContaining({ kind: 'score_review', subjectId: reviewId }),
    );

    const decided = await app.request({
      method: 'POST',
      url: `/api/reviews/${reviewId}/decision`,
      token: cast.chair.token,
      body: { decision: 'go', reason: 'strong evidence' },
    });
    expect(decided.status).toBe(200);
    await expect(stateOf(id)).resolves.toEqual({ stage: 'experiment', status: 'active' });
    const history = (await app.dataSource.query(
      `SELECT kind, from_stage, to_stage, decision, review_id, actor_id FROM stage_events WHERE initiative_id = $1 ORDER BY seq`,
      [id],
    )) as object[];
    expect(history).toEqual([
      expect.objectContaining({ kind: 'created', to_stage: 'explore' }),
      {
        kind: 'decision',
        from_stage: 'explore',
        to_stage: 'experiment',
        decision: 'go',
        review_id: reviewId,
        actor_id: cast.chair.id,
      },
    ]);
    const events = (await app.dataSource.query(
      `SELECT event_type FROM outbox_events WHERE aggregate_id = $1 ORDER BY occurred_at`,
      [id],
    )) as { event_type: string }[];
    expect(events.map((e) => e.event_type)).toContain('portfolio.stage-changed');
  });

  it('a knock-out refuses Go; Recycle keeps the initiative in its stage', async () => {
    const id = await initiative();
    const reviewId = await reviewAwaitingDecision(app, cast, id, 9, false);
    expect((await reviewOf(app, cast.chair.token, reviewId)).outcome).toMatchObject({
      passed: false,
      proposal: 'recycle',
    });
    const go = await app.request({
      method: 'POST',
      url: `/api/reviews/${reviewId}/decision`,
      token: cast.chair.token,
      body: { decision: 'go' },
    });
    expect(go.status).toBe(409);
    expect(go.json()).toMatchObject({ code: 'GATES.GATE_NOT_PASSED' });
    await expect(
      app.request({
        method: 'POST',
        url: `/api/reviews/${reviewId}/decision`,
        token: cast.chair.token,
        body: { decision: 'recycle', reason: 'fix the fit' },
      }),
    ).resolves.toMatchObject({ status: 200 });
    await expect(stateOf(id)).resolves.toEqual({ stage: 'explore', status: 'active' });
  });

  it('Conditional Go: its conditions block the next gate until they are met', async () => {
    const id = await initiative();
    const reviewId = await reviewAwaitingDecision(app, cast, id, 7);
    const noConditions = await app.request({
      method: 'POST',
      url: `/api/reviews/${reviewId}/decision`,
      token: cast.chair.token,
      body: { decision: 'conditional_go' },
    });
    expect(noConditions.status).toBe(422);
    expect(noConditions.json()).toMatchObject({ errors: [{ field: 'conditions' }] });
    await app.request({
      method: 'POST',
      url: `/api/reviews/${reviewId}/decision`,
      token: cast.chair.token,
      body: { decision: 'conditional_go', conditions: [{ text: 'Interview ten more customers' }] },
    });
    await expect(stateOf(id)).resolves.toEqual({ stage: 'experiment', status: 'active' });
    const blocked = await app.request({
      method: 'POST',
      url: `/api/initiatives/${id}/reviews`,
      token: cast.owner.token,
    });
    expect(blocked.json()).toMatchObject({ status: 409, code: 'GATES.CONDITIONS_OPEN' });
    const [condition] = (await app.request({ url: `/api/initiatives/${id}/conditions`, token: cast.owner.token })).json<
      { id: string }[]
    >();
    const met = await app.request({
      method: 'POST',
      url: `/api/conditions/${condition?.id}/met`,
      token: cast.owner.token,
      body: { note: 'done, see log' },
    });
    expect(met.json()).toMatchObject({ metNote: 'done, see log', metAt: expect.any(String) });
    await expect(
      app.request({ method: 'POST', url: `/api/initiatives/${id}/reviews`, token: cast.owner.token }),
    ).resolves.toMatchObject({ status: 202 });
  });

  it('Kill needs a reason and is terminal', async () => {
    const id = await initiative();
    const reviewId = await reviewAwaitingDecision(app, cast, id, 2);
    const bare = await app.request({
      method: 'POST',
      url: `/api/reviews/${reviewId}/decision`,
      token: cast.chair.token,
      body: { decision: 'kill' },
    });
    expect(bare.json()).toMatchObject({ status: 422, errors: [{ field: 'reason' }] });
    await app.request({
      method: 'POST',
      url: `/api/reviews/${reviewId}/decision`,
      token: cast.chair.token,
      body: { decision: 'kill', reason: 'no market' },
    });
    await expect(stateOf(id)).resolves.toEqual({ stage: 'explore', status: 'killed' });
    const after = await app.request({ method: 'POST', url: `/api/initiatives/${id}/reviews`, token: cast.owner.token });
    expect(after.json()).toMatchObject({ status: 409, code: 'GATES.INITIATIVE_NOT_ACTIVE' });
  });

  it('Hold comes back for a decision when it expires: a job resumes it and opens a new review', async () => {
    const id = await initiative();
    const reviewId = await reviewAwaitingDecision(app, cast, id, 8);
    const past = await app.request({
      method: 'POST',
      url: `/api/reviews/${reviewId}/decision`,
      token: cast.chair.token,
      body: { decision: 'hold', holdUntil: '2020-01-01T00:00:00Z' },
    });
    expect(past.json()).toMatchObject({ status: 422, errors: [{ field: 'holdUntil' }] });
    const holdUntil = new Date(Date.now() + 1500).toISOString();
    await app.request({
      method: 'POST',
      url: `/api/reviews/${reviewId}/decision`,
      token: cast.chair.token,
      body: { decision: 'hold', holdUntil },
    });
    await expect(stateOf(id)).resolves.toEqual({ stage: 'explore', status: 'on_hold' });
    const reviews = await (async () => {
      const deadline = Date.now() + 15_000;
      for (;;) {
        const list = (await app.request({ url: `/api/initiatives/${id}/reviews`, token: cast.owner.token })).json<
          { id: string; status: string }[]
        >();
        if (list.length === 2 && list[1]?.status === 'scoring') return list;
        if (Date.now() > deadline) return list;
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    expect(reviews.map((r) => r.status)).toEqual(['decided', 'scoring']);
    await expect(stateOf(id)).resolves.toEqual({ stage: 'explore', status: 'active' });
    const kinds = (await app.dataSource.query(`SELECT kind FROM stage_events WHERE initiative_id = $1 ORDER BY seq`, [
      id,
    ])) as { kind: string }[];
    expect(kinds.map((k) => k.kind)).toEqual(['created', 'decision', 'hold_expired']);
  });

  // Last: it adds a gatekeeper, which would change later assignments.
  it('only the owner asks, only assigned gatekeepers score (once), only the chair decides', async () => {
    const id = await initiative();
    const denied = await app.request({
      method: 'POST',
      url: `/api/initiatives/${id}/reviews`,
      token: cast.outsider.token,
    });
    expect(denied.json()).toMatchObject({ status: 403, code: 'PORTFOLIO.NOT_OWNER' });
    const reviewId = await requestReview(app, cast.owner, id);
    await waitForStatus(app, cast.chair.token, reviewId, 'scoring');
    // Joins after the assignment, so is a gatekeeper but not this review's.
    const unassigned = await app.newUser(['gatekeeper'], 'late-gatekeeper');
    const stranger = await app.request({
      method: 'POST',
      url: `/api/reviews/${reviewId}/scorecards`,
      token: unassigned.token,
      body: g1Scorecard(5),
    });
    expect(stranger.json()).toMatchObject({ status: 403, code: 'GATES.NOT_ASSIGNED' });
    const gk = cast.gatekeepers[0]?.token;
    const incomplete = await app.request({
      method: 'POST',
      url: `/api/reviews/${reviewId}/scorecards`,
      token: gk,
      body: { mustMeet: [], shouldMeet: [] },
    });
    expect(incomplete.json()).toMatchObject({ status: 422, code: 'GATES.INVALID_SCORECARD' });
    await expect(
      app.request({ method: 'POST', url: `/api/reviews/${reviewId}/scorecards`, token: gk, body: g1Scorecard(5) }),
    ).resolves.toMatchObject({ status: 201 });
    const twice = await app.request({
      method: 'POST',
      url: `/api/reviews/${reviewId}/scorecards`,
      token: gk,
      body: g1Scorecard(9),
    });
    expect(twice.json()).toMatchObject({ status: 409, code: 'GATES.ALREADY_SCORED' });
    const early = await app.request({
      method: 'POST',
      url: `/api/reviews/${reviewId}/decision`,
      token: cast.chair.token,
      body: { decision: 'recycle' },
    });
    expect(early.json()).toMatchObject({ status: 409, code: 'GATES.REVIEW_NOT_AWAITING_DECISION' });
    const otherLeader = await app.newUser(['leadership'], 'other-leader');
    await app.request({
      method: 'POST',
      url: `/api/reviews/${reviewId}/scorecards`,
      token: cast.gatekeepers[1]?.token,
      body: g1Scorecard(5),
    });
    await waitForStatus(app, cast.chair.token, reviewId, 'awaiting_decision');
    const notChair = await app.request({
      method: 'POST',
      url: `/api/reviews/${reviewId}/decision`,
      token: otherLeader.token,
      body: { decision: 'recycle' },
    });
    expect(notChair.json()).toMatchObject({ status: 403, code: 'GATES.NOT_CHAIR' });
    const gatekeeperDecides = await app.request({
      method: 'POST',
      url: `/api/reviews/${reviewId}/decision`,
      token: gk,
      body: { decision: 'recycle' },
    });
    expect(gatekeeperDecides.status).toBe(403);
  });
});
