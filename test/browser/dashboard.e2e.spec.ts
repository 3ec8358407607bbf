import { InsightsOverview, InsightsRefreshScheduler } from '@ambidex/insights';
import { TransactionRunner } from '@ambidex/platform';
import { StageTransitions } from '@ambidex/portfolio';
import { eventually } from '@ambidex/testing';
import { readFileSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { Browser, BrowserContext } from 'playwright-core';
import { TEST_PASSWORD, TestApp, TestUser } from '../support/test-app';
import {
  chartData,
  clickBar,
  drawerTitles,
  laptopContext,
  launchChromium,
  openPage,
  phoneContext,
  screenshotPath,
  signIn,
  waitForLoads,
  Watched,
} from './support/browser';
import { ecvOf, SEED, Seeded, seedPortfolio } from './support/seed';

const STAGE_LABELS = ['Explore', 'Experiment', 'Develop', 'Handover', 'In operation'];
const money = (title: string): number | null => ecvOf(SEED.find((s) => s.title === title)?.money ?? null);
const day = (daysAgo: number): string => new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);

/**
 * The leadership dashboard as a person uses it, in Debian's chromium through playwright-core, against the real API
 * and worker on a database of its own: sign in through the form, read the seeded figures off the charts, filter,
 * click through to the initiatives, export, print, on a laptop and a phone; and the same page refuses its data to a
 * user without the leadership role. Screenshots go to artifacts/screenshots/.
 */
