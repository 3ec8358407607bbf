import { Browser, Page } from 'playwright-core';
import { TEST_PASSWORD, TestApp, TestUser } from '../support/test-app';
import { seriousAccessibilityViolations } from './support/axe';
import { laptopContext, openPage, phoneContext, screenshotPath, signIn, Watched } from './support/browser';
import { barValues, clickBar, listedTitles, waitForFigures } from './support/dashboard';
import { Seeded } from './support/seed';
import { ConsoleFixture, startConsole } from './support/console-fixture';
import { DASHBOARD_CODE, seedDashboard } from './support/dashboard-setup';

/**
 * Who gets the leadership section and how it is served, in Debian's chromium against the real API and worker on a
 * database of its own: console pages with a strict policy (the API's old /print redirects), a phone, and a user
 * without the leadership role, who is told whom the page is for and gets none of its data or code.
 */
describe('leadership dashboard: serving, phones and other roles', () => {
  let app: TestApp;
  let browser: Browser;
  let baseUrl: string;
  let leader: TestUser;
  let gatekeeper: TestUser;
  let seeded: Seeded;
  let main: Watched;
  let fixture: ConsoleFixture;

  const noAccessibilityProblems = async (page: Page): Promise<void> =>
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

  beforeAll(async () => {
    fixture = await startConsole(15_000);
    ({ app, browser, baseUrl, main } = fixture);
    ({ leader, gatekeeper, seeded } = await seedDashboard(app));
  }, 120_000);

  afterAll(async () => {
    await fixture?.close();
  });

  afterEach(() => {
    // No script error and nothing refused by the policy, ever, in the laptop session.
    expect(main?.errors ?? []).toEqual([]);
    expect(main?.policyViolations ?? []).toEqual([]);
  });

  it('serves the section as console pages; the old /print redirects with its filters and its assets are gone', async () => {
    for (const url of ['/dashboard', '/dashboard/print']) {
      const response = await app.request({ url });
      expect([url, response.status, String(response.headers['content-type'])]).toEqual([
        url,
        200,
        expect.stringContaining('text/html'),
      ]);
      const policy = String(response.headers['content-security-policy']);
      expect(policy).toContain("style-src 'self';");
      expect(policy).not.toContain('unsafe-inline');
    }
    const old = await app.request({ url: `/print?portfolio=${seeded.portfolioId}&print=1` });
    expect([old.status, old.headers.location]).toEqual([
      301,
      `/dashboard/print?portfolio=${seeded.portfolioId}&print=1`,
    ]);
    const bare = await app.request({ url: '/print' });
    expect([bare.status, bare.headers.location]).toEqual([301, '/dashboard/print']);
    for (const url of [
      '/print/assets/app.js',
      '/print/assets/echarts.min.js',
      '/assets/echarts.min.js',
      '/assets/app.js',
    ]) {
      const response = await app.request({ url });
      expect([url, response.status, response.headers['content-type']]).toEqual([
        url,
        404,
        expect.stringContaining('application/problem+json'),
      ]);
    }
  });

  it('is readable on a phone: nothing scrolls sideways, bars lie on their side, a tap lists', async () => {
    const context = await phoneContext(browser);
    const phone = await openPage(context);
    const page = phone.page;
    await page.goto(`${baseUrl}/dashboard`);
    await signIn(page, leader.email, TEST_PASSWORD);
    await waitForFigures(page);
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await expect(page.locator('[data-chart="funnel"]').getAttribute('data-layout')).resolves.toBe('horizontal');
    expect(await barValues(page, 'funnel', 'current')).toEqual([3, 2, 1, 0, 1]);
    await page.screenshot({ path: screenshotPath('console-dashboard-phone.png'), fullPage: true });
    await noAccessibilityProblems(page);
    await clickBar(page, 'funnel', 'current', 0, true);
    expect(await listedTitles(page)).toEqual(['Heat pump service', 'Grid analytics', 'Carbon marketplace']);
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await page.screenshot({ path: screenshotPath('console-dashboard-drilldown-phone.png') });
    expect(phone.errors).toEqual([]);
    expect(phone.policyViolations).toEqual([]);
    await context.close();
  }, 60_000);

  it('a gatekeeper is told the dashboard is for leadership, gets none of its data or code, and starts at My work', async () => {
    const context = await laptopContext(browser);
    context.setDefaultTimeout(15_000);
    const other = await openPage(context);
    const page = other.page;
    await page.goto(`${baseUrl}/dashboard?portfolio=${seeded.portfolioId}`);
    await signIn(page, gatekeeper.email, TEST_PASSWORD);
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    for (const path of ['/dashboard', '/dashboard/print']) {
      await page.goto(`${baseUrl}${path}?portfolio=${seeded.portfolioId}`);
      const notice = page.getByRole('alert').filter({ hasText: 'Not for your role' });
      await notice.waitFor();
      await expect(notice.textContent()).resolves.toContain('This page is for: Leadership, Admin');
      await expect(page.locator('.figures, table, svg[role="img"]').count()).resolves.toBe(0);
    }
    await page.screenshot({ path: screenshotPath('console-dashboard-not-for-your-role.png'), fullPage: true });
    await noAccessibilityProblems(page);
    expect(other.requests.filter((p) => p.startsWith('/api/insights'))).toEqual([]);
    expect(other.requests.filter((p) => DASHBOARD_CODE.test(p))).toEqual([]);
    // The server refuses too, whatever the page does.
    await expect(page.evaluate<number>("fetch('/api/insights/portfolios').then((r) => r.status)")).resolves.toBe(403);

    await page.goto(baseUrl);
    await page.waitForURL((url) => url.pathname === '/inbox');
    await expect(
      page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboard' }).count(),
    ).resolves.toBe(0);
    expect([other.errors, other.policyViolations]).toEqual([[], []]);
    await context.close();
  }, 60_000);
});
