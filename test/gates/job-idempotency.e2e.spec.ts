import {
  ComputeGateOutcome,
  GATES_QUEUE,
  GatesSweeper,
  HoldExpiry,
  PrepareGateReview,
  ReviewDeadlines,
} from '@ambidex/gates';
import { DomainEventDelivery, OutboxRelay, QueueProducer, verifyAuditTrail } from '@ambidex/platform';
import { newInitiative, obliterateQueues } from '@ambidex/testing';
import { TestApp } from '../support/test-app';
import { Cast, castFor, count, g1Scorecard, requestReview } from './support';

type Row = Record<string, unknown>;

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

  it('relay and deliver-event: a review-requested event relayed and delivered twice enqueues one prepare job', async () => {
    const { reviewId } = await requested();
    const [event] = (await app.dataSource.query(
      `SELECT id FROM outbox_events WHERE event_type = 'gates.review-requested' AND aggregate_id = $1`,
      [reviewId],
    )) as { id: string }[];
    const eventId = event?.id ?? '';
    const relay = app.app.get(OutboxRelay);
    const delivery = app.app.get(DomainEventDelivery);
    const gates = app.app.get(QueueProducer).queue(GATES_QUEUE);
    // The prepare job is recorded with the event: the relay queues it, the handlers (insights) get the event.
    await relay.publishPending();
    expect(await delivery.deliver(eventId)).toBe('delivered');
    const once = await snapshot();
    const jobs = await gates.getJobCounts();
    expect(await gates.getJob(`prepare-${reviewId}`)).toMatchObject({ name: 'prepare-review', data: { reviewId } });
    // Relayed again (a crash before the relay's commit) and delivered again.
    await app.dataSource.query(`UPDATE outbox_events SET published_at = NULL WHERE id = $1`, [eventId]);
    await relay.publishPending();
    expect(await delivery.deliver(eventId)).toBe('already-processed');
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
