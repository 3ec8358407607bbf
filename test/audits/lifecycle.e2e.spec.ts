import { AuditSweeper } from '@ambidex/audits';
import { verifyAuditTrail } from '@ambidex/platform';
import { newInitiative } from '@ambidex/testing';
import { TEST_PASSWORD, TestApp, TestResponse, TestUser } from '../support/test-app';

interface AuditView {
  id: string;
  number: string;
  status: string;
  auditorId: string;
  summary: string | null;
  items: {
    clause: string;
    finding: string | null;
    nonconformityId: string | null;
    nonconformityNumber: string | null;
  }[];
  signatures: { meaning: string; status: string; signerId: string }[];
}

const DAY = 86_400_000;
const dateIn = (days: number): string => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);

/**
 * Internal audits through the API on real PostgreSQL and Redis: plan, start, findings (a major one raises a linked
 * nonconformity), the signed report frozen by the database; rights, impartiality, bad input, a race and the sweep.
 */
describe('internal audits (real PostgreSQL + Redis)', () => {
  let app: TestApp;
  let quality: TestUser;
  let auditor: TestUser;
  let lead: TestUser;
  let gatekeeper: TestUser;

  beforeAll(async () => {
    app = await TestApp.startIsolated();
    quality = await app.newUser(['quality_head'], 'quality');
    auditor = await app.newUser(['auditor'], 'auditor');
    lead = await app.newUser(['innovation_lead'], 'lead');
    gatekeeper = await app.newUser(['gatekeeper'], 'gatekeeper');
  }, 60_000);

  afterAll(async () => {
    await app?.close();
  });

  const post = (url: string, user: TestUser | undefined, body: unknown = {}): Promise<TestResponse> =>
    app.request({ method: 'POST', url, ...(user === undefined ? {} : { token: user.token }), body });

  const plan = async (body: Record<string, unknown> = {}, by: TestUser = quality): Promise<TestResponse> =>
    post('/api/audits', by, {
      plannedFor: dateIn(20),
      scope: 'Handover of validated concepts to controlled records',
      clauses: ['ISO9001-7.5', 'ISO56001-8.3.6', 'ISO9001-10.2'],
      auditorId: auditor.id,
      ...body,
    });

  const planned = async (body: Record<string, unknown> = {}): Promise<AuditView> => {
    const response = await plan(body);
    if (response.status !== 201) throw new Error(`plan: ${response.status} ${response.body}`);
    return response.json<AuditView>();
  };

  const inbox = async (subjectId: string, kind: string): Promise<number> =>
    (
      (await app.dataSource.query(`SELECT count(*)::int AS n FROM inbox_items WHERE subject_id = $1 AND kind = $2`, [
        subjectId,
        kind,
      ])) as { n: number }[]
    )[0]?.n ?? 0;

  const conducted = async (audit: AuditView): Promise<void> => {
    expect((await post(`/api/audits/${audit.id}/start`, auditor)).status).toBe(200);
    for (const clause of ['ISO9001-7.5', 'ISO56001-8.3.6', 'ISO9001-10.2'])
      expect(
        (await post(`/api/audits/${audit.id}/findings`, auditor, { clause, finding: 'conformity', note: 'Sampled 3' }))
          .status,
      ).toBe(200);
  };

  it('plan → start → findings (a major raises a linked NC) → signed report → frozen', async () => {
    const audit = await planned();
    expect(audit).toMatchObject({ status: 'planned', items: [], signatures: [] });
    expect(audit.number).toMatch(/^AUD-\d{4,}$/);
    expect(await inbox(audit.id, 'audit_assigned')).toBe(1);
    const programme = await app.request({ url: '/api/audits?status=planned', token: lead.token });
    expect(programme.json<{ id: string }[]>().map((a) => a.id)).toContain(audit.id);

    const early = await post(`/api/audits/${audit.id}/findings`, auditor, {
      clause: 'ISO9001-7.5',
      finding: 'conformity',
      note: 'too early',
    });
    expect(early.json()).toMatchObject({ status: 409, code: 'AUDIT.STATE' });

    const started = await post(`/api/audits/${audit.id}/start`, auditor);
    expect(started.status).toBe(200);
    expect(started.json<AuditView>().items.map((i) => i.clause)).toEqual([
      'ISO9001-7.5',
      'ISO56001-8.3.6',
      'ISO9001-10.2',
    ]);
    expect((await post(`/api/audits/${audit.id}/start`, auditor)).status).toBe(409);

    await post(`/api/audits/${audit.id}/findings`, auditor, {
      clause: 'ISO9001-7.5',
      finding: 'conformity',
      note: 'Every sampled record was approved and signed',
    });
    await post(`/api/audits/${audit.id}/findings`, auditor, {
      clause: 'ISO56001-8.3.6',
      finding: 'observation',
      note: 'Acceptance criteria could be clearer',
    });
    const incomplete = await post(`/api/audits/${audit.id}/report`, auditor, {
      summary: 'Not yet',
      password: TEST_PASSWORD,
    });
    expect(incomplete.json()).toMatchObject({ status: 409, code: 'AUDIT.STATE' });

    const major = await post(`/api/audits/${audit.id}/findings`, auditor, {
      clause: 'ISO9001-10.2',
      finding: 'major',
      note: 'Two NCs were closed without an effectiveness check',
      evidenceLinks: ['https://audit.example/aud/1'],
    });
    expect(major.status).toBe(200);
    const item = major.json<AuditView>().items.find((i) => i.clause === 'ISO9001-10.2');
    expect(item?.nonconformityNumber).toMatch(/^NC-\d{4,}$/);
    const nc = await app.request({ url: `/api/nonconformities/${item?.nonconformityId}`, token: quality.token });
    expect(nc.json()).toMatchObject({
      source: 'internal_audit',
      severity: 'major',
      number: item?.nonconformityNumber,
      evidenceLinks: ['https://audit.example/aud/1'],
    });
    expect(nc.json<{ description: string }>().description).toContain(audit.number);
    const again = await post(`/api/audits/${audit.id}/findings`, auditor, {
      clause: 'ISO9001-10.2',
      finding: 'minor',
      note: 'second try',
    });
    expect(again.status).toBe(409);

    const wrongPassword = await post(`/api/audits/${audit.id}/report`, auditor, {
      summary: 'One major finding',
      password: 'wrong password',
    });
    expect(wrongPassword.status).toBe(422);
    const signed = await post(`/api/audits/${audit.id}/report`, auditor, {
      summary: 'One major finding on CAPA, one observation',
      password: TEST_PASSWORD,
    });
    expect(signed.status).toBe(200);
    expect(signed.json<AuditView>()).toMatchObject({
      status: 'signed',
      summary: 'One major finding on CAPA, one observation',
      signatures: [expect.objectContaining({ meaning: 'authored', status: 'valid', signerId: auditor.id })],
    });

    // A signed report refuses every change: through the API (409) and even by SQL (the trigger).
    expect(
      (await post(`/api/audits/${audit.id}/report`, auditor, { summary: 'again', password: TEST_PASSWORD })).status,
    ).toBe(409);
    await expect(
      app.dataSource.query(`UPDATE internal_audits SET summary = 'edited' WHERE id = $1`, [audit.id]),
    ).rejects.toThrow(/is signed/);
    await expect(app.dataSource.query(`DELETE FROM internal_audits WHERE id = $1`, [audit.id])).rejects.toThrow(
      /is signed/,
    );
    await expect(
      app.dataSource.query(`UPDATE internal_audit_items SET note = 'edited' WHERE audit_id = $1`, [audit.id]),
    ).rejects.toThrow(/is signed/);
    await expect(
      app.dataSource.query(`DELETE FROM internal_audit_items WHERE audit_id = $1`, [audit.id]),
    ).rejects.toThrow(/is signed/);
    await expect(
      app.dataSource.query(`INSERT INTO internal_audit_items (audit_id, clause, position) VALUES ($1, 'x', 9)`, [
        audit.id,
      ]),
    ).rejects.toThrow(/is signed/);
  }, 60_000);

  it('rights: a gatekeeper cannot plan, a lead cannot record findings, another auditor cannot conduct, anonymous 401', async () => {
    const before = await app.count('internal_audits');
    expect((await plan({}, gatekeeper)).status).toBe(403);
    expect((await plan({}, auditor)).status).toBe(403);
    expect((await app.request({ url: '/api/audits' })).status).toBe(401);
    expect((await post('/api/audits', undefined, {})).status).toBe(401);
    expect(await app.count('internal_audits')).toBe(before);

    const audit = await planned();
    const other = await app.newUser(['auditor'], 'other-auditor');
    expect((await post(`/api/audits/${audit.id}/start`, lead)).status).toBe(403);
    const foreign = await post(`/api/audits/${audit.id}/start`, other);
    expect(foreign.json()).toMatchObject({ status: 403, code: 'AUDIT.NOT_THE_AUDITOR' });
    await post(`/api/audits/${audit.id}/start`, auditor);
    const byLead = await post(`/api/audits/${audit.id}/findings`, lead, {
      clause: 'ISO9001-7.5',
      finding: 'conformity',
      note: 'not mine to say',
    });
    expect(byLead.status).toBe(403);
    expect((await app.request({ url: `/api/audits/${audit.id}`, token: lead.token })).status).toBe(200);
  }, 30_000);

  it('an auditor who owns the audited record, or plans the audit, is refused (422)', async () => {
    const owned = await newInitiative(app.dataSource, { ownerId: auditor.id });
    const refused = await plan({ subject: { type: 'initiative', id: owned } });
    expect(refused.json()).toMatchObject({ status: 422, code: 'AUDIT.INVALID' });
    const foreign = await newInitiative(app.dataSource, { ownerId: lead.id });
    expect((await plan({ subject: { type: 'initiative', id: foreign } })).status).toBe(201);

    const both = await app.newUser(['quality_head', 'auditor'], 'quality-auditor');
    expect((await plan({ auditorId: both.id }, both)).status).toBe(422);
  }, 30_000);

  it('bad input is refused with problem+json and changes nothing', async () => {
    const before = await app.count('internal_audits');
    for (const body of [
      { plannedFor: 'tomorrow' },
      { plannedFor: '2027-02-30' },
      { clauses: [] },
      { clauses: ['ISO9001-99'] },
      { scope: '' },
      { auditorId: 'nope' },
      { auditorId: lead.id },
      { auditorId: '6a3c3c9e-3f0e-4a38-9d1e-2f1d54a0c111' },
      { subject: { type: 'spaceship', id: '6a3c3c9e-3f0e-4a38-9d1e-2f1d54a0c111' } },
      { subject: { type: 'initiative', id: '6a3c3c9e-3f0e-4a38-9d1e-2f1d54a0c111' } },
      { subject: { type: 'controlled_document', id: '6a3c3c9e-3f0e-4a38-9d1e-2f1d54a0c111' } },
      { extra: 'field' },
    ]) {
      const response = await plan(body);
      expect([400, 422]).toContain(response.status);
      expect(String(response.headers['content-type'])).toContain('application/problem+json');
    }
    expect(await app.count('internal_audits')).toBe(before);

    const audit = await planned();
    await post(`/api/audits/${audit.id}/start`, auditor);
    const ncs = await app.count('nonconformities');
    for (const body of [
      { clause: 'ISO9001-7.5', finding: 'catastrophic', note: 'valid note' },
      { clause: 'ISO9001-9.2', finding: 'major', note: 'not in scope' },
      { clause: 'ISO9001-7.5', finding: 'major', note: '' },
      { clause: 'ISO9001-7.5', finding: 'major', note: 'valid note', evidenceLinks: ['not a link'] },
      { clause: 'ISO9001-7.5', finding: 'major', note: 'valid note', probability: 9 },
    ]) {
      const response = await post(`/api/audits/${audit.id}/findings`, auditor, body);
      expect([400, 422]).toContain(response.status);
    }
    expect(await app.count('nonconformities')).toBe(ncs);
    const view = await app.request({ url: `/api/audits/${audit.id}`, token: auditor.token });
    expect(view.json<AuditView>().items.every((i) => i.finding === null)).toBe(true);
    expect((await app.request({ url: '/api/audits/nope', token: lead.token })).status).toBe(422);
    expect(
      (await app.request({ url: '/api/audits/6a3c3c9e-3f0e-4a38-9d1e-2f1d54a0c111', token: lead.token })).status,
    ).toBe(404);
  }, 30_000);

  it('two signs at once: one wins, the other is refused', async () => {
    const audit = await planned();
    await conducted(audit);
    const answers = await Promise.all(
      [1, 2].map((n) =>
        post(`/api/audits/${audit.id}/report`, auditor, { summary: `Report ${n}`, password: TEST_PASSWORD }),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const signatures = (await app.dataSource.query(
      `SELECT 1 FROM electronic_signatures WHERE record_type = 'internal_audit' AND record_id = $1`,
      [audit.id],
    )) as unknown[];
    expect(signatures).toHaveLength(1);
  }, 30_000);

  it('the sweep reminds the auditor once of a coming audit and escalates an overdue one to quality heads once', async () => {
    const sweeper = app.app.get(AuditSweeper);
    const soon = await planned({ plannedFor: dateIn(3) });
    const later = await planned({ plannedFor: dateIn(30) });
    const overdue = await planned({ plannedFor: dateIn(5) });
    await app.dataSource.query(`UPDATE internal_audits SET planned_for = current_date - 2 WHERE id = $1`, [overdue.id]);
    await Promise.all([sweeper.sweep(), sweeper.sweep()]);
    await sweeper.sweep();
    expect(await inbox(soon.id, 'audit_due_soon')).toBe(1);
    expect(await inbox(later.id, 'audit_due_soon')).toBe(0);
    expect(await inbox(overdue.id, 'audit_due_soon')).toBe(1);
    const qualityHeads = (
      (await app.dataSource.query(
        `SELECT count(*)::int AS n FROM users WHERE active AND 'quality_head' = ANY(roles)`,
      )) as { n: number }[]
    )[0]?.n;
    expect(await inbox(overdue.id, 'audit_overdue')).toBe(qualityHeads);
    expect(await inbox(soon.id, 'audit_overdue')).toBe(0);

    // Started, the audit leaves the inbox.
    await post(`/api/audits/${soon.id}/start`, auditor);
    const open = (await app.dataSource.query(`SELECT 1 FROM inbox_items WHERE subject_id = $1 AND done_at IS NULL`, [
      soon.id,
    ])) as unknown[];
    expect(open).toHaveLength(0);
  }, 30_000);

  it('every step is on the audit trail and the chains verify', async () => {
    const trail = await app.dataSource.transaction('REPEATABLE READ', (em) => verifyAuditTrail(em));
    expect(trail.problems).toEqual([]);
    const actions = (await app.dataSource.query(
      `SELECT DISTINCT action FROM audit_entries WHERE entity_type = 'internal_audit' ORDER BY action`,
    )) as { action: string }[];
    expect(actions.map((a) => a.action)).toEqual([
      'internal-audit.finding-recorded',
      'internal-audit.planned',
      'internal-audit.signed',
      'internal-audit.started',
    ]);
  });
});