describe('leadership dashboard in a browser', () => {
  let app: TestApp;
  let browser: Browser;
  let baseUrl: string;
  let leader: TestUser;
  let lead: TestUser;
  let seeded: Seeded;
  let laptop: BrowserContext;
  let main: Watched;

  const api = async <T>(url: string, token = leader.token): Promise<T> => {
    const response = await app.request({ url, token });
    if (response.status !== 200) throw new Error(`${url}: ${response.status} ${response.body}`);
    return response.json<T>();
  };
  const overview = (query = ''): Promise<InsightsOverview> => api(`/api/insights/portfolios/${seeded.portfolioId}/overview${query}`);
  const refreshedAt = async (): Promise<string | null> => {
    const [row] = (await app.dataSource.query(`SELECT refreshed_at FROM insights_portfolio_state WHERE portfolio_id = $1`, [seeded.portfolioId])) as {
      refreshed_at: Date;
    }[];
    return row === undefined ? null : row.refreshed_at.toISOString();
  };

  beforeAll(async () => {
    browser = await launchChromium();
    app = await TestApp.startIsolated({ worker: true });
    await app.app.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = `http://127.0.0.1:${(app.app.getHttpServer().address() as AddressInfo).port}`;
    leader = await app.newUser(['leadership'], 'leader');
    lead = await app.newUser(['innovation_lead', 'gatekeeper'], 'lead');
    const alice = await app.newUser(['innovation_lead'], 'alice');
    const bob = await app.newUser(['innovation_lead'], 'bob');
    seeded = await seedPortfolio(app.dataSource, { leader: leader.id, alice: alice.id, bob: bob.id }, 'Energy transition');
    // The read model is refreshed the way production does it: a deduplicated BullMQ job run by the worker.
    await app.app.get(InsightsRefreshScheduler, { strict: false }).request(seeded.portfolioId);
    const refreshed = await eventually(refreshedAt, (at) => at !== null, 20_000);
    expect(refreshed).not.toBeNull();
    laptop = await laptopContext(browser);
    main = await openPage(laptop);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  afterEach(() => {
    // No script error, ever, in any page of the laptop session.
    expect(main?.errors ?? []).toEqual([]);
  });

  it('serves the pages and a fixed set of assets from the API (no CDN), and nothing else under /assets', async () => {
    for (const [url, type] of [
      ['/', 'text/html'], ['/print', 'text/html'], ['/assets/app.js', 'text/javascript'], ['/assets/styles.css', 'text/css'],
      ['/assets/echarts.min.js', 'text/javascript'],
    ]) {
      const response = await app.request({ url: url ?? '' });
      expect([url, response.status, String(response.headers['content-type'])]).toEqual([url, 200, expect.stringContaining(type ?? '')]);
    }
    const html = (await app.request({ url: '/' })).body + (await app.request({ url: '/print' })).body;
    expect(html).not.toMatch(/(?:src|href)="(?:https?:)?\/\//);
    expect(String((await app.request({ url: '/' })).headers['content-security-policy'])).toContain("default-src 'self'");
    for (const url of ['/assets/package.json', '/assets/..%2F..%2Fpackage.json', '/assets/index.html']) {
      const response = await app.request({ url });
      expect([url, response.status]).toEqual([url, 404]);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    }
  });

  it('signs leadership in through the form (errors from the problem detail) and shows the seeded figures', async () => {
    const page = main.page;
    await page.goto(baseUrl);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();

    const wrong = await app.request({ method: 'POST', url: '/api/auth/login', body: { email: leader.email, password: 'not-the-password-1' } });
    const detail = wrong.json<{ detail: string }>().detail;
    await signIn(page, leader.email, 'not-the-password-1');
    await page.getByRole('alert').filter({ hasText: detail }).waitFor();

    await signIn(page, leader.email, TEST_PASSWORD);
    await waitForLoads(page, 1);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Energy transition');
    expect(await page.getByLabel('Portfolio', { exact: true }).inputValue()).toBe(seeded.portfolioId);

    // Funnel: now, inflow and outflow per stage, as the seeded history makes them.
    const funnel = await chartData(page, 'chart-funnel');
    expect(funnel.categories).toEqual(STAGE_LABELS);
    expect(funnel.series.map((s) => s.name)).toEqual(['Now in stage', 'Inflow', 'Outflow']);
    expect(funnel.series[0]?.data).toEqual([3, 2, 1, 0, 1]);
    expect(funnel.series[1]?.data).toEqual([8, 4, 2, 1, 1]);
    expect(funnel.series[2]?.data).toEqual([5, 2, 1, 1, 0]);

    // Gates: G1 6 decisions (3 go, 1 conditional go, 1 kill, 1 recycle), G2 3 (2 go, 1 hold), G3 1 go.
    const gates = await chartData(page, 'chart-gates');
    expect(gates.categories).toEqual(['G1', 'G2', 'G3']);
    expect(gates.series.map((s) => s.name)).toEqual(['Conversion', 'Kill', 'Recycle', 'Hold']);
    expect(gates.series[0]?.data).toEqual([0.6667, 0.6667, 1]);
    expect(gates.series[1]?.data).toEqual([0.1667, 0, 0]);
    expect(gates.series[2]?.data).toEqual([0.1667, 0, 0]);
    expect(gates.series[3]?.data).toEqual([0, 0.3333, 0]);

    // ECV ranking: the active initiatives with estimates, highest first, to the cent of the formula.
    const ecv = await chartData(page, 'chart-ecv');
    const ranked = ['Solar roof tiles', 'Heat pump service', 'Smart meter app', 'Grid analytics'];
    expect(ecv.categories).toEqual(ranked);
    expect(ecv.series[0]?.data).toEqual(ranked.map(money));
    expect(ecv.series[0]?.data).toEqual([2_300_000, 624_000, 500_000, 140_000]);

    // Balance of the pipeline (6 initiatives: 3 core, 1 adjacent, 2 transformational) against 70/20/10.
    const ambition = await chartData(page, 'chart-balance-ambition');
    expect(ambition.series[0]?.data).toEqual([0.5, 0.1667, 0.3333]);
    expect(ambition.series[1]?.data).toEqual([0.7, 0.2, 0.1]);

    // Bubbles: one per active initiative with estimates, coloured (a series) by ambition.
    const bubbles = await chartData(page, 'chart-bubbles');
    expect(bubbles.series.map((s) => [s.name, s.data.length])).toEqual([['Core', 3], ['Adjacent', 1], ['Transformational', 0]]);

    // Tiles and the zombies table.
    await expect(page.locator('#tile-initiatives').textContent()).resolves.toBe('7');
    await expect(page.locator('#tile-zombies').textContent()).resolves.toBe('1');
    await expect(page.locator('#tile-velocity').textContent()).resolves.toBe('0.55');
    await expect(page.locator('#tile-cost-per-learning').textContent()).resolves.toBe('15K');
    await expect(page.locator('#tile-acceptance').textContent()).resolves.toBe('100%');
    await expect(page.locator('#tile-time-to-controlled').textContent()).resolves.toBe('40.0 days');
    const zombieRow = page.locator('#table-zombies tbody tr');
    await expect(zombieRow.count()).resolves.toBe(1);
    expect(await zombieRow.first().textContent()).toMatch(/Heat pump service\s*G1/);

    // Every chart shows exactly what the API says for the same filters.
    const fromApi = await overview(`?from=${day(365)}&to=${day(0)}`);
    expect(funnel.series[0]?.data).toEqual(fromApi.funnel.map((f) => f.current));
    expect(gates.series[0]?.data).toEqual(fromApi.gates.map((g) => g.conversionRate));
    expect(ecv.series[0]?.data).toEqual(fromApi.ecvRanking.map((r) => r.ecv));
    expect(await chartData(page, 'chart-cycle').then((c) => c.series[0]?.data)).toEqual(fromApi.cycleTimes.map((c) => c.medianDays));

    await page.screenshot({ path: screenshotPath('dashboard-laptop.png'), fullPage: true });
    // Everything came from the API itself: no CDN, no web fonts.
    expect([...main.origins]).toEqual([baseUrl]);
    expect(main.requests).toEqual(expect.arrayContaining(['/assets/echarts.min.js', '/assets/app.js', '/assets/styles.css']));
  }, 60_000);

  it('applies filters (ambition, period) and the figures change; reset brings them back', async () => {
    const page = main.page;
    await page.getByLabel('Ambition', { exact: true }).selectOption('core');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await waitForLoads(page, 2);
    expect(page.url()).toContain('ambition=core');
    // Core only: Solar (develop), Smart meter (experiment), Grid (explore), Robots (in operation).
    expect((await chartData(page, 'chart-funnel')).series[0]?.data).toEqual([1, 1, 1, 0, 1]);
    const gates = await chartData(page, 'chart-gates');
    expect(gates.series[0]?.data[0]).toBe(0.75); // G1: go, go, go, recycle
    expect(gates.series[1]?.data[0]).toBe(0); // no kill among core
    expect((await chartData(page, 'chart-ecv')).categories).toEqual(['Solar roof tiles', 'Smart meter app', 'Grid analytics']);
    await expect(page.locator('#tile-zombies').textContent()).resolves.toBe('0');

    // The last 100 days: no G1 decision then; at G2 Solar's go and Hydrogen's hold.
    await page.getByLabel('Ambition', { exact: true }).selectOption('');
    await page.getByLabel('From', { exact: true }).fill(day(100));
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await waitForLoads(page, 3);
    const recent = await chartData(page, 'chart-gates');
    expect(recent.series[0]?.data).toEqual([null, 0.5, null]);
    expect(recent.series[3]?.data).toEqual([null, 0.5, null]);
    expect((await chartData(page, 'chart-funnel')).series[1]?.data).toEqual([2, 0, 1, 0, 0]); // Heat pump and Carbon created; Solar into develop

    // A bad owner id never reaches the API; the page says what is wrong.
    await page.getByLabel('Owner id', { exact: true }).fill('not-a-user');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.getByRole('status').filter({ hasText: 'The owner must be a user id' }).waitFor();

    await page.getByRole('button', { name: 'Reset filters' }).click();
    await waitForLoads(page, 4);
    expect((await chartData(page, 'chart-funnel')).series[0]?.data).toEqual([3, 2, 1, 0, 1]);
    expect((await chartData(page, 'chart-gates')).series[0]?.data).toEqual([0.6667, 0.6667, 1]);
  }, 60_000);

  it('clicking a chart element lists the initiatives behind it (and so does the data table)', async () => {
    const page = main.page;
    // The "now in stage" bar of Experiment.
    await clickBar(page, 'chart-funnel', 0, 1);
    await expect(page.getByRole('dialog').getByRole('heading').textContent()).resolves.toBe('In Experiment');
    expect(await drawerTitles(page)).toEqual(['Smart meter app', 'Hydrogen storage']);
    await page.screenshot({ path: screenshotPath('drilldown-laptop.png') });
    await page.getByRole('button', { name: 'Close initiatives panel' }).click();
    expect(await page.getByRole('dialog').isVisible()).toBe(false);

    // The kill bar at G1.
    await clickBar(page, 'chart-gates', 1, 0);
    await expect(page.getByRole('dialog').getByRole('heading').textContent()).resolves.toBe('Kill at G1');
    expect(await drawerTitles(page)).toEqual(['Battery leasing']);
    await page.keyboard.press('Escape');

    // The balance bar of transformational ambition.
    await clickBar(page, 'chart-balance-ambition', 0, 2);
    expect(await drawerTitles(page)).toEqual(['Hydrogen storage', 'Carbon marketplace']); // highest ECV first, none last
    await page.keyboard.press('Escape');

    // The accessible way: the funnel's data table, inflow into Experiment (G1 go or conditional go in the period).
    await page.locator('#data-funnel summary').click();
    await page.getByRole('button', { name: 'List initiatives that entered Experiment' }).click();
    expect((await drawerTitles(page)).sort()).toEqual(['Hydrogen storage', 'Maintenance robots', 'Smart meter app', 'Solar roof tiles']);
    await page.keyboard.press('Escape');

    // Inflow into Explore is every initiative created; outflow from Handover is Robots' accepted handover.
    await page.getByRole('button', { name: 'List initiatives that entered Explore' }).click();
    expect(await drawerTitles(page)).toHaveLength(8);
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'List initiatives that left Handover' }).click();
    expect(await drawerTitles(page)).toEqual(['Maintenance robots']);
    await page.keyboard.press('Escape');

    // The handover acceptance tile lists the handovers decided.
    await page.getByRole('button', { name: 'List the handovers decided in the period' }).click();
    expect(await drawerTitles(page)).toEqual(['Maintenance robots']);
    await page.keyboard.press('Escape');
  }, 60_000);

  it('exports a metric as CSV with the figures on the screen', async () => {
    const page = main.page;
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export funnel as CSV' }).click()]);
    const path = await download.path();
    const lines = readFileSync(path, 'utf8').trim().split(/\r?\n/);
    expect(lines[0]).toBe('stage,current,inflow,outflow');
    expect(lines).toContain('explore,3,8,5');
    expect(lines).toContain('experiment,2,4,2');
    expect(download.suggestedFilename()).toMatch(/funnel.*\.csv$/);
  }, 30_000);

  it('is readable on a phone: no sideways scrolling, horizontal bars, tap to list', async () => {
    const context = await phoneContext(browser);
    const phone = await openPage(context);
    const page = phone.page;
    await page.goto(baseUrl);
    await signIn(page, leader.email, TEST_PASSWORD);
    await waitForLoads(page, 1);
    expect(await page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const funnel = await chartData(page, 'chart-funnel');
    expect(funnel.horizontal).toBe(true);
    expect(funnel.series[0]?.data).toEqual([3, 2, 1, 0, 1]);
    await page.screenshot({ path: screenshotPath('dashboard-phone.png'), fullPage: true });
    await clickBar(page, 'chart-funnel', 0, 0, true);
    expect(await drawerTitles(page)).toEqual(['Heat pump service', 'Grid analytics', 'Carbon marketplace']);
    await page.screenshot({ path: screenshotPath('drilldown-phone.png') });
    expect(phone.errors).toEqual([]);
    await context.close();
  }, 60_000);

  it('prints: the management-review page lays out every figure and opens the print dialog on ?print=1', async () => {
    const page = await laptop.newPage();
    await page.addInitScript(() => {
      const g = globalThis as any;
      g.printCalls = 0;
      g.print = () => { g.printCalls += 1; };
    });
    await page.goto(`${baseUrl}/print?portfolio=${seeded.portfolioId}&print=1`);
    await waitForLoads(page, 1);
    await page.waitForFunction(() => (globalThis as any).printCalls === 1);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Energy transition');
    // Charts as SVG (crisp on paper) and every data table open.
    await expect(page.locator('#chart-funnel svg').count()).resolves.toBe(1);
    await expect(page.locator('#table-funnel tbody tr').count()).resolves.toBe(5);
    await expect(page.locator('#table-ecv tbody tr').count()).resolves.toBe(4);
    await expect(page.locator('#data-gates').getAttribute('open')).resolves.not.toBeNull();
    await page.setViewportSize({ width: 900, height: 1200 });
    await page.screenshot({ path: screenshotPath('print-page.png'), fullPage: true });
    await page.pdf({ path: screenshotPath('management-review.pdf'), format: 'A4', printBackground: true, preferCSSPageSize: true });
    await page.close();

    // The dashboard's "Printable page" link carries the filters.
    const href = await main.page.getByRole('link', { name: 'Printable page' }).getAttribute('href');
    expect(href).toContain(`portfolio=${seeded.portfolioId}`);
  }, 60_000);

  it('a user without the leadership role is told the dashboard is for leadership, and gets no data', async () => {
    const context = await laptopContext(browser);
    const other = await openPage(context);
    const page = other.page;
    await page.goto(baseUrl);
    await signIn(page, lead.email, TEST_PASSWORD);
    await page.getByRole('heading', { name: 'This dashboard is for leadership' }).waitFor();
    expect(await page.locator('#dashboard-view').isVisible()).toBe(false);
    expect(await page.locator('#cards').innerHTML()).toBe('');
    expect(other.requests.filter((p) => p.startsWith('/api/insights'))).toEqual([]);
    // The server refuses too, whatever the page does.
    const status = await page.evaluate(() => (globalThis as any).fetch('/api/insights/portfolios').then((r: any) => r.status));
    expect(status).toBe(403);
    await page.screenshot({ path: screenshotPath('not-leadership-laptop.png') });

    await page.goto(`${baseUrl}/print?portfolio=${seeded.portfolioId}`);
    await page.getByRole('heading', { name: 'This dashboard is for leadership' }).waitFor();

    await page.goto(baseUrl);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    // Signing out is a write by cookie: the page sent the CSRF header, so the session is really revoked.
    const afterSignOut = await page.evaluate(() => (globalThis as any).fetch('/api/auth/me').then((r: any) => r.status));
    expect(afterSignOut).toBe(401);
    expect(other.errors).toEqual([]);
    await context.close();
  }, 60_000);

  it('a decision taken now reaches the dashboard through the outbox, the worker and the read model', async () => {
    const before = await refreshedAt();
    const carbon = seeded.initiatives.get('Carbon marketplace')?.id ?? '';
    await app.app.get(TransactionRunner, { strict: false }).run((em) =>
      app.app.get(StageTransitions, { strict: false }).apply(em, carbon, { kind: 'decision', gate: 'G1', decision: 'kill' }, {
        actor: { userId: leader.id, label: 'browser test' },
        reason: 'no market',
      }),
    );
    const after = await eventually(refreshedAt, (at) => at !== null && at !== before, 20_000);
    expect(after).not.toBe(before);

    const page = main.page;
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await waitForLoads(page, 5);
    expect((await chartData(page, 'chart-funnel')).series[0]?.data).toEqual([2, 2, 1, 0, 1]);
    expect((await chartData(page, 'chart-gates')).series[1]?.data[0]).toBe(0.2857); // 2 kills of 7 G1 decisions
  }, 60_000);
});
