import { verifyAuditTrail } from '@ambidex/platform';
import { canonicalJson } from '@ambidex/platform/canonical-json';
import { createHash } from 'node:crypto';
import { TEST_PASSWORD, TestApp, TestUser } from '../support/test-app';
import { dateIn, PERIOD, ReviewDriver, ReviewView, section } from './support';

/**
 * Management reviews through the API on real PostgreSQL and Redis with a live worker: scheduled, the pack assembled
 * by its job under the clauses, outputs recorded, signed and frozen (by the use cases and by the database); two
 * leaders signing at once; bad input; access per role.
 */
describe('management reviews (real PostgreSQL + Redis)', () => {
  let app: TestApp;
  let mr: ReviewDriver;
  let leader: TestUser;
  let otherLeader: TestUser;
  let quality: TestUser;
  let auditor: TestUser;
  let lead: TestUser;
  let gatekeeper: TestUser;

  beforeAll(async () => {
    app = await TestApp.startIsolated({ worker: true });
    mr = new ReviewDriver(app);
    leader = await app.newUser(['leadership'], 'leader');
    otherLeader = await app.newUser(['leadership'], 'leader2');
    quality = await app.newUser(['quality_head'], 'quality');
    auditor = await app.newUser(['auditor'], 'auditor');
    lead = await app.newUser(['innovation_lead'], 'lead');
    gatekeeper = await app.newUser(['gatekeeper'], 'gatekeeper');
  }, 60_000);

  afterAll(async () => {
    await app?.close();
  });

  it('schedule → pack job → outputs → sign → frozen', async () => {
    const scheduled = await mr.schedule(leader);
    expect(scheduled.number).toMatch(/^MR-\d{4,}$/);
    expect(scheduled).toMatchObject({ status: 'scheduled', periodFrom: PERIOD.from, periodTo: PERIOD.to });

    const review = await mr.packed(leader, scheduled.id);
    expect(review.packSha256).toMatch(/^[0-9a-f]{64}$/);
    // The stored pack is what was hashed: a reader recomputes the hash from the pack served.
    expect(createHash('sha256').update(canonicalJson(review.pack)).digest('hex')).toBe(review.packSha256);
    const clauses = review.pack?.clauses.map((c) => c.clause) ?? [];
    expect(clauses).toEqual(
      expect.arrayContaining([
        'ISO9001-9.3.2a',
        'ISO9001-9.3.2b',
        'ISO9001-9.3.2c2',
        'ISO9001-9.3.2c4',
        'ISO9001-9.3.2c6',
      ]),
    );
    expect(section(review, 'context-changes').figures).toEqual({ text: scheduled.contextChanges });
    expect(section(review, 'previous-review-actions').figures).toMatchObject({ previousReview: null, total: 0 });
    for (const key of ['customer-feedback', 'nonconformity-trends', 'document-reviews', 'audit-results'])
      expect(section(review, key).figures).toBeDefined();

    const noted = await mr.put(`/api/management-reviews/${review.id}/notes`, leader, {
      contextChanges: 'Kiosk regulation adopted',
      decisions: ['Fund two more kiosk pilots', 'Review the consent step quarterly'],
    });
    expect(noted.status).toBe(200);
    const action = await mr.post(`/api/management-reviews/${review.id}/actions`, leader, {
      text: 'Draft the quarterly consent check',
      ownerId: gatekeeper.id,
      dueAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    });
    expect(action.status).toBe(201);
    const actionId = action.json<ReviewView>().actions[0]?.id ?? '';
    const inbox = await app.request({ url: '/api/me/inbox', token: gatekeeper.token });
    expect(inbox.body).toContain(actionId);

    // A new round for the changed context text; the sign waits for it.
    const again = await mr.post(`/api/management-reviews/${review.id}/reassemble`, leader);
    expect(again.json<ReviewView>()).toMatchObject({ packRound: 2 });
    const repacked = await mr.packed(leader, review.id);
    expect(section(repacked, 'context-changes').figures).toEqual({ text: 'Kiosk regulation adopted' });

    const wrong = await mr.post(`/api/management-reviews/${review.id}/sign`, leader, { password: 'not-it' });
    expect(wrong.status).toBe(422);
    const signed = await mr.sign(leader, review.id);
    expect(signed.status).toBe(200);
    expect(signed.json<ReviewView>()).toMatchObject({ status: 'signed' });
    expect(signed.json<ReviewView>().signatures).toEqual([
      expect.objectContaining({ meaning: 'approved', status: 'valid', signerId: leader.id }),
    ]);

    for (const [url, body] of [
      [`/api/management-reviews/${review.id}/reassemble`, {}],
      [`/api/management-reviews/${review.id}/actions`, { text: 'Late', ownerId: lead.id, dueAt: dateIn(9) }],
      [`/api/management-reviews/${review.id}/sign`, { password: TEST_PASSWORD }],
    ] as const)
      expect((await mr.post(url, leader, body)).json()).toMatchObject({ status: 409, code: 'MANAGEMENT_REVIEW.STATE' });
    expect(
      (await mr.put(`/api/management-reviews/${review.id}/notes`, leader, { contextChanges: null, decisions: [] }))
        .status,
    ).toBe(409);

    // The database refuses too, whoever writes.
    await expect(
      app.dataSource.query(`UPDATE management_reviews SET decisions = '{}' WHERE id = $1`, [review.id]),
    ).rejects.toThrow(/signed/);
    await expect(
      app.dataSource.query(`UPDATE management_review_actions SET text = 'changed' WHERE id = $1`, [actionId]),
    ).rejects.toThrow(/signed/);
    await expect(
      app.dataSource.query(
        `INSERT INTO management_review_actions (review_id, text, owner_id, due_at) VALUES ($1, 'sneaked in', $2, now())`,
        [review.id, lead.id],
      ),
    ).rejects.toThrow(/signed/);

    // The action's progress stays open to its owner, and the signature stays valid.
    const stranger = await mr.post(`/api/management-review-actions/${actionId}/done`, lead, { note: 'not mine' });
    expect(stranger.json()).toMatchObject({ status: 403, code: 'MANAGEMENT_REVIEW.NOT_ACTION_OWNER' });
    const mine = await app.request({ url: '/api/management-review-actions/mine', token: gatekeeper.token });
    expect(mine.json<{ id: string; reviewNumber: string }[]>()).toEqual([
      expect.objectContaining({ id: actionId, reviewNumber: review.number }),
    ]);
    const done = await mr.post(`/api/management-review-actions/${actionId}/done`, gatekeeper, {
      note: 'Check drafted',
    });
    expect(done.status).toBe(200);
    expect(done.json<{ doneNote: string }[]>()[0]).toMatchObject({ doneNote: 'Check drafted' });
    const after = await mr.get(quality, review.id);
    expect(after.signatures[0]).toMatchObject({ status: 'valid' });
    expect(after.actions[0]).toMatchObject({ doneNote: 'Check drafted' });

    // The next review's first input is where these actions stand.
    const next = await mr.packed(leader, (await mr.schedule(leader, { meetingOn: dateIn(100) })).id);
    expect(section(next, 'previous-review-actions').figures).toMatchObject({
      previousReview: { id: review.id },
      total: 1,
      done: 1,
    });

    const pdf = await app.request({ url: `/api/management-reviews/${review.id}/export.pdf`, token: auditor.token });
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toContain('application/pdf');
    expect(pdf.body.slice(0, 5)).toBe('%PDF-');

    const trail = await app.dataSource.transaction('REPEATABLE READ', (em) =>
      verifyAuditTrail(em, `management_review:${review.id}`),
    );
    expect(trail.problems).toEqual([]);
    expect(trail.entries).toBeGreaterThanOrEqual(7);
  }, 90_000);

  it('two leaders signing at once: one wins, the other is told', async () => {
    const review = await mr.packed(leader, (await mr.schedule(leader)).id);
    const results = await Promise.all([mr.sign(leader, review.id), mr.sign(otherLeader, review.id)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const signed = await mr.get(leader, review.id);
    expect(signed.signatures).toHaveLength(1);
  }, 60_000);

  it('bad input is a 422 naming the field, with nothing changed', async () => {
    const before = await app.count('management_reviews');
    for (const [body, field] of [
      [{ from: '2026-13-01' }, 'from'],
      [{ from: dateIn(0), to: dateIn(-10) }, 'from'],
      [{ meetingOn: 'tomorrow' }, 'meetingOn'],
      [{ meetingOn: '0000-01-01' }, 'meetingOn'],
      [{ portfolioId: '00000000-0000-4000-8000-000000000000' }, 'portfolioId'],
      [{ ambition: 'moonshot' }, 'ambition'],
    ] as const) {
      const response = await mr.post('/api/management-reviews', leader, {
        meetingOn: dateIn(7),
        ...PERIOD,
        ...body,
      });
      expect(response.status).toBe(422);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.body).toContain(field);
    }
    expect(await app.count('management_reviews')).toBe(before);

    const review = await mr.schedule(leader);
    const actions = await app.count('management_review_actions');
    for (const body of [
      { text: 'x', ownerId: lead.id, dueAt: dateIn(5) },
      { text: 'Valid text', ownerId: '00000000-0000-4000-8000-000000000000', dueAt: dateIn(5) },
      { text: 'Valid text', ownerId: lead.id, dueAt: 'soon' },
      { text: 'Valid text', ownerId: lead.id, dueAt: '0000-01-01T00:00:00Z' },
    ])
      expect((await mr.post(`/api/management-reviews/${review.id}/actions`, leader, body)).status).toBe(422);
    expect(await app.count('management_review_actions')).toBe(actions);
    const notes = await mr.put(`/api/management-reviews/${review.id}/notes`, leader, { decisions: [''] });
    expect(notes.status).toBe(422);
    expect((await mr.get(leader, review.id)).decisions).toEqual([]);
  }, 60_000);

  it('leadership writes; leadership, quality heads and auditors read; everyone else is refused', async () => {
    const review = await mr.schedule(leader);
    for (const user of [leader, quality, auditor]) {
      expect((await app.request({ url: '/api/management-reviews', token: user.token })).status).toBe(200);
      expect((await app.request({ url: `/api/management-reviews/${review.id}`, token: user.token })).status).toBe(200);
    }
    for (const user of [lead, gatekeeper]) {
      expect((await app.request({ url: '/api/management-reviews', token: user.token })).status).toBe(403);
      expect((await app.request({ url: `/api/management-reviews/${review.id}`, token: user.token })).status).toBe(403);
    }
    for (const user of [quality, auditor, lead]) {
      expect((await mr.post('/api/management-reviews', user, { meetingOn: dateIn(7), ...PERIOD })).status).toBe(403);
      expect((await mr.post(`/api/management-reviews/${review.id}/reassemble`, user)).status).toBe(403);
      expect((await mr.sign(user, review.id)).status).toBe(403);
    }
    expect((await app.request({ url: '/api/management-reviews' })).status).toBe(401);
    expect((await app.request({ url: '/api/management-review-actions/mine' })).status).toBe(401);
    expect((await app.request({ url: '/api/management-review-actions/mine', token: lead.token })).status).toBe(200);
  }, 60_000);
});
