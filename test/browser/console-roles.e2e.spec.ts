import { readFileSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Role } from '@ambidex/identity';
import { newInitiative } from '@ambidex/testing';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { eventually } from '@ambidex/testing';
import { HandoverCast, handoverCast } from '../handover/support';
import { TEST_PASSWORD, TestApp, TestUser } from '../support/test-app';
import { seriousAccessibilityViolations } from './support/axe';
import { laptopContext, launchChromium, screenshotPath, signIn } from './support/browser';
import { packageWithGaps, PackageWithGaps } from './support/package-with-gaps';

const ROLES: Role[] = ['innovation_lead', 'gatekeeper', 'quality_head', 'auditor', 'leadership', 'admin'];
const LABELS: Record<Role, string> = {
  innovation_lead: 'Innovation lead',
  gatekeeper: 'Gatekeeper',
  quality_head: 'Quality head',
  auditor: 'Auditor',
  leadership: 'Leadership',
  admin: 'Admin',
};

interface Route {
  /** The route's path exactly as App.tsx writes it. */
  path: string;
  /** An address of that route with real data behind it. */
  url: (ids: Ids) => string;
  /** Who may use the page; 'signed-in' for every signed-in user (the API serves its data to every role). */
  roles: readonly Role[] | 'signed-in';
  /** For a page of some roles: an API call of its data, which must refuse the other roles. */
  refused?: { method: 'GET' | 'POST' | 'PATCH'; url: (ids: Ids) => string };
}

/** The package's ids, and what the settings pages show: its portfolio, the default process model and a draft of it. */
interface Ids extends PackageWithGaps {
  portfolioId: string;
  processModelId: string;
  draftId: string;
  nonconformityId: string;
  auditId: string;
  feedbackId: string;
  managementReviewId: string;
  valueStreamId: string;
  improvementId: string;
}

