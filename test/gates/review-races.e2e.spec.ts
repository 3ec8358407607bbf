import { verifyAuditTrail } from '@ambidex/platform';
import { eventually, newInitiative, obliterateQueues } from '@ambidex/testing';
import { TestApp, TestResponse } from '../support/test-app';
import { Cast, castFor, count, g1Scorecard, requestReview, reviewAwaitingDecision, waitForStatus } from './support';

/**
 * Gate reviews stay correct under concurrency, on real PostgreSQL and Redis with a live worker: requests that race
 * go through HTTP.
 */

type Row = Record<string, unknown>;

const statuses = (responses: TestResponse[]): number[] => responses.map((r) => r.status).sort((a, b) => a - b);
const conflictOf = (responses: TestResponse[]): TestResponse | undefined => responses.find((r) => r.status === 409);

describe('gate reviews under concurrency (live worker)', () => {
  let app: TestApp;
  let cast: Cast;

  beforeAll(async () => {
    app = await TestApp.startIsolated({ worker: true });
    cast = await castFor(app);
  });
  afterAll(async () => {
    await app?.close();
    if (app !== undefined) await obliterateQueues(app.config);
  });

  const initiative = (): Promise<string> =>
    newInitiative(app.dataSource, { ownerId: cast.owner.id, deliverablesDone: true });
  const post = (url: string, token: string, body?: unknown): Promise<TestResponse> =>
    app.request({ method: 'POST', url, token, ...(body === undefined ? {} : { body }) });

  it('two review requests at once for the same initiative and gate: one 202, one 409, one open review', async () => {
    // A few rounds, so the two requests really overlap at least some of the time.
    for (let round = 0; round < 5; round++) {
      const id = await initiative();
      const responses = await Promise.all([
        post(`/api/initiatives/${id}/reviews`, cast.owner.token),
        post(`/api/initiatives/${id}/reviews`, cast.owner.token),
      ]);
      expect(statuses(responses)).toEqual([202, 409]);
      expect(conflictOf(responses)?.json()).toMatchObject({ code: 'GATES.REVIEW_ALREADY_OPEN' });
      expect(await count(app, `SELECT 1 FROM gate_reviews WHERE initiative_id = $1`, [id])).toBe(1);
      expect(
        await count(
          app,
          `SELECT 1 FROM gate_reviews WHERE initiative_id = $1 AND status IN ('requested', 'scoring', 'awaiting_decision')`,
          [id],
        ),
      ).toBe(1);
      expect(
        await count(app, `SELECT 1 FROM audit_entries WHERE entity_id = $1 AND action = 'gates.review.requested'`, [
          id,
        ]),
      ).toBe(1);
      expect(
        await count(
          app,
          `SELECT 1 FROM outbox_events WHERE event_type = 'gates.review-requested' AND payload->>'initiativeId' = $1`,
          [id],
        ),
      ).toBe(1);
    }
  });

  it.each([
    [{ decision: 'go' }, { decision: 'recycle' }],
    [{ decision: 'kill', reason: 'no market' }, { decision: 'go' }],
    [{ decision: 'recycle' }, { decision: 'hold', holdUntil: new Date(Date.now() + 86_400_000).toISOString() }],
  ])(
    'the chair deciding twice at once (%j and %j): one 200, one 409, one decision with its history, audit and outbox',
    async (first, second) => {
      const id = await initiative();
      const reviewId = await reviewAwaitingDecision(app, cast, id, 8);
      const url = `/api/reviews/${reviewId}/decision`;
      const responses = await Promise.all([post(url, cast.chair.token, first), post(url, cast.chair.token, second)]);
      expect(statuses(responses)).toEqual([200, 409]);
      expect(conflictOf(responses)?.json()).toMatchObject({ code: 'GATES.REVIEW_NOT_AWAITING_DECISION' });
      const winner = responses[0]?.status === 200 ? first : second;

      const [review] = (await app.dataSource.query(`SELECT status, decision FROM gate_reviews WHERE id = $1`, [
        reviewId,
      ])) as Row[];
      expect(review).toEqual({ status: 'decided', decision: winner.decision });
      const decisions = (await app.dataSource.query(
        `SELECT decision FROM stage_events WHERE review_id = $1 AND kind = 'decision'`,
        [reviewId],
      )) as Row[];
      expect(decisions).toEqual([{ decision: winner.decision }]);
      expect(await count(app, `SELECT 1 FROM stage_events WHERE initiative_id = $1`, [id])).toBe(2);
      expect(
        await count(app, `SELECT 1 FROM audit_entries WHERE entity_id = $1 AND action = 'gates.review.decided'`, [
          reviewId,
        ]),
      ).toBe(1);
      expect(
        await count(
          app,
          `SELECT 1 FROM audit_entries WHERE entity_id = $1 AND action LIKE 'portfolio.initiative.decision.%'`,
          [id],
        ),
      ).toBe(1);
      expect(
        await count(
          app,
          `SELECT 1 FROM outbox_events WHERE event_type = 'portfolio.stage-changed' AND payload->>'reviewId' = $1`,
          [reviewId],
        ),
      ).toBe(1);
      expect(
        await count(
          app,
          `SELECT 1 FROM outbox_events WHERE event_type = 'gates.review-decided' AND aggregate_id = $1`,
          [reviewId],
        ),
      ).toBe(1);
    },
  );

  it('the two last scorecards at once: both 201, the review reaches awaiting_decision once', async () => {
    const id = await initiative();
    const reviewId = await requestReview(app, cast.owner, id);
    await waitForStatus(app, cast.chair.token, reviewId, 'scoring');
    const responses = await Promise.all(
      cast.gatekeepers.map((g) => post(`/api/reviews/${reviewId}/scorecards`, g.token, g1Scorecard(7))),
    );
    expect(statuses(responses)).toEqual([201, 201]);
    // Exactly one of them saw the set complete.
    expect(responses.map((r) => r.json<{ complete: boolean }>().complete).sort()).toEqual([false, true]);
    await waitForStatus(app, cast.chair.token, reviewId, 'awaiting_decision');
    expect(
      await count(
        app,
        `SELECT 1 FROM outbox_events WHERE event_type = 'gates.scorecards-complete' AND aggregate_id = $1`,
        [reviewId],
      ),
    ).toBe(1);
    // The completion event is delivered, and the outcome job has run, exactly once.
    const processed = await eventually(
      () => count(app, `SELECT 1 FROM outbox_events WHERE aggregate_id = $1 AND processed_at IS NULL`, [reviewId]),
      (n) => n === 0,
    );
    expect(processed).toBe(0);
    expect(await count(app, `SELECT 1 FROM scorecards WHERE review_id = $1`, [reviewId])).toBe(2);
    expect(
      await count(
        app,
        `SELECT 1 FROM audit_entries WHERE action = 'gates.review.outcome' AND after->>'reviewId' = $1`,
        [reviewId],
      ),
    ).toBe(1);
    expect(
      await count(app, `SELECT 1 FROM inbox_items WHERE subject_id = $1 AND kind = 'decide_review'`, [reviewId]),
    ).toBe(1);
  });

  it('the same gatekeeper submitting twice at once: one 201, one 409, one scorecard', async () => {
    const id = await initiative();
    const reviewId = await requestReview(app, cast.owner, id);
    await waitForStatus(app, cast.chair.token, reviewId, 'scoring');
    const gatekeeper = cast.gatekeepers[0];
    if (gatekeeper === undefined) throw new Error('no gatekeeper');
    const url = `/api/reviews/${reviewId}/scorecards`;
    const responses = await Promise.all([
      post(url, gatekeeper.token, g1Scorecard(4)),
      post(url, gatekeeper.token, g1Scorecard(9)),
    ]);
    expect(statuses(responses)).toEqual([201, 409]);
    expect(conflictOf(responses)?.json()).toMatchObject({ code: 'GATES.ALREADY_SCORED' });
    expect(await count(app, `SELECT 1 FROM scorecards WHERE review_id = $1`, [reviewId])).toBe(1);
    expect(
      await count(
        app,
        `SELECT 1 FROM audit_entries WHERE action = 'gates.scorecard.submitted' AND after->>'reviewId' = $1`,
        [reviewId],
      ),
    ).toBe(1);
    expect(
      await count(
        app,
        `SELECT 1 FROM outbox_events WHERE event_type = 'gates.scorecards-complete' AND aggregate_id = $1`,
        [reviewId],
      ),
    ).toBe(0);
    const [review] = (await app.dataSource.query(`SELECT status FROM gate_reviews WHERE id = $1`, [reviewId])) as Row[];
    expect(review).toEqual({ status: 'scoring' });
  });

  it('the audit chains still verify after all of it', async () => {
    const result = await app.dataSource.transaction('REPEATABLE READ', (em) => verifyAuditTrail(em));
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
  });
});
