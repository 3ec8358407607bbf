import { PeriodicReviewSweep } from '@ambidex/qms';
import { TEST_PASSWORD, TestResponse, TestUser } from '../support/test-app';
import { Doc, HandoverRaceKit, Row, statuses } from './race-kit';

interface PeriodicReview {
  dueAt: string | null;
  state: string;
  intervalMonths: number | null;
  reviews: {
    outcome: string;
    dueAt: string;
    nextDueAt: string | null;
    changeRequestId: string | null;
    signature: { meaning: string; status: string } | null;
  }[];
}

/**
 * Periodic review of controlled documents (ISO 9001 7.5.2/7.5.3): the due date set on effectivity, the sweep's
 * reminder and escalation (once each per due date), recording a review, rights, bad input and the race.
 */
describe('periodic review of controlled documents (real PostgreSQL + Redis, live worker)', () => {
  let kit: HandoverRaceKit;
  let docs: Doc[];
  let gatekeeper: TestUser;

  beforeAll(async () => {
    kit = await HandoverRaceKit.start();
    docs = await kit.effectiveDocuments();
    gatekeeper = kit.cast.gatekeepers[0] as TestUser;
  }, 90_000);
  afterAll(() => kit?.close());

  const docAt = (i: number): Doc => docs[i] as Doc;
  const reviewOf = async (id: string): Promise<PeriodicReview> =>
    (await kit.app.request({ url: `/api/documents/${id}`, token: kit.cast.owner.token })).json<{
      periodicReview: PeriodicReview;
    }>().periodicReview;
  const dueAtOf = async (id: string): Promise<string> =>
    (
      await kit.q<{ due: Date }>(`SELECT review_due_at AS due FROM controlled_documents WHERE id = $1`, [id])
    )[0]?.due.toISOString() ?? '';
  const record = (user: TestUser, id: string, body: Row): Promise<TestResponse> =>
    kit.post(`/api/documents/${id}/reviews`, user, body);
  const stillValid = async (user: TestUser, id: string): Promise<TestResponse> =>
    record(user, id, { outcome: 'still_valid', dueAt: await dueAtOf(id), password: TEST_PASSWORD, comment: 'checked' });
  const inboxOf = (id: string, kind: string): Promise<{ user_id: string; done: boolean }[]> =>
    kit.q(`SELECT user_id, done_at IS NOT NULL AS done FROM inbox_items WHERE subject_id = $1 AND kind = $2`, [
      id,
      kind,
    ]);
  const sweep = (): Promise<unknown> => kit.app.app.get(PeriodicReviewSweep).sweep();

  it('a revision becoming effective sets review_due_at: its effective date plus the type’s interval', async () => {
    const rows = await kit.q<{ document_type: string; months: number; matches: boolean }>(
      `SELECT d.document_type, i.interval_months AS months,
              d.review_due_at = date_trunc('second', r.effective_at + make_interval(months => i.interval_months)) AS matches
         FROM controlled_documents d JOIN document_revisions r ON r.document_id = d.id AND r.state = 'effective'
         JOIN document_review_intervals i ON i.document_type = d.document_type
        WHERE d.id = ANY($1::uuid[]) ORDER BY d.document_type`,
      [docs.map((d) => d.id)],
    );
    expect(rows).toEqual([
      { document_type: 'control_plan', months: 12, matches: true },
      { document_type: 'procedure', months: 24, matches: true },
      { document_type: 'specification', months: 24, matches: true },
      { document_type: 'work_instruction', months: 12, matches: true },
    ]);
    const review = await reviewOf(docAt(1).id);
    expect(review).toMatchObject({
      state: 'scheduled',
      intervalMonths: 24,
      reviews: [],
      dueAt: await dueAtOf(docAt(1).id),
    });
    const listed = (await kit.app.request({ url: '/api/documents', token: kit.cast.owner.token })).json<
      { id: string; reviewDueAt: string | null; reviewState: string }[]
    >();
    expect(listed.find((d) => d.id === docAt(1).id)).toMatchObject({ reviewState: 'scheduled' });
  });

  it('the sweep reminds the owner once ahead of the date, and escalates to quality heads once when overdue', async () => {
    const doc = docAt(1);
    await kit.q(
      `UPDATE controlled_documents SET review_due_at = date_trunc('second', now() + interval '10 days') WHERE id = $1`,
      [doc.id],
    );
    await sweep();
    await sweep();
    expect(await inboxOf(doc.id, 'document_review_due')).toEqual([{ user_id: kit.cast.owner.id, done: false }]);
    expect(await inboxOf(doc.id, 'document_review_overdue')).toEqual([]);
    expect((await reviewOf(doc.id)).state).toBe('due_soon');

    // Eleven days pass: the same due date is now overdue.
    await kit.q(
      `UPDATE controlled_documents SET review_due_at = review_due_at - interval '11 days',
              review_reminded_for = review_reminded_for - interval '11 days' WHERE id = $1`,
      [doc.id],
    );
    await sweep();
    await sweep();
    expect(await inboxOf(doc.id, 'document_review_due')).toHaveLength(1);
    const escalated = await inboxOf(doc.id, 'document_review_overdue');
    expect(escalated.map((i) => i.user_id).sort()).toEqual([kit.cast.quality.id, kit.quality2.id].sort());
    expect((await kit.auditActions([doc.id])).filter((e) => e.action === 'qms.document.review-overdue')).toHaveLength(
      1,
    );

    const due = (await kit.app.request({ url: '/api/documents?reviewDue=true', token: kit.cast.owner.token })).json<
      { id: string; reviewState: string }[]
    >();
    expect(due).toEqual([expect.objectContaining({ id: doc.id, reviewState: 'overdue' })]);
  });

  it('still valid, signed by the owner: the next due date is set, the inbox items done, the review audited', async () => {
    const doc = docAt(1);
    const before = await dueAtOf(doc.id);
    const recorded = await stillValid(kit.cast.owner, doc.id);
    expect(recorded.status).toBe(201);
    const review = recorded.json<{ periodicReview: PeriodicReview }>().periodicReview;
    expect(review.state).toBe('scheduled');
    expect(new Date(review.dueAt ?? 0).getTime()).toBeGreaterThan(Date.now() + 700 * 86_400_000);
    expect(review.reviews).toEqual([
      expect.objectContaining({
        outcome: 'still_valid',
        dueAt: before,
        nextDueAt: review.dueAt,
        changeRequestId: null,
        signature: expect.objectContaining({ meaning: 'reviewed', status: 'valid' }),
      }),
    ]);
    const items = [
      ...(await inboxOf(doc.id, 'document_review_due')),
      ...(await inboxOf(doc.id, 'document_review_overdue')),
    ];
    expect(items.every((i) => i.done)).toBe(true);
    const audited = (await kit.auditActions([doc.id])).filter((e) => e.action === 'qms.document.reviewed');
    expect(audited).toEqual([
      expect.objectContaining({
        actor_id: kit.cast.owner.id,
        after: expect.objectContaining({ outcome: 'still_valid' }),
      }),
    ]);
  });

  it('change needed, by a quality head: raises a change request linked to the review; its new revision restarts the clock', async () => {
    const doc = docAt(2);
    const dueAt = await dueAtOf(doc.id);
    const recorded = await record(kit.cast.quality, doc.id, {
      outcome: 'change_needed',
      dueAt,
      reason: 'tolerances changed',
      impact: 'operators retrained',
      proposedTitle: 'Kiosk specification',
      proposedBody: '# Spec\nnew tolerances\n',
    });
    expect(recorded.status).toBe(201);
    const body = recorded.json<{ periodicReview: PeriodicReview; changeRequests: { id: string; status: string }[] }>();
    const changeRequestId = body.periodicReview.reviews[0]?.changeRequestId ?? '';
    expect(body.changeRequests).toEqual([expect.objectContaining({ id: changeRequestId, status: 'open' })]);
    expect(body.periodicReview).toMatchObject({ state: 'change_requested', dueAt });
    expect(
      await kit.q(`SELECT outcome, change_request_id FROM document_reviews WHERE document_id = $1`, [doc.id]),
    ).toEqual([{ outcome: 'change_needed', change_request_id: changeRequestId }]);

    expect((await kit.decideChange(kit.cast.quality, changeRequestId)).status).toBe(200);
    const after = await reviewOf(doc.id);
    // Revision 2 restarts the clock from its own effective date (the same second as revision 1's, at worst).
    expect(after.state).toBe('scheduled');
    expect(
      await kit.q(
        `SELECT r.revision, d.review_due_at = date_trunc('second', r.effective_at + interval '24 months') AS restarted
           FROM controlled_documents d JOIN document_revisions r ON r.document_id = d.id AND r.state = 'effective'
          WHERE d.id = $1`,
        [doc.id],
      ),
    ).toEqual([{ revision: 2, restarted: true }]);
    expect(new Date(after.dueAt ?? 0).getTime()).toBeGreaterThanOrEqual(new Date(dueAt).getTime());
  });

  it('a change needed whose change request is rejected falls due again at once, and can be recorded again', async () => {
    const doc = docAt(0);
    const first = await record(kit.cast.owner, doc.id, {
      outcome: 'change_needed',
      dueAt: await dueAtOf(doc.id),
      reason: 'sampling plan outdated',
      impact: 'inspectors retrained',
      proposedTitle: 'Control plan',
      proposedBody: '# Plan\nnew sampling\n',
    });
    expect(first.status).toBe(201);
    const changeRequestId = first.json<{ periodicReview: PeriodicReview }>().periodicReview.reviews[0]?.changeRequestId;
    const rejected = await kit.decideChange(kit.cast.quality, changeRequestId ?? '', {
      approve: false,
      comment: 'keep it',
    });
    expect(rejected.status).toBe(200);
    const reopened = rejected.json<{ periodicReview: PeriodicReview }>().periodicReview;
    expect(reopened.state).toBe('overdue');
    expect(new Date(reopened.dueAt ?? 0).getTime()).toBeLessThanOrEqual(Date.now());
    await sweep();
    expect(await inboxOf(doc.id, 'document_review_due')).toEqual([{ user_id: kit.cast.owner.id, done: false }]);
    const again = await stillValid(kit.cast.owner, doc.id);
    expect(again.status).toBe(201);
    expect(again.json<{ periodicReview: PeriodicReview }>().periodicReview.state).toBe('scheduled');
  });

  it('rights: a gatekeeper and an innovation lead who does not own it get 403, no session 401; nothing is written', async () => {
    const doc = docAt(3);
    const dueAt = await dueAtOf(doc.id);
    const otherLead = await kit.app.newUser(['innovation_lead'], 'other-lead');
    const body = { outcome: 'still_valid', dueAt, password: TEST_PASSWORD };
    expect((await record(gatekeeper, doc.id, body)).status).toBe(403);
    const notOwner = await record(otherLead, doc.id, body);
    expect(notOwner.status).toBe(403);
    expect(notOwner.json()).toMatchObject({ code: 'QMS.NOT_DOCUMENT_OWNER' });
    const anonymous = await kit.app.request({ method: 'POST', url: `/api/documents/${doc.id}/reviews`, body });
    expect(anonymous.status).toBe(401);
    expect(await kit.count(`SELECT 1 FROM document_reviews WHERE document_id = $1`, [doc.id])).toBe(0);
    expect(await dueAtOf(doc.id)).toBe(dueAt);
    expect((await kit.app.request({ url: '/api/document-review-intervals', token: gatekeeper.token })).status).toBe(
      403,
    );
  });

  it('bad input answers problem+json 4xx and changes nothing', async () => {
    const doc = docAt(3);
    const dueAt = await dueAtOf(doc.id);
    const cases: [Row, number, string][] = [
      [{ outcome: 'maybe', dueAt, password: TEST_PASSWORD }, 422, 'outcome'],
      [{ outcome: 'still_valid', dueAt }, 422, 'password'],
      [{ outcome: 'still_valid', dueAt: 'tomorrow', password: TEST_PASSWORD }, 422, 'dueAt'],
      [{ outcome: 'still_valid', dueAt, password: 'wrong-password' }, 422, 'password'],
      [{ outcome: 'change_needed', dueAt, impact: 'x', proposedTitle: 't', proposedBody: 'b' }, 422, 'reason'],
      [{ outcome: 'still_valid', dueAt, password: TEST_PASSWORD, surprise: 1 }, 422, 'surprise'],
    ];
    for (const [body, status, field] of cases) {
      const refused = await record(kit.cast.owner, doc.id, body);
      expect([refused.status, refused.headers['content-type']]).toEqual([
        status,
        expect.stringContaining('problem+json'),
      ]);
      expect(JSON.stringify(refused.json())).toContain(field);
    }
    const stale = await record(kit.cast.owner, doc.id, {
      outcome: 'still_valid',
      dueAt: new Date(Date.now() - 86_400_000).toISOString(),
      password: TEST_PASSWORD,
    });
    expect([stale.status, stale.json()]).toEqual([
      409,
      expect.objectContaining({ code: 'QMS.REVIEW_ALREADY_RECORDED' }),
    ]);
    const unknown = await record(kit.cast.quality, '00000000-0000-4000-8000-000000000000', {
      outcome: 'still_valid',
      dueAt,
      password: TEST_PASSWORD,
    });
    expect(unknown.status).toBe(404);
    expect(await kit.count(`SELECT 1 FROM document_reviews WHERE document_id = $1`, [doc.id])).toBe(0);
    expect(await kit.count(`SELECT 1 FROM change_requests WHERE document_id = $1`, [doc.id])).toBe(0);
    expect(await dueAtOf(doc.id)).toBe(dueAt);
  });

  it('two reviews recorded at once for one due date: one 201, one 409, one review and one signature', async () => {
    const doc = docAt(3);
    const responses = await kit.heldAtLock(
      `SELECT id FROM controlled_documents WHERE id = $1 FOR UPDATE`,
      [doc.id],
      2,
      async () => Promise.all([stillValid(kit.cast.owner, doc.id), stillValid(kit.cast.quality, doc.id)]),
    );
    expect(statuses(responses)).toEqual([201, 409]);
    expect(responses.find((r) => r.status === 409)?.json()).toMatchObject({ code: 'QMS.REVIEW_ALREADY_RECORDED' });
    expect(await kit.count(`SELECT 1 FROM document_reviews WHERE document_id = $1`, [doc.id])).toBe(1);
    expect(
      await kit.count(
        `SELECT 1 FROM electronic_signatures s JOIN document_reviews r ON r.signature_id = s.id WHERE r.document_id = $1`,
        [doc.id],
      ),
    ).toBe(1);
    expect((await kit.auditActions([doc.id])).filter((e) => e.action === 'qms.document.reviewed')).toHaveLength(1);
  });

  it('review intervals: quality heads and admins change them, others get 403, out of range 422', async () => {
    const list = await kit.app.request({ url: '/api/document-review-intervals', token: kit.cast.quality.token });
    expect(list.json()).toEqual([
      { documentType: 'control_plan', intervalMonths: 12 },
      { documentType: 'procedure', intervalMonths: 24 },
      { documentType: 'specification', intervalMonths: 24 },
      { documentType: 'work_instruction', intervalMonths: 12 },
    ]);
    const patch = (user: TestUser, months: unknown, type = 'procedure'): Promise<TestResponse> =>
      kit.app.request({
        method: 'PATCH',
        url: `/api/document-review-intervals/${type}`,
        token: user.token,
        body: { intervalMonths: months },
      });
    expect((await patch(kit.cast.quality, 36)).json()).toEqual({ documentType: 'procedure', intervalMonths: 36 });
    expect((await patch(kit.admin, 18, 'control_plan')).status).toBe(200);
    expect((await patch(kit.cast.owner, 6)).status).toBe(403);
    expect((await patch(kit.cast.quality, 0)).status).toBe(422);
    expect((await patch(kit.cast.quality, 12, 'memo')).status).toBe(422);
    expect(
      await kit.q(`SELECT document_type, interval_months FROM document_review_intervals ORDER BY document_type`),
    ).toEqual([
      { document_type: 'control_plan', interval_months: 18 },
      { document_type: 'procedure', interval_months: 36 },
      { document_type: 'specification', interval_months: 24 },
      { document_type: 'work_instruction', interval_months: 12 },
    ]);
  });
});
