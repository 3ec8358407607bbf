import { verifyAuditTrail } from '@ambidex/platform';
import { ensureDefaultProcessModel, newPortfolio, obliterateQueues } from '@ambidex/testing';
import { TEST_PASSWORD, TestApp, TestResponse, TestUser } from '../support/test-app';

interface AuditView {
  id: string;
  number: string;
  items: { id: string; clause: string; finding: string | null; opportunityInitiativeId: string | null }[];
}

interface InitiativeView {
  id: string;
  portfolioId: string;
  stage: string;
  origin: { type: string; id: string; label: string | null } | null;
}

const CONFORMING = 'ISO9001-7.5';
const OBSERVED = 'ISO56001-8.3.6';
const CLAUSES = [CONFORMING, OBSERVED];

/**
 * An audit observation raises an opportunity (ISO 56001 8.3.2): a new initiative in explore whose origin is the
 * audit, linked both ways, also after the report is signed; on real PostgreSQL and Redis.
 */
describe('an opportunity raised from an audit observation (real PostgreSQL + Redis)', () => {
  let app: TestApp;
  let quality: TestUser;
  let auditor: TestUser;
  let lead: TestUser;
  let gatekeeper: TestUser;
  let portfolioId: string;

  beforeAll(async () => {
    app = await TestApp.startIsolated();
    quality = await app.newUser(['quality_head'], 'quality');
    auditor = await app.newUser(['auditor'], 'auditor');
    lead = await app.newUser(['innovation_lead'], 'lead');
    gatekeeper = await app.newUser(['gatekeeper'], 'gatekeeper');
    portfolioId = await newPortfolio(app.dataSource, lead.id);
    await ensureDefaultProcessModel(app.dataSource);
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    if (app !== undefined) await obliterateQueues(app.config);
  });

  const post = (url: string, user: TestUser | undefined, body: unknown = {}): Promise<TestResponse> =>
    app.request({ method: 'POST', url, ...(user === undefined ? {} : { token: user.token }), body });

  /** An audit whose first clause is conforming and second is an observation; signed when asked. */
  const auditWithObservation = async (sign: boolean): Promise<AuditView> => {
    const planned = await post('/api/audits', quality, {
      plannedFor: new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10),
      scope: 'Handover of validated concepts',
      clauses: CLAUSES,
      auditorId: auditor.id,
    });
    const id = planned.json<AuditView>().id;
    expect((await post(`/api/audits/${id}/start`, auditor)).status).toBe(200);
    await post(`/api/audits/${id}/findings`, auditor, { clause: CONFORMING, finding: 'conformity', note: 'Fine' });
    const observed = await post(`/api/audits/${id}/findings`, auditor, {
      clause: OBSERVED,
      finding: 'observation',
      note: 'Acceptance criteria could be testable',
    });
    expect(observed.status).toBe(200);
    if (sign)
      expect(
        (await post(`/api/audits/${id}/report`, auditor, { summary: 'Sound', password: TEST_PASSWORD })).status,
      ).toBe(200);
    return observed.json<AuditView>();
  };

  const body = (clause: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
    clause,
    portfolioId,
    title: 'Testable acceptance criteria',
    problem: 'Handover criteria are prose nobody can check',
    ...extra,
  });

  const initiativeCount = async (): Promise<number> =>
    ((await app.dataSource.query(`SELECT count(*)::int AS n FROM initiatives`)) as { n: number }[])[0]?.n ?? 0;

  it('after the report is signed, raises an initiative in explore, its origin the audit, linked both ways', async () => {
    const audit = await auditWithObservation(true);
    const raised = await post(`/api/audits/${audit.id}/opportunities`, lead, body(OBSERVED));
    expect(raised.status).toBe(201);
    const item = raised.json<AuditView>().items.find((i) => i.clause === OBSERVED);
    expect(item?.opportunityInitiativeId).toEqual(expect.any(String));

    const initiative = (
      await app.request({ url: `/api/initiatives/${item?.opportunityInitiativeId}`, token: lead.token })
    ).json<InitiativeView>();
    expect(initiative).toMatchObject({
      portfolioId,
      stage: 'explore',
      origin: { type: 'audit_observation', id: audit.id, label: `${audit.number} · ${OBSERVED}` },
    });

    const actions = (await app.dataSource.query(`SELECT action FROM audit_entries WHERE chain_key = $1 ORDER BY id`, [
      `internal_audit:${audit.id}`,
    ])) as { action: string }[];
    expect(actions.map((a) => a.action)).toContain('internal-audit.opportunity-raised');
    const trail = await app.dataSource.transaction('REPEATABLE READ', (em) => verifyAuditTrail(em));
    expect(trail.problems).toEqual([]);
  });

  it('one per observation; a conformity raises none; nothing is created by a refused raise', async () => {
    const audit = await auditWithObservation(false);
    expect(
      (await post(`/api/audits/${audit.id}/opportunities`, quality, body(OBSERVED, { ownerId: lead.id }))).status,
    ).toBe(201);
    const before = await initiativeCount();
    const again = await post(`/api/audits/${audit.id}/opportunities`, quality, body(OBSERVED, { ownerId: lead.id }));
    expect(again.json()).toMatchObject({ status: 409, code: 'AUDIT.STATE' });
    const conforming = await post(`/api/audits/${audit.id}/opportunities`, lead, body(CONFORMING));
    expect(conforming.json()).toMatchObject({ status: 409, code: 'AUDIT.STATE' });
    expect(await initiativeCount()).toBe(before);
  });

  it('bad input and the wrong callers change nothing', async () => {
    const audit = await auditWithObservation(false);
    const before = await initiativeCount();
    const url = `/api/audits/${audit.id}/opportunities`;
    const unknownClause = await post(url, lead, body('ISO-0.0'));
    expect(unknownClause.status).toBe(422);
    expect(unknownClause.headers['content-type']).toContain('application/problem+json');
    expect(unknownClause.body).toContain('clause');
    const notInScope = await post(url, lead, body('ISO9001-10.2'));
    expect(notInScope.json()).toMatchObject({ status: 409 });
    expect((await post(url, lead, body(OBSERVED, { title: '' }))).status).toBe(422);
    const unknownPortfolio = await post(url, lead, body(OBSERVED, { portfolioId: audit.id }));
    expect(unknownPortfolio.json()).toMatchObject({ status: 422, code: 'PORTFOLIO.INVALID_INPUT' });
    expect(
      (await post(`/api/audits/00000000-0000-4000-8000-000000000000/opportunities`, lead, body(OBSERVED))).status,
    ).toBe(404);
    expect((await post(url, gatekeeper, body(OBSERVED))).status).toBe(403);
    expect((await post(url, undefined, body(OBSERVED))).status).toBe(401);
    expect(await initiativeCount()).toBe(before);
    const item = (await app.request({ url: `/api/audits/${audit.id}`, token: lead.token }))
      .json<AuditView>()
      .items.find((i) => i.clause === OBSERVED);
    expect(item?.opportunityInitiativeId).toBeNull();
  });
});