/** Every route of the console; the first test fails when App.tsx has one this list does not name. */
const ROUTES: Route[] = [
  { path: '/', url: () => '/', roles: 'signed-in' },
  { path: 'inbox', url: () => '/inbox', roles: 'signed-in' },
  { path: 'portfolio', url: () => '/portfolio', roles: 'signed-in' },
  {
    path: 'initiatives/new',
    url: () => '/initiatives/new',
    roles: ['innovation_lead', 'admin'],
    refused: { method: 'POST', url: () => '/api/initiatives' },
  },
  { path: 'initiatives/:id', url: (ids) => `/initiatives/${ids.initiativeId}`, roles: 'signed-in' },
  {
    path: 'initiatives/:id/experiments',
    url: (ids) => `/initiatives/${ids.initiativeId}/experiments`,
    roles: 'signed-in',
  },
  { path: 'reviews/:id', url: (ids) => `/reviews/${ids.reviewId}`, roles: 'signed-in' },
  { path: 'initiatives/:id/handover', url: (ids) => `/initiatives/${ids.initiativeId}/handover`, roles: 'signed-in' },
  { path: 'packages/:id', url: (ids) => `/packages/${ids.packageId}`, roles: 'signed-in' },
  { path: 'packages/:id/trace', url: (ids) => `/packages/${ids.packageId}/trace`, roles: 'signed-in' },
  { path: 'documents', url: () => '/documents', roles: 'signed-in' },
  { path: 'documents/:id', url: (ids) => `/documents/${ids.documents[0]?.id}`, roles: 'signed-in' },
  { path: 'revisions/:id', url: (ids) => `/revisions/${ids.documents[0]?.revisionId}`, roles: 'signed-in' },
  { path: 'training', url: () => '/training', roles: 'signed-in' },
  { path: 'nonconformities', url: () => '/nonconformities', roles: 'signed-in' },
  { path: 'nonconformities/new', url: () => '/nonconformities/new', roles: 'signed-in' },
  { path: 'nonconformities/:id', url: (ids) => `/nonconformities/${ids.nonconformityId}`, roles: 'signed-in' },
  { path: 'audits', url: () => '/audits', roles: 'signed-in' },
  {
    path: 'audits/new',
    url: () => '/audits/new',
    roles: ['quality_head'],
    refused: { method: 'POST', url: () => '/api/audits' },
  },
  { path: 'audits/:id', url: (ids) => `/audits/${ids.auditId}`, roles: 'signed-in' },
  { path: 'market/feedback/:id', url: (ids) => `/market/feedback/${ids.feedbackId}`, roles: 'signed-in' },
  {
    path: 'management-reviews',
    url: () => '/management-reviews',
    roles: ['leadership', 'quality_head', 'auditor'],
    refused: { method: 'GET', url: () => '/api/management-reviews' },
  },
  {
    path: 'management-reviews/:id',
    url: (ids) => `/management-reviews/${ids.managementReviewId}`,
    roles: ['leadership', 'quality_head', 'auditor'],
    refused: { method: 'GET', url: (ids) => `/api/management-reviews/${ids.managementReviewId}` },
  },
  { path: 'management-review-actions', url: () => '/management-review-actions', roles: 'signed-in' },
  {
    path: 'evidence',
    url: () => '/evidence',
    roles: ['auditor', 'quality_head', 'leadership'],
    refused: { method: 'GET', url: () => '/api/evidence?from=2026-01-01&to=2026-12-31' },
  },
  {
    path: 'improvements',
    url: () => '/improvements',
    roles: ['quality_head', 'innovation_lead', 'leadership', 'auditor'],
    refused: { method: 'GET', url: () => '/api/improvements' },
  },
  { path: 'improvements/:id', url: (ids) => `/improvements/${ids.improvementId}`, roles: 'signed-in' },
  {
    path: 'value-streams/:id',
    url: (ids) => `/value-streams/${ids.valueStreamId}`,
    roles: ['quality_head', 'innovation_lead', 'leadership', 'auditor'],
    refused: { method: 'GET', url: (ids) => `/api/value-streams/${ids.valueStreamId}` },
  },
  {
    path: 'admin/users',
    url: () => '/admin/users',
    roles: ['admin'],
    refused: { method: 'GET', url: () => '/api/admin/users' },
  },
  {
    path: 'admin/audit',
    url: () => '/admin/audit',
    roles: ['admin'],
    refused: { method: 'GET', url: () => '/api/admin/audit/verify' },
  },
  {
    path: 'admin/dead-letters',
    url: () => '/admin/dead-letters',
    roles: ['admin'],
    refused: { method: 'GET', url: () => '/api/admin/dead-letters' },
  },
  {
    path: 'admin/numbering-schemes',
    url: () => '/admin/numbering-schemes',
    roles: ['admin'],
    refused: { method: 'GET', url: () => '/api/admin/numbering-schemes' },
  },
  {
    path: 'review-intervals',
    url: () => '/review-intervals',
    roles: ['quality_head', 'admin'],
    refused: { method: 'GET', url: () => '/api/document-review-intervals' },
  },
  {
    path: 'portfolios',
    url: () => '/portfolios',
    roles: ['leadership', 'admin'],
    refused: { method: 'POST', url: () => '/api/portfolios' },
  },
  {
    path: 'portfolios/:id',
    url: (ids) => `/portfolios/${ids.portfolioId}`,
    roles: ['leadership', 'admin'],
    refused: { method: 'PATCH', url: (ids) => `/api/portfolios/${ids.portfolioId}` },
  },
  {
    path: 'portfolios/:id/webhooks',
    url: (ids) => `/portfolios/${ids.portfolioId}/webhooks`,
    roles: ['leadership', 'admin'],
    refused: { method: 'GET', url: (ids) => `/api/portfolios/${ids.portfolioId}/webhooks` },
  },
  { path: 'process-models', url: () => '/process-models', roles: 'signed-in' },
  { path: 'process-models/:id', url: (ids) => `/process-models/${ids.processModelId}`, roles: 'signed-in' },
  {
    path: 'process-models/:id/edit',
    url: (ids) => `/process-models/${ids.draftId}/edit`,
    roles: ['admin'],
    refused: { method: 'PATCH', url: (ids) => `/api/process-models/${ids.draftId}` },
  },
  {
    path: 'dashboard',
    url: () => '/dashboard',
    roles: ['leadership', 'admin'],
    refused: { method: 'GET', url: () => '/api/insights/portfolios' },
  },
  {
    path: '/dashboard/print',
    url: () => '/dashboard/print',
    roles: ['leadership', 'admin'],
    refused: { method: 'GET', url: () => '/api/insights/portfolios' },
  },
  { path: 'search', url: () => '/search?q=kiosk', roles: 'signed-in' },
  { path: 'account', url: () => '/account', roles: 'signed-in' },
  { path: '*', url: () => '/no-such-page', roles: 'signed-in' },
];

