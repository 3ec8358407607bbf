import { NonconformitySweeper, NONCONFORMITY_QUEUE } from '@ambidex/nonconformity';
import { QueueProducer, verifyAuditTrail } from '@ambidex/platform';
import { documentInReview, eventually, obliterateQueues, principalById } from '@ambidex/testing';
import { TEST_PASSWORD, TestApp, TestUser } from '../support/test-app';
import { NcDriver, sortedStatuses } from './support';

/**
 * Nonconformities and CAPA through the API, on real PostgreSQL and Redis with a live worker: raise, contain, analyse,
 * act, the delayed effectiveness job, the signed verdict; rights, bad input, the closed-record trigger and races.
 */
describe('nonconformities and CAPA (real PostgreSQL + Redis, live worker)', () => {
  let app: TestApp;
  let nc: NcDriver;
  let quality: TestUser;
  let quality2: TestUser;
  let lead: TestUser;
  let gatekeeper: TestUser;

  beforeAll(async () => {
    app = await TestApp.startIsolated({ worker: true });
    nc = new NcDriver(app);
    quality = await app.newUser(['quality_head'], 'quality');
    quality2 = await app.newUser(['quality_head'], 'quality2');
    lead = await app.newUser(['innovation_lead'], 'lead');
    gatekeeper = await app.newUser(['gatekeeper'], 'gatekeeper');
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    if (app !== undefined) await obliterateQueues(app.config);
  });

  const count = async (sql: string, params: unknown[] = []): Promise<number> =>
    ((await app.dataSource.query(`SELECT count(*)::int AS n FROM (${sql}) AS q`, params)) as { n: number }[])[0]?.n ??
    0;

  it('raise → containment → root cause → actions → done → delayed effectiveness job → signed effective → closed', async () => {
    const raised = await nc.raise(gatekeeper);
    expect(raised).toMatchObject({ status: 'open', effectivenessRound: 0 });
    expect(raised.number).toMatch(/^NC-\d{4,}$/);
    expect(
      await count(`SELECT 1 FROM inbox_items WHERE subject_id = $1 AND kind = 'nonconformity_raised'`, [raised.id]),
    ).toBe(2);

    // Actions wait for the root cause.
    const early = await nc.post(`/api/nonconformities/${raised.id}/actions`, quality, {
      actions: [{ text: 'Fix it', ownerId: lead.id, dueAt: new Date(Date.now() + 86_400_000).toISOString() }],
      effectivenessAfterDays: 30,
    });
    expect(early.json()).toMatchObject({ status: 409, code: 'NONCONFORMITY.STATE' });

    const planned = await nc.withActions(quality, raised.id, [lead, quality]);
    expect(planned.status).toBe('actions');
    expect(planned.actions).toHaveLength(2);
    const leadAction = planned.actions.find((a) => a.ownerId === lead.id);
    const qualityAction = planned.actions.find((a) => a.ownerId === quality.id);

    // The lead may close their own action, not somebody else's.
    const foreign = await nc.post(`/api/nonconformity-actions/${qualityAction?.id}/done`, lead, {});
    expect(foreign.json()).toMatchObject({ status: 403, code: 'NONCONFORMITY.NOT_ACTION_OWNER' });
    const own = await nc.post(`/api/nonconformity-actions/${leadAction?.id}/done`, lead, { note: 'timeout 60 s' });
    expect(own.json()).toMatchObject({ status: 'actions' });
    const last = await nc.post(`/api/nonconformity-actions/${qualityAction?.id}/done`, quality, {});
    const verifying = last.json<{ status: string; effectivenessDueAt: string; effectivenessRound: number }>();
    expect(verifying).toMatchObject({ status: 'verifying', effectivenessRound: 1 });
    const dueIn = new Date(verifying.effectivenessDueAt).getTime() - Date.now();
    expect(dueIn).toBeGreaterThan(29 * 86_400_000);

    // The check is a delayed job with a deterministic id, due in 30 days.
    const job = await nc.delayedJob(raised.id, 1);
    expect(await job.getState()).toBe('delayed');
    expect(job.opts.delay).toBeGreaterThan(29 * 86_400_000);
    expect((await nc.check(quality, raised.id, true)).json()).toMatchObject({ status: 409 });

    // The interval passes: the job puts the check in both quality heads' inboxes, once.
    await nc.makeDue(raised.id);
    await job.promote();
    const notified = await eventually(
      () => nc.dueInbox(raised.id),
      (ids) => ids.length === 2,
      15_000,
    );
    expect(notified.sort()).toEqual([quality.id, quality2.id].sort());

    // A wrong password signs nothing and changes nothing.
    const wrong = await nc.check(quality, raised.id, true, 'not-my-password');
    expect(wrong.json()).toMatchObject({ status: 422, code: 'QMS.SIGNING_PASSWORD_WRONG' });
    expect((await nc.get(quality, raised.id)).status).toBe('verifying');

    const closed = await nc.check(quality2, raised.id, true);
    expect(closed.status).toBe(200);
    const view = closed.json<{ status: string; signatures: { meaning: string; status: string }[] }>();
    expect(view.status).toBe('closed');
    expect(view.signatures).toEqual([expect.objectContaining({ meaning: 'approved', status: 'valid' })]);
    expect(
      await count(
        `SELECT 1 FROM inbox_items WHERE subject_id = $1 AND kind = 'nonconformity_effectiveness_due' AND done_at IS NULL`,
        [raised.id],
      ),
    ).toBe(0);

    // A closed NC refuses every change: through the API (409) and even by SQL (the trigger).
    const contain = await nc.post(`/api/nonconformities/${raised.id}/containment`, quality, {
      containment: 'rewrite history',
    });
    expect(contain.status).toBe(409);
    await expect(
      app.dataSource.query(`UPDATE nonconformities SET description = 'edited' WHERE id = $1`, [raised.id]),
    ).rejects.toThrow(/is closed/);
    await expect(app.dataSource.query(`DELETE FROM nonconformities WHERE id = $1`, [raised.id])).rejects.toThrow(
      /is closed/,
    );
    await expect(
      app.dataSource.query(`UPDATE nonconformity_actions SET text = 'edited' WHERE nonconformity_id = $1`, [raised.id]),
    ).rejects.toThrow(/is closed/);
    await expect(
      app.dataSource.query(`DELETE FROM nonconformity_actions WHERE nonconformity_id = $1`, [raised.id]),
    ).rejects.toThrow(/is closed/);
  }, 90_000);

  it('ineffective reopens the NC (back to its actions); new actions schedule a second round', async () => {
    const raised = await nc.raise(lead, { severity: 'minor', source: 'customer_complaint' });
    await nc.withActions(quality, raised.id, [lead]);
    await nc.allDone(quality, raised.id);
    await nc.makeDue(raised.id);
    const reopened = await nc.check(quality, raised.id, false);
    expect(reopened.json()).toMatchObject({ status: 'actions', effectivenessDueAt: null });
    expect(reopened.json<{ effectivenessChecks: unknown[] }>().effectivenessChecks).toEqual([
      expect.objectContaining({ effective: false, signatureId: null }),
    ]);
    // Done again without new actions is refused: the check needs new actions first.
    expect((await nc.check(quality, raised.id, true)).status).toBe(409);
    const again = await nc.post(`/api/nonconformities/${raised.id}/actions`, quality, {
      actions: [
        { text: 'Retrain the front desk', ownerId: lead.id, dueAt: new Date(Date.now() + 86_400_000).toISOString() },
      ],
      effectivenessAfterDays: 14,
    });
    expect(again.status).toBe(200);
    const second = await nc.allDone(quality, raised.id);
    expect(second).toMatchObject({ status: 'verifying', effectivenessRound: 2 });
    const job = await nc.delayedJob(raised.id, 2);
    expect(job.opts.delay).toBeGreaterThan(13 * 86_400_000);
  }, 60_000);

  it('rights: anyone signed in raises; a gatekeeper cannot record containment; anonymous is 401', async () => {
    const raised = await nc.raise(gatekeeper);
    const denied = await nc.post(`/api/nonconformities/${raised.id}/containment`, gatekeeper, {
      containment: 'I fixed it',
    });
    expect(denied.status).toBe(403);
    expect((await app.request({ url: '/api/nonconformities' })).status).toBe(401);
    expect((await nc.post('/api/nonconformities', undefined, { description: 'x' })).status).toBe(401);
    expect((await nc.get(quality, raised.id)).containment ?? null).toBeNull();
  }, 30_000);

  it('bad input is refused with problem+json and changes nothing', async () => {
    const before = await app.count('nonconformities');
    for (const body of [
      { severity: 'huge' },
      { probability: 9 },
      { source: 'rumour' },
      { description: '' },
      { evidenceLinks: ['not a link'] },
      { subject: { type: 'spaceship', id: '6a3c3c9e-3f0e-4a38-9d1e-2f1d54a0c111' } },
      { subject: { type: 'initiative', id: 'nope' } },
      { subject: { type: 'initiative', id: '6a3c3c9e-3f0e-4a38-9d1e-2f1d54a0c111' } },
      { subject: { type: 'controlled_document', id: '6a3c3c9e-3f0e-4a38-9d1e-2f1d54a0c111' } },
      { subject: { type: 'process_record', id: '6a3c3c9e-3f0e-4a38-9d1e-2f1d54a0c111' } },
      { subject: { type: 'handover_package', id: '6a3c3c9e-3f0e-4a38-9d1e-2f1d54a0c111' } },
      { extra: 'field' },
    ]) {
      const response = await nc.post('/api/nonconformities', lead, {
        source: 'internal_audit',
        severity: 'major',
        probability: 3,
        description: 'valid description',
        ...body,
      });
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      expect(String(response.headers['content-type'])).toContain('application/problem+json');
    }
    expect(await app.count('nonconformities')).toBe(before);

    const raised = await nc.raise(lead);
    const rootCause = await nc.post(`/api/nonconformities/${raised.id}/root-cause`, quality, {
      whys: ['1', '2', '3', '4', '5', '6'],
      causeCategory: 'method',
    });
    expect(rootCause.status).toBe(422);
    const badCategory = await nc.post(`/api/nonconformities/${raised.id}/root-cause`, quality, {
      whys: ['1'],
      causeCategory: 'luck',
    });
    expect(badCategory.status).toBe(422);
    await nc.post(`/api/nonconformities/${raised.id}/root-cause`, quality, { whys: ['why'], causeCategory: 'people' });
    const unknownOwner = await nc.post(`/api/nonconformities/${raised.id}/actions`, quality, {
      actions: [
        { text: 'Valid action', ownerId: lead.id, dueAt: new Date(Date.now() + 86_400_000).toISOString() },
        {
          text: 'Nobody owns this',
          ownerId: '6a3c3c9e-3f0e-4a38-9d1e-2f1d54a0c111',
          dueAt: new Date(Date.now() + 86_400_000).toISOString(),
        },
      ],
      effectivenessAfterDays: 30,
    });
    expect(unknownOwner.json()).toMatchObject({ status: 422, code: 'NONCONFORMITY.INVALID' });
    const noDays = await nc.post(`/api/nonconformities/${raised.id}/actions`, quality, {
      actions: [{ text: 'Valid action', ownerId: lead.id, dueAt: new Date().toISOString() }],
      effectivenessAfterDays: 0,
    });
    expect(noDays.status).toBe(422);
    const after = await nc.get(quality, raised.id);
    expect(after).toMatchObject({ status: 'open', actions: [] });
    expect((await app.request({ url: `/api/nonconformities/not-a-uuid`, token: lead.token })).status).toBe(422);
    expect(
      (await app.request({ url: `/api/nonconformities/6a3c3c9e-3f0e-4a38-9d1e-2f1d54a0c111`, token: lead.token }))
        .status,
    ).toBe(404);
    expect((await app.request({ url: `/api/nonconformities?severity=huge`, token: lead.token })).status).toBe(422);
  }, 30_000);

  it('the register filters by status, severity and source', async () => {
    const critical = await nc.raise(lead, { severity: 'critical', source: 'supplier' });
    const list = async (query: string) =>
      (await app.request({ url: `/api/nonconformities?${query}`, token: gatekeeper.token })).json<{ id: string }[]>();
    expect((await list('severity=critical&source=supplier')).map((n) => n.id)).toContain(critical.id);
    expect((await list('severity=minor')).map((n) => n.id)).not.toContain(critical.id);
    expect((await list('status=closed')).map((n) => n.id)).not.toContain(critical.id);
  });

  it('two quality heads closing one NC at once: one wins, the other gets 409', async () => {
    const raised = await nc.raise(lead);
    await nc.withActions(quality, raised.id, [lead]);
    await nc.allDone(quality, raised.id);
    await nc.makeDue(raised.id);
    const responses = await Promise.all([nc.check(quality, raised.id, true), nc.check(quality2, raised.id, true)]);
    expect(sortedStatuses(responses)).toEqual([200, 409]);
    expect(
      await count(`SELECT 1 FROM nonconformity_effectiveness_checks WHERE nonconformity_id = $1`, [raised.id]),
    ).toBe(1);
    expect(await count(`SELECT 1 FROM electronic_signatures WHERE record_id = $1`, [raised.id])).toBe(1);
    expect((await nc.get(quality, raised.id)).status).toBe('closed');
  }, 60_000);

  it('the sweep re-creates an effectiveness job Redis lost, and escalates an overdue action once to its owner, then once to quality heads', async () => {
    const sweeper = app.app.get(NonconformitySweeper);
    const raised = await nc.raise(lead);
    await nc.withActions(quality, raised.id, [lead]);
    await nc.allDone(quality, raised.id);
    const job = await nc.delayedJob(raised.id, 1);
    await job.remove();
    const queue = app.app.get(QueueProducer).queue(NONCONFORMITY_QUEUE);
    expect(await queue.getJob(job.id ?? '')).toBeUndefined();
    await sweeper.keepEffectivenessChecks();
    const recreated = await queue.getJob(job.id ?? '');
    expect(await recreated?.getState()).toBe('delayed');

    const overdue = await nc.raise(lead);
    const planned = await nc.withActions(quality, overdue.id, [lead]);
    const actionId = planned.actions[0]?.id;
    await app.dataSource.query(`UPDATE nonconformity_actions SET due_at = now() - interval '1 hour' WHERE id = $1`, [
      actionId,
    ]);
    const escalations = (kind: string) =>
      count(`SELECT 1 FROM inbox_items WHERE subject_id = $1 AND kind = $2`, [overdue.id, kind]);
    await sweeper.escalateOverdue();
    await sweeper.escalateOverdue();
    expect(await escalations('nonconformity_action_overdue')).toBe(1);
    expect(await escalations('nonconformity_action_escalated')).toBe(0);
    await app.dataSource.query(`UPDATE nonconformity_actions SET due_at = now() - interval '4 days' WHERE id = $1`, [
      actionId,
    ]);
    await Promise.all([sweeper.escalateOverdue(), sweeper.escalateOverdue()]);
    await sweeper.escalateOverdue();
    expect(await escalations('nonconformity_action_overdue')).toBe(1);
    expect(await escalations('nonconformity_action_escalated')).toBe(2);
  }, 60_000);

  it('an NC about a controlled document raises a change request on it, linked both ways', async () => {
    const owner = await principalById(app.app, lead.id);
    const approver = await principalById(app.app, quality.id);
    const { documentId, revisionId } = await documentInReview(app.app, owner, [approver]);
    const approved = await nc.post(`/api/revisions/${revisionId}/approval`, quality, {
      password: TEST_PASSWORD,
      decision: 'approved',
    });
    expect(approved.json()).toMatchObject({ state: 'effective' });

    const standAlone = await nc.raise(lead);
    const refused = await nc.post(`/api/nonconformities/${standAlone.id}/change-request`, quality, {
      reason: 'r',
      impact: 'i',
      proposedTitle: 't',
      proposedBody: 'b',
    });
    expect(refused.status).toBe(409);

    const raised = await nc.raise(lead, { subject: { type: 'controlled_document', id: documentId } });
    const body = {
      reason: 'Consent step missing',
      impact: 'Front desk retrained',
      proposedTitle: 'Kiosk check-in with consent',
      proposedBody: '# Steps\n1. Greet the patient\n2. Take consent\n',
    };
    expect((await nc.post(`/api/nonconformities/${raised.id}/change-request`, lead, body)).status).toBe(403);
    const linked = await nc.post(`/api/nonconformities/${raised.id}/change-request`, quality, body);
    expect(linked.status).toBe(201);
    const changeRequestId = linked.json<{ changeRequestId: string }>().changeRequestId;
    expect(changeRequestId).toEqual(expect.any(String));

    const document = await app.request({ url: `/api/documents/${documentId}`, token: quality.token });
    expect(document.json<{ changeRequests: { id: string; reason: string }[] }>().changeRequests).toEqual([
      expect.objectContaining({ id: changeRequestId, reason: `${raised.number}: ${body.reason}` }),
    ]);
    const back = await app.request({
      url: `/api/change-requests/${changeRequestId}/nonconformities`,
      token: lead.token,
    });
    expect(back.json()).toEqual([{ id: raised.id, number: raised.number, status: 'open' }]);

    const twice = await nc.post(`/api/nonconformities/${raised.id}/change-request`, quality, body);
    expect(twice.status).toBe(409);
    expect(await count(`SELECT 1 FROM change_requests WHERE document_id = $1`, [documentId])).toBe(1);
  }, 60_000);

  it("every step left an audit entry on its NC's chain, and the chains verify", async () => {
    const actions = (
      (await app.dataSource.query(
        `SELECT DISTINCT action FROM audit_entries WHERE entity_type = 'nonconformity' ORDER BY action`,
      )) as { action: string }[]
    ).map((r) => r.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'nonconformity.raised',
        'nonconformity.contained',
        'nonconformity.root-cause-recorded',
        'nonconformity.actions-planned',
        'nonconformity.action-done',
        'nonconformity.effectiveness-due',
        'nonconformity.closed-effective',
        'nonconformity.reopened-ineffective',
        'nonconformity.change-request-raised',
      ]),
    );
    const audit = await app.dataSource.transaction('REPEATABLE READ', (em) => verifyAuditTrail(em));
    expect(audit.problems).toEqual([]);
  });
});
