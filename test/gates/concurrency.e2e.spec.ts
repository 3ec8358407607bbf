import {
  ComputeGateOutcome,
  GATES_QUEUE,
  GatesSweeper,
  HoldExpiry,
  PrepareGateReview,
  ReviewDeadlines,
} from '@ambidex/gates';
import { DomainEventDelivery, QueueProducer, verifyAuditTrail } from '@ambidex/platform';
import { eventually, newInitiative, obliterateQueues } from '@ambidex/testing';
import { TestApp, TestResponse } from '../support/test-app';
import { Cast, castFor, g1Scorecard, requestReview, reviewAwaitingDecision, waitForStatus } from './support';

/**
 * Gate reviews stay correct under concurrency and retries, on real PostgreSQL and Redis.
 * Requests that race go through HTTP; job handlers are called directly, twice, to show a retried job changes nothing.
 */

type Row = Record<string, unknown>;

async function count(app: TestApp, sql: string, params: unknown[] = []): Promise<number> {
  const [row] = (await app.dataSource.query(`SELECT count(*)::int AS n FROM (${sql}) AS q`, params)) as { n: number }[];
  return row?.n ?? 0;
}

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

/**
 * Every job handler run twice (as BullMQ does after a stalled or retried job) changes nothing the second time.
 * No worker here: the handlers are called directly, so nothing else runs them in between.
 */