/** What the shell itself asks on every page (who is signed in, their own inbox), not the page's data. */
const SHELL_CALLS = new Set(['/api/auth/me', '/api/auth/refresh', '/api/me/inbox']);

interface Visit {
  page: Page;
  /** The API answers the page got since the last `go`, by path. */
  answers: { path: string; status: number }[];
  errors: string[];
  go: (url: string) => Promise<void>;
}

/**
 * Every console page as a user whose roles may not use it: the page names the roles it is for and shows nothing
 * else, and the API gave it no data. Pages for every signed-in user are opened by each role, and must not break.
 * Signed out, every deep link shows the sign-in form and no data.
 */
describe('every console page and who may see it', () => {
  let app: TestApp;
  let browser: Browser;
  let baseUrl: string;
  let cast: HandoverCast;
  let ids: Ids;
  /** Data the pages show to those allowed; none of it may appear for the others or signed out. */
  let secrets: string[];
  const contexts: BrowserContext[] = [];

  const visitor = async (user: TestUser | null): Promise<Visit> => {
    const context = await laptopContext(browser);
    context.setDefaultTimeout(15_000);
    contexts.push(context);
    const page = await context.newPage();
    const visit: Visit = {
      page,
      answers: [],
      errors: [],
      go: async (url) => {
        visit.answers = [];
        await page.goto(`${baseUrl}${url}`);
        await page.waitForLoadState('networkidle');
      },
    };
    page.on('pageerror', (error) => visit.errors.push(error.message));
    page.on('response', (response) => {
      const path = new URL(response.url()).pathname;
      if (path.startsWith('/api/')) visit.answers.push({ path, status: response.status() });
    });
    if (user !== null) {
      // Signed in on a page that asks for no data, so no answer of it can arrive after the first `go`.
      await page.goto(`${baseUrl}/no-such-page`);
      await signIn(page, user.email, TEST_PASSWORD);
      await page.getByRole('navigation', { name: 'Main' }).waitFor();
    }
    return visit;
  };

  beforeAll(async () => {
    browser = await launchChromium();
    app = await TestApp.startIsolated({ worker: true });
    await app.app.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = `http://127.0.0.1:${(app.app.getHttpServer().address() as AddressInfo).port}`;
    cast = await handoverCast(app);
    ids = await withSettings(await packageWithGaps(app, cast));
    secrets = [
      cast.owner.email,
      cast.quality.email,
      'Kiosk check-in',
      ...ids.documents.flatMap((d) => [d.number, d.title]),
    ];
  }, 180_000);

  /** The package's portfolio, the process model it runs on, and a draft of that model for the admins' editor. */
  const withSettings = async (pkg: PackageWithGaps): Promise<Ids> => {
    const admin = await app.newUser(['admin'], 'settings-admin');
    const initiative = await app.request({ url: `/api/initiatives/${pkg.initiativeId}`, token: admin.token });
    const { portfolioId, processModelId } = initiative.json<{ portfolioId: string; processModelId: string }>();
    const model = (await app.request({ url: `/api/process-models/${processModelId}`, token: admin.token })).json<{
      definition: unknown;
    }>();
    const draft = await app.request({
      method: 'POST',
      url: '/api/process-models',
      token: admin.token,
      body: { key: 'roles_check', name: 'Roles check', definition: model.definition },
    });
    expect(draft.status).toBe(201);
    const nonconformity = await app.request({
      method: 'POST',
      url: '/api/nonconformities',
      token: admin.token,
      body: {
        subject: { type: 'handover_package', id: pkg.packageId },
        source: 'internal_audit',
        severity: 'minor',
        probability: 2,
        description: 'Roles check nonconformity',
      },
    });
    expect(nonconformity.status).toBe(201);
    const planner = await app.newUser(['quality_head'], 'roles-audit-planner');
    const auditor = await app.newUser(['auditor'], 'roles-auditor');
    const audit = await app.request({
      method: 'POST',
      url: '/api/audits',
      token: planner.token,
      body: {
        plannedFor: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
        scope: 'Roles check audit',
        clauses: ['ISO9001-7.5'],
        auditorId: auditor.id,
      },
    });
    expect(audit.status).toBe(201);
    const product = await newInitiative(app.dataSource, {
      ownerId: cast.owner.id,
      portfolioId,
      stage: 'in_operation',
      status: 'handed_over',
    });
    const feedback = await app.request({
      method: 'POST',
      url: `/api/initiatives/${product}/market/feedback`,
      token: admin.token,
      body: { channel: 'survey', sentiment: 'positive', text: 'Roles check feedback', receivedOn: '2026-01-15' },
    });
    expect(feedback.status).toBe(201);
    const leader = await app.newUser(['leadership'], 'roles-review-leader');
    const review = await app.request({
      method: 'POST',
      url: '/api/management-reviews',
      token: leader.token,
      body: {
        meetingOn: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
        from: new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 10),
        to: new Date().toISOString().slice(0, 10),
      },
    });
    expect(review.status).toBe(201);
    // The accepted package's process has a value stream (opened by the handover event); a quality head raises on it.
    const processRecordId = (
      await app.request({ url: `/api/handover-packages/${pkg.packageId}`, token: cast.quality.token })
    ).json<{ processRecord: { id: string } }>().processRecord.id;
    const stream = await eventually(
      () => app.request({ url: `/api/process-records/${processRecordId}/value-stream`, token: cast.quality.token }),
      (r) => r.status === 200,
      20_000,
    );
    const valueStreamId = stream.json<{ id: string }>().id;
    const improvement = await app.request({
      method: 'POST',
      url: `/api/value-streams/${valueStreamId}/improvements`,
      token: cast.quality.token,
      body: { waste: 'waiting', problem: 'Roles check improvement', target: 'Roles check target' },
    });
    expect(improvement.status).toBe(201);
    return {
      ...pkg,
      portfolioId,
      processModelId,
      draftId: draft.json<{ id: string }>().id,
      nonconformityId: nonconformity.json<{ id: string }>().id,
      auditId: audit.json<{ id: string }>().id,
      feedbackId: feedback.json<{ id: string }>().id,
      managementReviewId: review.json<{ id: string }>().id,
      valueStreamId,
      improvementId: improvement.json<{ id: string }>().id,
    };
  };

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close();
  });

  it('names every route of App.tsx, so a new page cannot be left out', () => {
    const source = readFileSync(join(__dirname, '..', '..', 'apps', 'web', 'src', 'app', 'App.tsx'), 'utf8');
    const paths = [...source.matchAll(/\bpath:\s*'([^']+)'/g)].map((m) => m[1]);
    expect(paths.length).toBeGreaterThan(10);
    expect([...new Set(paths)].sort()).toEqual(ROUTES.map((r) => r.path).sort());
  });

  it('a page for some roles tells anyone else which roles it is for, and shows and receives none of its data', async () => {
    // One signed-in visitor per set of roles: many pages share who they are for, and signing in is the slow part.
    const signedIn = new Map<string, { user: TestUser; visit: Visit }>();
    const visitorWith = async (roles: Role[]): Promise<{ user: TestUser; visit: Visit }> => {
      const key = [...roles].sort().join('+');
      const known = signedIn.get(key);
      if (known !== undefined) return known;
      const user = await app.newUser(roles, `roles-set-${signedIn.size}`);
      const fresh = { user, visit: await visitor(user) };
      signedIn.set(key, fresh);
      return fresh;
    };
    for (const route of ROUTES.filter((r) => r.roles !== 'signed-in')) {
      const allowed = route.roles as readonly Role[];
      const { user: outsider, visit } = await visitorWith(ROLES.filter((r) => !allowed.includes(r)));
      await visit.go(route.url(ids));
      const main = visit.page.getByRole('main');
      const notice = main.getByRole('alert').filter({ hasText: 'Not for your role' });
      await notice.waitFor();
      await expect(notice.textContent()).resolves.toContain(
        `This page is for: ${allowed.map((r) => LABELS[r]).join(', ')}.`,
      );
      // The notice is all the page shows: no heading, table, form or field of its own.
      await expect(main.innerText()).resolves.toBe(await notice.innerText());
      await expect(visit.page.getByRole('table').count()).resolves.toBe(0);
      await expect(visit.page.getByRole('textbox').count()).resolves.toBe(0);
      const body = await visit.page.locator('body').innerText();
      expect(secrets.filter((s) => body.includes(s))).toEqual([]);
      const dataCalls = visit.answers.filter((a) => !SHELL_CALLS.has(a.path));
      expect([route.path, dataCalls.filter((a) => a.status < 400)]).toEqual([route.path, []]);
      // Hiding is a courtesy; the API refuses the data to these roles as well.
      const method = route.refused?.method ?? 'GET';
      const refused = await app.request({
        method,
        url: route.refused?.url(ids) ?? '',
        token: outsider.token,
        body: method === 'GET' ? undefined : {},
      });
      expect([route.path, refused.status]).toEqual([route.path, 403]);
      await expect(seriousAccessibilityViolations(visit.page)).resolves.toEqual([]);
      expect(visit.errors).toEqual([]);
      if (route.path === 'admin/users')
        await visit.page.screenshot({ path: screenshotPath('console-roles-not-for-you.png'), fullPage: true });

      // The roles it is for get the page itself.
      const { visit: insider } = await visitorWith([allowed[0] as Role]);
      await insider.go(route.url(ids));
      await insider.page.getByRole('main').getByRole('heading', { level: 1 }).waitFor();
      await expect(insider.page.getByText('Not for your role').count()).resolves.toBe(0);
    }
  }, 420_000);

  it('a page for every signed-in user opens for each role on its own, without a refusal or an error', async () => {
    const everyone = ROUTES.filter((r) => r.roles === 'signed-in');
    const openEveryPageAs = async (role: Role): Promise<void> => {
      const visit = await visitor(await app.newUser([role], `only-${role}`));
      for (const route of everyone) {
        await visit.go(route.url(ids));
        const main = visit.page.getByRole('main');
        await main.getByRole('heading', { level: 1 }).first().waitFor();
        await expect(main.getByText('Loading…').count()).resolves.toBe(0);
        await expect([role, route.path, await main.getByText('Not for your role').count()]).toEqual([
          role,
          route.path,
          0,
        ]);
        const failed = visit.answers.filter((a) => a.status >= 400 && !SHELL_CALLS.has(a.path));
        expect([role, route.path, failed]).toEqual([role, route.path, []]);
        await expect(main.getByRole('alert').allTextContents()).resolves.toEqual([]);
        if (role === 'gatekeeper') {
          const violations = await seriousAccessibilityViolations(visit.page);
          expect([route.path, violations]).toEqual([route.path, []]);
        }
      }
      expect([role, visit.errors]).toEqual([role, []]);
      await visit.page.context().close();
    };
    // Three roles at a time, each in its own browser context: most of a visit is waiting for the network to settle.
    for (let i = 0; i < ROLES.length; i += 3) await Promise.all(ROLES.slice(i, i + 3).map(openEveryPageAs));
  }, 300_000);

  it('signed out, every deep link shows the sign-in form and none of the data, and the API gave the page nothing', async () => {
    const visit = await visitor(null);
    for (const route of ROUTES) {
      await visit.go(route.url(ids));
      await visit.page.getByRole('heading', { name: 'Sign in to Ambidex' }).waitFor();
      await expect(visit.page.getByLabel('Email', { exact: true }).count()).resolves.toBe(1);
      await expect(visit.page.getByRole('navigation', { name: 'Main' }).count()).resolves.toBe(0);
      const body = await visit.page.locator('body').innerText();
      expect([route.path, secrets.filter((s) => body.includes(s))]).toEqual([route.path, []]);
      expect([route.path, visit.answers.filter((a) => a.status < 400)]).toEqual([route.path, []]);
      expect(visit.answers.map((a) => a.path)).toContain('/api/auth/me');
    }
    await expect(seriousAccessibilityViolations(visit.page)).resolves.toEqual([]);
    expect(visit.errors).toEqual([]);

    // Signing in from a deep link opens the page asked for.
    const trace = ROUTES.find((r) => r.path === 'packages/:id/trace')?.url(ids) ?? '';
    await visit.go(trace);
    await signIn(visit.page, cast.quality.email, TEST_PASSWORD);
    await visit.page.getByRole('heading', { name: /^Trace: /, level: 1 }).waitFor();
    expect(new URL(visit.page.url()).pathname).toBe(trace);
  }, 120_000);
});
