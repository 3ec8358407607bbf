import { InsightsOverview } from '@ambidex/insights';
import { eventually, obliterateQueues } from '@ambidex/testing';
import { BACKDATED_ACTION } from '../../apps/shared/src/demo-backdating';
import { DEMO_PASSWORD, seedDemoData } from '../../apps/shared/src/demo-seed';
import { directOverview } from '../insights/direct-computation';
import { ensureDefaultModel } from '../portfolio/support';
import { TestApp } from '../support/test-app';

type InboxItem = { kind: string; subjectType: string; subjectId: string; title: string };

/**
 * What a newcomer finds after `npm start` on an empty database, with the worker running as it does there: the demo
 * portfolio with a year of history on realistic days, and something waiting for every demo user.
 */
describe('demo data', () => {
  let app: TestApp;
  let portfolioId: string;
  let seededAt: Date;
  const progress: string[] = [];
  const tables = [
    'initiatives',
    'stage_events',
    'gate_reviews',
    'scorecards',
    'handover_packages',
    'electronic_signatures',
    'training_assignments',
    'inbox_items',
    'audit_entries',
  ];
  const counts = async (): Promise<number[]> => Promise.all(tables.map((t) => app.count(t)));
  const signIn = (email: string): Promise<string> => app.login(email, DEMO_PASSWORD);
  const inboxOf = async (email: string): Promise<InboxItem[]> => {
    const response = await app.request({ url: '/api/me/inbox', token: await signIn(email) });
    expect(response.status).toBe(200);
    return response.json<InboxItem[]>();
  };
  const initiativeId = async (title: string): Promise<string> => {
    const [row] = (await app.dataSource.query(`SELECT id FROM initiatives WHERE title = $1`, [title])) as {
      id: string;
    }[];
    return row?.id ?? '';
  };

  beforeAll(async () => {
    app = await TestApp.startIsolated({ worker: true });
    await ensureDefaultModel(app);
    seededAt = new Date();
    await expect(seedDemoData(app.app, (line) => progress.push(line))).resolves.toBe(true);
    const [portfolio] = (await app.dataSource.query(`SELECT id FROM portfolios WHERE name = 'Clinic services'`)) as {
      id: string;
    }[];
    portfolioId = portfolio?.id ?? '';
  }, 120_000);
  afterAll(async () => {
    await obliterateQueues(app.config);
    await app.close();
  });

  /** The worker's follow-ups of the seed, which write inbox items and audit entries of their own. */
  const followUpsLanded = async (): Promise<void> => {
    // The accepted kiosk opens its process's value stream, which asks the lead for its baseline.
    const leadInbox = await eventually(
      () => inboxOf('lead@ambidex.local'),
      (list) => list.some((i) => i.kind === 'lean_baseline_due'),
      30_000,
    );
    expect(leadInbox.map((i) => i.kind)).toContain('lean_baseline_due');
    const [pending] = (await eventually(
      () =>
        app.dataSource.query(
          `SELECT count(*)::int AS n FROM management_reviews WHERE pack_assembled_round IS DISTINCT FROM pack_round`,
        ),
      (rows: { n: number }[]) => rows[0]?.n === 0,
      30_000,
    )) as { n: number }[];
    expect(pending?.n).toBe(0);
  };

  it('seeds once, with visible progress; a second run changes nothing', async () => {
    expect(progress).toContain('  seeding demo initiatives 10/10: Waiting-room digital signage');
    expect(progress.at(-1)).toMatch(/^ {2}demo data seeded in \d+\.\d s$/);
    // Counted once the worker's follow-ups have landed, so the second run is compared with a database at rest.
    await followUpsLanded();
    const before = await counts();
    await expect(seedDemoData(app.app, () => undefined)).resolves.toBe(false);
    expect(await counts()).toEqual(before);
    expect(await app.count('initiatives')).toBe(10);
  });

  it('the gatekeepers find a G1 review waiting for their scores, with its frozen evidence', async () => {
    const referrals = await initiativeId('Paper-free referrals');
    for (const email of ['gatekeeper@ambidex.local', 'gatekeeper2@ambidex.local']) {
      const items = await inboxOf(email);
      expect(items.map((i) => i.kind)).toEqual(['score_review']);
      expect(items[0]?.title).toMatch(/^Score G1 for “Paper-free referrals” by \d{4}-\d{2}-\d{2}$/);
      const review = (
        await app.request({ url: `/api/reviews/${items[0]?.subjectId}`, token: await signIn(email) })
      ).json<{
        status: string;
        gate: string;
        initiativeId: string;
        evidenceHash: string | null;
      }>();
      expect(review).toMatchObject({ status: 'scoring', gate: 'G1', initiativeId: referrals });
      expect(review.evidenceHash).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it('leadership finds a scored G2 review to decide as its chair', async () => {
    const items = await inboxOf('leadership@ambidex.local');
    expect(items.map((i) => i.kind)).toEqual(['decide_review']);
    expect(items[0]?.title).toMatch(
      /^Decide G2 for “Automated appointment reminders”: proposed go \(score [\d.]+ \/ 6\.5\)$/,
    );
    const review = (
      await app.request({ url: `/api/reviews/${items[0]?.subjectId}`, token: await signIn('leadership@ambidex.local') })
    ).json<{
      status: string;
      scorecardsIn: number;
      outcome: { passed: boolean };
    }>();
    expect(review).toMatchObject({ status: 'awaiting_decision', scorecardsIn: 2, outcome: { passed: true } });
  });

  it('the quality head finds a signed handover package to accept and three document revisions to approve', async () => {
    const items = await inboxOf('quality@ambidex.local');
    // The kiosk's documents were routed to the quality head at its acceptance, due two weeks later.
    const due = new Date(seededAt.getTime() + 14 * 86_400_000).toISOString().slice(0, 10);
    expect(items.map((i) => `${i.kind}: ${i.title}`).sort()).toEqual([
      `approve_revision: Review and approve CP-0001 rev 1: Self check-in kiosk — control plan by ${due}`,
      `approve_revision: Review and approve SPEC-0001 rev 1: Self check-in kiosk — specification by ${due}`,
      `approve_revision: Review and approve WI-0001 rev 1: Self check-in kiosk — work instruction by ${due}`,
      'handover_to_accept: Handover package “Online prescription renewal” waits for acceptance',
    ]);
    const packageId = items.find((i) => i.kind === 'handover_to_accept')?.subjectId;
    const pkg = (
      await app.request({ url: `/api/handover-packages/${packageId}`, token: await signIn('quality@ambidex.local') })
    ).json<{
      status: string;
      signatures: { meaning: string; status: string; printedName: string }[];
    }>();
    expect(pkg.status).toBe('submitted');
    expect(pkg.signatures).toEqual([
      expect.objectContaining({ meaning: 'authored', status: 'valid', printedName: 'Iris Innovation-Lead' }),
    ]);
  });

  it('the lead finds training on the kiosk procedure, the accepted handover, and a running experiment with untested assumptions', async () => {
    // The accepted kiosk opens its process's value stream through the worker, which asks the lead for its baseline.
    const items = await eventually(
      () => inboxOf('lead@ambidex.local'),
      (list) => list.some((i) => i.kind === 'lean_baseline_due'),
      30_000,
    );
    const actionDue = new Date(seededAt.getTime() + 14 * 86_400_000).toISOString().slice(0, 10);
    expect(items.map((i) => `${i.kind}: ${i.title}`).sort()).toEqual([
      'handover_package_accepted: Handover package “Self check-in kiosk” accepted: Evidence, controls and baselines are complete',
      expect.stringMatching(/^lean_baseline_due: Set the value-stream baseline of “.+”$/),
      `nonconformity_action: NC-0001: corrective action due ${actionDue}: Resume the open step after a time-out, and add the case to WI-0001`,
      'training: Read and acknowledge SOP-0001 rev 1: Self check-in kiosk — procedure',
    ]);
    const token = await signIn('lead@ambidex.local');
    const training = (await app.request({ url: '/api/me/training', token })).json<
      { documentNumber: string; acknowledgedAt: string | null }[]
    >();
    expect(training.map((t) => [t.documentNumber, t.acknowledgedAt])).toEqual([['SOP-0001', null]]);
    const wound = await initiativeId('Remote wound monitoring');
    const experiments = (await app.request({ url: `/api/initiatives/${wound}/experiments`, token })).json<
      { status: string }[]
    >();
    expect(experiments.map((e) => e.status)).toEqual(['running']);
    const assumptions = (await app.request({ url: `/api/initiatives/${wound}/assumptions`, token })).json<
      { status: string }[]
    >();
    expect(assumptions.map((a) => a.status)).toEqual(['untested', 'untested', 'untested']);
  });

  it('the auditor finds an audit of the kiosk handover assigned; the quality head a customer complaint in CAPA', async () => {
    const assigned = await inboxOf('auditor@ambidex.local');
    expect(assigned.map((i) => [i.kind, i.subjectType])).toEqual([['audit_assigned', 'internal_audit']]);
    const token = await signIn('quality@ambidex.local');
    const audit = (await app.request({ url: `/api/audits/${assigned[0]?.subjectId}`, token })).json<{
      status: string;
      subjectId: string;
      clauses: string[];
    }>();
    expect(audit).toMatchObject({ status: 'planned', subjectId: await initiativeId('Self check-in kiosk') });
    expect(audit.clauses).toEqual(['ISO56001-8.3.6', 'ISO9001-7.5', 'ISO9001-10.2']);
    const register = (await app.request({ url: '/api/nonconformities', token })).json<
      { number: string; source: string; status: string }[]
    >();
    expect(register).toEqual([
      expect.objectContaining({ number: 'NC-0001', source: 'customer_complaint', status: 'actions' }),
    ]);
  });

  it('leadership finds the year’s management review of the clinic portfolio scheduled, its pack assembled', async () => {
    const token = await signIn('leadership@ambidex.local');
    const reviews = await eventually(
      async () =>
        (await app.request({ url: '/api/management-reviews', token })).json<
          { number: string; status: string; packReady: boolean }[]
        >(),
      (list) => list.every((r) => r.packReady),
      30_000,
    );
    expect(reviews).toEqual([expect.objectContaining({ number: 'MR-0001', status: 'scheduled', packReady: true })]);
  });

  it('every demo decision went through a gate review with frozen evidence and two scorecards', async () => {
    const [row] = (await app.dataSource.query(
      `SELECT count(*)::int AS decisions,
              count(*) FILTER (WHERE r.status = 'decided' AND s.content_hash IS NOT NULL
                                 AND (SELECT count(*) FROM scorecards c WHERE c.review_id = r.id) = 2)::int AS reviewed
         FROM stage_events e LEFT JOIN gate_reviews r ON r.id = e.review_id LEFT JOIN evidence_snapshots s ON s.review_id = r.id
        WHERE e.kind = 'decision'`,
    )) as { decisions: number; reviewed: number }[];
    expect(row).toEqual({ decisions: 14, reviewed: 14 });
  });

  it('the demo lead sees tested assumptions and learnings, a killed idea keeping its learning', async () => {
    const rows = (await app.dataSource.query(
      `SELECT i.title, i.status, r.validated, r.invalidated, r.learnings, r.cost_per_learning
         FROM initiatives i JOIN initiative_learning_rollups r ON r.initiative_id = i.id WHERE r.learnings > 0 ORDER BY i.title`,
    )) as {
      title: string;
      status: string;
      validated: number;
      invalidated: number;
      learnings: number;
      cost_per_learning: string;
    }[];
    expect(rows).toEqual([
      {
        title: 'Automated appointment reminders',
        status: 'active',
        validated: 1,
        invalidated: 0,
        learnings: 1,
        cost_per_learning: '1200.00',
      },
      {
        title: 'Home blood sampling service',
        status: 'killed',
        validated: 0,
        invalidated: 1,
        learnings: 1,
        cost_per_learning: '2500.00',
      },
      {
        title: 'Online prescription renewal',
        status: 'active',
        validated: 1,
        invalidated: 0,
        learnings: 1,
        cost_per_learning: '3600.00',
      },
      {
        title: 'Self check-in kiosk',
        status: 'handed_over',
        validated: 2,
        invalidated: 0,
        learnings: 2,
        cost_per_learning: '4750.00',
      },
    ]);
  });

  it('the history spans the last year and every stage passage lasts realistic days, as the dashboard shows', async () => {
    const [span] = (await app.dataSource.query(
      `SELECT min(occurred_at) > now() - interval '366 days' AS within_a_year, count(DISTINCT occurred_at::date)::int AS days
         FROM stage_events e JOIN initiatives i ON i.id = e.initiative_id WHERE i.portfolio_id = $1`,
      [portfolioId],
    )) as { within_a_year: boolean; days: number }[];
    expect(span).toEqual({ within_a_year: true, days: 25 });
    const overview = (
      await app.request({
        url: `/api/insights/portfolios/${portfolioId}/overview`,
        token: await signIn('leadership@ambidex.local'),
      })
    ).json<InsightsOverview>();
    const cycle = Object.fromEntries(overview.cycleTimes.map((c) => [c.stage, c]));
    // The passages of demo-initiatives.ts: explore 24–52 days, experiment 104 and 115, develop 142 and 150.
    expect(cycle.explore).toMatchObject({ samples: 6, medianDays: 33, p85Days: 52 });
    expect(cycle.experiment).toMatchObject({ samples: 2, medianDays: 104, p85Days: 115 });
    expect(cycle.develop).toMatchObject({ samples: 2, medianDays: 142, p85Days: 150 });
    expect(cycle.handover).toMatchObject({ samples: 1 });
    expect(cycle.handover?.medianDays).toBeCloseTo(36, 0);
    expect(overview.gates.find((g) => g.gate === 'G1')).toMatchObject({ decisions: 8, go: 6, recycle: 1, kill: 1 });
    expect(overview.gates.find((g) => g.gate === 'G2')).toMatchObject({ decisions: 4, go: 2, recycle: 1, kill: 1 });
    expect(overview.learning.velocity).toBeGreaterThan(0);
    expect(overview.learning.velocity).toBeLessThan(1);
    expect(overview.handover).toMatchObject({ decided: 1, accepted: 1 });
  });

  it('the dashboard read model equals the figures computed straight from the history', async () => {
    const {
      portfolio: _portfolio,
      refreshedAt: _refreshedAt,
      ...served
    } = (
      await app.request({
        url: `/api/insights/portfolios/${portfolioId}/overview`,
        token: await signIn('leadership@ambidex.local'),
      })
    ).json<InsightsOverview>();
    expect(served).toEqual(await directOverview(app.dataSource, portfolioId, { fromDay: null, toDay: null }));
  });

  it('the audit chains verify, each back-dating among their entries', async () => {
    const admin = await app.newUser(['admin']);
    const verified = (await app.request({ url: '/api/admin/audit/verify', token: admin.token })).json<{
      ok: boolean;
      problems: unknown[];
      entries: number;
    }>();
    expect(verified).toMatchObject({ ok: true, problems: [] });
    const [moved] = (await app.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_entries WHERE action = $1 AND actor_label = 'demo seed'`,
      [BACKDATED_ACTION],
    )) as { n: number }[];
    // One per creation, one per decided review.
    expect(moved?.n).toBe(10 + 14);
  });
});