describe('gate review jobs run twice are idempotent', () => {
  let app: TestApp;
  let cast: Cast;

  const TABLES = [
    'gate_reviews',
    'gate_review_assignments',
    'evidence_snapshots',
    'scorecards',
    'gate_conditions',
    'inbox_items',
    'audit_entries',
    'audit_chain_heads',
    'stage_events',
    'outbox_events',
    'initiatives',
  ];

  /** Row counts of every table a gate job writes, and a digest of the rows it updates in place. */
  async function snapshot(): Promise<Row> {
    const counts: Row = {};
    for (const table of TABLES) counts[table] = await app.count(table);
    const [digest] = (await app.dataSource.query(
      `SELECT (SELECT md5(coalesce(string_agg(id || status || version || coalesce(escalated_at::text, ''), ',' ORDER BY id), '')) FROM gate_reviews) AS reviews,
              (SELECT md5(coalesce(string_agg(id || stage || status || version, ',' ORDER BY id), '')) FROM initiatives) AS initiatives,
              (SELECT md5(coalesce(string_agg(id || coalesce(done_at::text, ''), ',' ORDER BY id), '')) FROM inbox_items) AS inbox,
              (SELECT md5(coalesce(string_agg(id || coalesce(processed_at::text, ''), ',' ORDER BY id), '')) FROM outbox_events) AS outbox`,
    )) as Row[];
    return { ...counts, ...digest };
  }

  beforeAll(async () => {
    app = await TestApp.startIsolated();
    cast = await castFor(app);
  });
  afterAll(async () => {
    await app?.close();
    if (app !== undefined) await obliterateQueues(app.config);
  });

  const initiative = (): Promise<string> =>
    newInitiative(app.dataSource, { ownerId: cast.owner.id, deliverablesDone: true });
  const prepare = (): PrepareGateReview => app.app.get(PrepareGateReview);
  const outcome = (): ComputeGateOutcome => app.app.get(ComputeGateOutcome);

  /** Requested through HTTP; with no worker, nothing prepares it but the test. */
  async function requested(): Promise<{ id: string; reviewId: string }> {
    const id = await initiative();
    return { id, reviewId: await requestReview(app, cast.owner, id) };
  }

  async function scoring(): Promise<{ id: string; reviewId: string }> {
    const r = await requested();
    expect(await prepare().run(r.reviewId)).toBe('opened');
    return r;
  }

  async function scored(): Promise<{ id: string; reviewId: string }> {
    const r = await scoring();
    for (const gatekeeper of cast.gatekeepers) {
      const response = await app.request({
        method: 'POST',
        url: `/api/reviews/${r.reviewId}/scorecards`,
        token: gatekeeper.token,
        body: g1Scorecard(8),
      });
      expect(response.status).toBe(201);
    }
    return r;
  }

  it('prepare-review: the second run is skipped and adds no assignment, snapshot, inbox item, audit entry or event', async () => {
    const { reviewId } = await requested();
    expect(await prepare().run(reviewId)).toBe('opened');
    const once = await snapshot();
    expect(await count(app, `SELECT 1 FROM gate_review_assignments WHERE review_id = $1`, [reviewId])).toBe(2);
    expect(await count(app, `SELECT 1 FROM evidence_snapshots WHERE review_id = $1`, [reviewId])).toBe(1);
    expect(await prepare().run(reviewId)).toBe('skipped');
    expect(await snapshot()).toEqual(once);
  });

  it('prepare-review run twice at the same time: one opens it, the other skips', async () => {
    const { reviewId } = await requested();
    const results = await Promise.all([prepare().run(reviewId), prepare().run(reviewId)]);
    expect(results.sort()).toEqual(['opened', 'skipped']);
    expect(await count(app, `SELECT 1 FROM gate_review_assignments WHERE review_id = $1`, [reviewId])).toBe(2);
    expect(
      await count(app, `SELECT 1 FROM inbox_items WHERE subject_id = $1 AND kind = 'score_review'`, [reviewId]),
    ).toBe(2);
    expect(
      await count(app, `SELECT 1 FROM audit_entries WHERE action = 'gates.review.opened' AND after->>'reviewId' = $1`, [
        reviewId,
      ]),
    ).toBe(1);
  });

  it('deliver-event: a review-requested event delivered twice enqueues one prepare job', async () => {
    const { reviewId } = await requested();
    const [event] = (await app.dataSource.query(
      `SELECT id FROM outbox_events WHERE event_type = 'gates.review-requested' AND aggregate_id = $1`,
      [reviewId],
    )) as { id: string }[];
    const delivery = app.app.get(DomainEventDelivery);
    const gates = app.app.get(QueueProducer).queue(GATES_QUEUE);
    expect(await delivery.deliver(event?.id ?? '')).toBe('delivered');
    const once = await snapshot();
    const jobs = await gates.getJobCounts();
    expect(await gates.getJob(`prepare-${reviewId}`)).toMatchObject({ name: 'prepare-review', data: { reviewId } });
    expect(await delivery.deliver(event?.id ?? '')).toBe('already-processed');
    expect(await snapshot()).toEqual(once);
    expect(await gates.getJobCounts()).toEqual(jobs);
  });

  it('compute-outcome: the second run returns null and changes nothing', async () => {
    const { reviewId } = await scored();
    const first = await outcome().run(reviewId);
    expect(first).toMatchObject({ passed: true, proposal: 'go' });
    const once = await snapshot();
    expect(await outcome().run(reviewId)).toBeNull();
    expect(await snapshot()).toEqual(once);
    expect(
      await count(
        app,
        `SELECT 1 FROM audit_entries WHERE action = 'gates.review.outcome' AND after->>'reviewId' = $1`,
        [reviewId],
      ),
    ).toBe(1);
  });

  it('compute-outcome run twice at the same time: one outcome', async () => {
    const { reviewId } = await scored();
    const results = await Promise.all([outcome().run(reviewId), outcome().run(reviewId)]);
    expect(results.filter((r) => r === null)).toHaveLength(1);
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

  it('review-reminder: the second run adds no inbox item', async () => {
    const { reviewId } = await scoring();
    const deadlines = app.app.get(ReviewDeadlines);
    expect(await deadlines.remind(reviewId)).toBe(2);
    const once = await snapshot();
    await deadlines.remind(reviewId);
    expect(await snapshot()).toEqual(once);
    expect(
      await count(app, `SELECT 1 FROM inbox_items WHERE subject_id = $1 AND kind = 'review_reminder'`, [reviewId]),
    ).toBe(2);
  });

  it('review-escalation past the deadline: the second run returns false and changes nothing', async () => {
    const { reviewId } = await scoring();
    const deadlines = app.app.get(ReviewDeadlines);
    // Not due yet: nothing happens.
    expect(await deadlines.escalate(reviewId)).toBe(false);
    await app.dataSource.query(`UPDATE gate_reviews SET deadline_at = now() - interval '1 minute' WHERE id = $1`, [
      reviewId,
    ]);
    expect(await deadlines.escalate(reviewId)).toBe(true);
    const once = await snapshot();
    expect(await deadlines.escalate(reviewId)).toBe(false);
    expect(await snapshot()).toEqual(once);
    expect(
      await count(app, `SELECT 1 FROM inbox_items WHERE subject_id = $1 AND kind = 'review_overdue'`, [reviewId]),
    ).toBe(1);
    expect(
      await count(
        app,
        `SELECT 1 FROM audit_entries WHERE action = 'gates.review.escalated' AND after->>'reviewId' = $1`,
        [reviewId],
      ),
    ).toBe(1);
  });

  it('hold-expired: the second run is skipped; one resumption, one new review, one history event', async () => {
    const { id, reviewId } = await scored();
    expect(await outcome().run(reviewId)).not.toBeNull();
    const holdUntil = new Date(Date.now() + 3_600_000).toISOString();
    const decided = await app.request({
      method: 'POST',
      url: `/api/reviews/${reviewId}/decision`,
      token: cast.chair.token,
      body: { decision: 'hold', holdUntil },
    });
    expect(decided.status).toBe(200);
    const holds = app.app.get(HoldExpiry);
    // Not expired yet: nothing happens.
    expect(await holds.run(reviewId)).toBe('skipped');
    await app.dataSource.query(`UPDATE initiatives SET hold_until = now() - interval '1 second' WHERE id = $1`, [id]);
    await app.dataSource.query(`UPDATE gate_reviews SET hold_until = now() - interval '1 second' WHERE id = $1`, [
      reviewId,
    ]);
    expect(await holds.run(reviewId)).toBe('resumed');
    const once = await snapshot();
    expect(await holds.run(reviewId)).toBe('skipped');
    expect(await snapshot()).toEqual(once);
    const kinds = (await app.dataSource.query(`SELECT kind FROM stage_events WHERE initiative_id = $1 ORDER BY seq`, [
      id,
    ])) as { kind: string }[];
    expect(kinds.map((k) => k.kind)).toEqual(['created', 'decision', 'hold_expired']);
    const reviews = (await app.dataSource.query(
      `SELECT status FROM gate_reviews WHERE initiative_id = $1 ORDER BY requested_at`,
      [id],
    )) as Row[];
    expect(reviews).toEqual([{ status: 'decided' }, { status: 'requested' }]);
  });

  it('sweep-gates: a second sweep right after the first changes nothing', async () => {
    const sweeper = app.app.get(GatesSweeper);
    await sweeper.sweep();
    const once = await snapshot();
    expect(await sweeper.sweep()).toEqual({ prepared: 0, outcomes: 0, escalated: 0, holdsExpired: 0 });
    expect(await snapshot()).toEqual(once);
  });

  it('the audit chains still verify', async () => {
    const result = await app.dataSource.transaction('REPEATABLE READ', (em) => verifyAuditTrail(em));
    expect(result.problems).toEqual([]);
  });
});
