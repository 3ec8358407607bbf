import { InsightsOverview } from '@ambidex/insights';
import { TransactionRunner } from '@ambidex/platform';
import { StageTransitions } from '@ambidex/portfolio';
import { eventually } from '@ambidex/testing';
import { readFileSync } from 'node:fs';
import { BrowserContext, Page } from 'playwright-core';
import { TEST_PASSWORD, TestApp, TestUser } from '../support/test-app';
import { seriousAccessibilityViolations } from './support/axe';
import { openPage, screenshotPath, signIn, Watched } from './support/browser';
import {
  barValues,
  categories,
  clickBar,
  closeList,
  listedTitles,
  tileValue,
  waitForFigures,
} from './support/dashboard';
import { Seeded } from './support/seed';
import { ConsoleFixture, startConsole } from './support/console-fixture';
import {
  DASHBOARD_CODE,
  day,
  money,
  overviewOf,
  refreshedAt as refreshedAtOf,
  seedDashboard,
  STAGE_LABELS,
} from './support/dashboard-setup';

/**
 * The leadership section as a person uses it, in Debian's chromium against the real API and worker on a database of
 * its own: the charts match the API's overview; filters live in the address; a click on a figure lists the initiatives
 * behind it; CSV exports; the printable page. Every page is checked with axe and for refusals by the content security
 * policy (serving, phones and other roles: dashboard-access). Screenshots: artifacts/screenshots/console-*.png.
 */
describe('leadership dashboard in the console', () => {
  let app: TestApp;
  let baseUrl: string;
  let leader: TestUser;
  let alice: TestUser;
  let seeded: Seeded;
  let laptop: BrowserContext;
  let main: Watched;
  let fixture: ConsoleFixture;

  const overview = (query: string): Promise<InsightsOverview> => overviewOf(app, leader, seeded.portfolioId, query);
  const refreshedAt = (): Promise<string | null> => refreshedAtOf(app, seeded.portfolioId);
  const search = (page: Page): URLSearchParams => new URL(page.url()).searchParams;
  const noAccessibilityProblems = async (page: Page): Promise<void> =>
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

  beforeAll(async () => {
    fixture = await startConsole(15_000);
    ({ app, baseUrl, laptop, main } = fixture);
    ({ leader, alice, seeded } = await seedDashboard(app));
  }, 120_000);

  afterAll(async () => {
    await fixture?.close();
  });

  afterEach(() => {
    // No script error and nothing refused by the policy, ever, in the laptop session.
    expect(main?.errors ?? []).toEqual([]);
    expect(main?.policyViolations ?? []).toEqual([]);
  });

  it('sends leadership from / to the dashboard and shows the seeded figures, the same as the API overview', async () => {
    const page = main.page;
    await page.goto(baseUrl);
    await page.getByRole('heading', { name: 'Sign in to Ambidex' }).waitFor();
    await signIn(page, leader.email, TEST_PASSWORD);
    await page.waitForURL(
      (url) => url.pathname === '/dashboard' && url.searchParams.get('portfolio') === seeded.portfolioId,
    );
    await waitForFigures(page);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Energy transition');
    await expect(page.getByLabel('Portfolio', { exact: true }).inputValue()).resolves.toBe(seeded.portfolioId);
    await expect(
      page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'Dashboard' })
        .getAttribute('aria-current'),
    ).resolves.toBe('page');
    // The filters are all in the address: the last year up to today.
    expect([search(page).get('from'), search(page).get('to')]).toEqual([
      expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      day(0),
    ]);

    // Funnel: now, inflow and outflow per stage, as the seeded history makes them.
    expect(await categories(page, 'funnel')).toEqual(STAGE_LABELS);
    expect(await barValues(page, 'funnel', 'current')).toEqual([3, 2, 1, 0, 1]);
    expect(await barValues(page, 'funnel', 'inflow')).toEqual([8, 4, 2, 1, 1]);
    expect(await barValues(page, 'funnel', 'outflow')).toEqual([5, 2, 1, 1, 0]);
    await expect(page.locator('[data-chart="funnel"] .legend li').allTextContents()).resolves.toEqual([
      'Now in stage',
      'Inflow',
      'Outflow',
    ]);

    // Gates: G1 6 decisions (3 go, 1 conditional go, 1 kill, 1 recycle), G2 3 (2 go, 1 hold), G3 1 go.
    expect(await categories(page, 'gates')).toEqual(['G1', 'G2', 'G3']);
    expect(await barValues(page, 'gates', 'conversion')).toEqual([0.6667, 0.6667, 1]);
    expect(await barValues(page, 'gates', 'kill')).toEqual([0.1667, 0, 0]);
    expect(await barValues(page, 'gates', 'recycle')).toEqual([0.1667, 0, 0]);
    expect(await barValues(page, 'gates', 'hold')).toEqual([0, 0.3333, 0]);

    // ECV ranking: the active initiatives with estimates, highest first, to the cent of the formula.
    const ranked = ['Solar roof tiles', 'Heat pump service', 'Smart meter app', 'Grid analytics'];
    expect(await categories(page, 'ecv')).toEqual(ranked);
    expect(await barValues(page, 'ecv', 'ecv')).toEqual(ranked.map(money));
    expect(await barValues(page, 'ecv', 'ecv')).toEqual([2_300_000, 624_000, 500_000, 140_000]);

    // Balance of the pipeline (6 initiatives: 3 core, 1 adjacent, 2 transformational) against 70/20/10 and 60/30/10.
    expect(await categories(page, 'balance-ambition')).toEqual(['Core', 'Adjacent', 'Transformational']);
    expect(await barValues(page, 'balance-ambition', 'actual')).toEqual([0.5, 0.1667, 0.3333]);
    expect(await barValues(page, 'balance-ambition', 'target')).toEqual([0.7, 0.2, 0.1]);
    expect(await barValues(page, 'balance-horizon', 'target')).toEqual([0.6, 0.3, 0.1]);

    // Bubbles: one per active initiative with estimates, coloured by ambition.
    const bubbles = await page
      .locator('[data-chart="bubbles"] circle')
      .evaluateAll((cs) => cs.map((c) => c.getAttribute('data-group')));
    expect(bubbles.sort()).toEqual(['adjacent', 'core', 'core', 'core']);

    // Tiles, and the zombies table with links to the initiative and its overdue review.
    await expect(tileValue(page, 'In the funnel')).resolves.toBe('7');
    await expect(tileValue(page, 'Zombie reviews')).resolves.toBe('1');
    await expect(tileValue(page, 'Learning velocity')).resolves.toBe('0.55');
    await expect(tileValue(page, 'Cost per learning')).resolves.toBe('15K');
    await expect(tileValue(page, 'Handover acceptance')).resolves.toBe('100%');
    await expect(tileValue(page, 'Time to controlled')).resolves.toBe('40 days');
    // Operations feed innovation: the share of the period's new initiatives that operations raised, as the API has it.
    const { operations } = await overview(`from=${search(page).get('from')}&to=${search(page).get('to')}`);
    await expect(tileValue(page, 'From operations')).resolves.toBe(
      operations.share === null ? 'No data yet' : `${Math.round(operations.share * 1000) / 10}%`,
    );
    const zombies = page.getByRole('article', { name: 'Zombie initiatives' }).locator('tbody tr');
    await expect(zombies.count()).resolves.toBe(1);
    expect(await zombies.first().textContent()).toMatch(/^Heat pump serviceG1 review.*10 days$/);

    // Every chart shows exactly what the API says for the same filters, and the data tables the same numbers.
    const fromApi = await overview(`from=${search(page).get('from')}&to=${search(page).get('to')}`);
    expect(await barValues(page, 'funnel', 'current')).toEqual(fromApi.funnel.map((f) => f.current));
    expect(await barValues(page, 'gates', 'conversion')).toEqual(fromApi.gates.map((g) => g.conversionRate));
    expect(await barValues(page, 'ecv', 'ecv')).toEqual(fromApi.ecvRanking.map((r) => r.ecv));
    expect(await barValues(page, 'cycle', 'median')).toEqual(fromApi.cycleTimes.map((c) => c.medianDays));
    expect(await barValues(page, 'cycle', 'p85')).toEqual(fromApi.cycleTimes.map((c) => c.p85Days));
    const funnelCard = page.getByRole('article', { name: 'Funnel by stage' });
    await expect(funnelCard.getByRole('table').count()).resolves.toBe(0); // folded until asked for
    await funnelCard.getByText('Data table').click();
    const rows = funnelCard.getByRole('table', { name: 'Funnel by stage' }).locator('tbody tr');
    expect(await rows.first().locator('th, td').allTextContents()).toEqual(['Explore', '3', '8', '5']);
    expect(await rows.count()).toBe(5);
    await funnelCard.getByText('Data table').click();

    // Each chart has a text alternative with its numbers.
    await expect(page.locator('[data-chart="funnel"]').getByRole('img').getAttribute('aria-label')).resolves.toContain(
      'Explore 3 now, 8 in, 5 out',
    );
    await page.screenshot({ path: screenshotPath('console-dashboard-laptop.png'), fullPage: true });
    await noAccessibilityProblems(page);
    // Everything came from the API's own origin, and the dashboard's code was loaded on demand.
    expect([...main.origins]).toEqual([baseUrl]);
    expect(main.requests.some((p) => DASHBOARD_CODE.test(p))).toBe(true);
  }, 60_000);

  it('keeps the filters in the address: they apply, survive a reload, and reset; a bad one is named at its field', async () => {
    const page = main.page;
    await page.getByLabel('Ambition', { exact: true }).selectOption('core');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL((url) => url.searchParams.get('ambition') === 'core');
    await waitForFigures(page);
    // Core only: Solar (develop), Smart meter (experiment), Grid (explore), Robots (in operation).
    expect(await barValues(page, 'funnel', 'current')).toEqual([1, 1, 1, 0, 1]);
    expect(await barValues(page, 'gates', 'conversion')).toEqual([0.75, 1, 1]); // G1: go, go, go, recycle
    expect((await barValues(page, 'gates', 'kill'))[0]).toBe(0);
    expect(await categories(page, 'ecv')).toEqual(['Solar roof tiles', 'Smart meter app', 'Grid analytics']);
    await expect(tileValue(page, 'Zombie reviews')).resolves.toBe('0');

    await page.reload();
    await waitForFigures(page);
    await expect(page.getByLabel('Ambition', { exact: true }).inputValue()).resolves.toBe('core');
    expect(await barValues(page, 'funnel', 'current')).toEqual([1, 1, 1, 0, 1]);

    // The last 100 days: no G1 decision then; at G2 Solar's go and Hydrogen's hold.
    await page.getByLabel('Ambition', { exact: true }).selectOption('');
    await page.getByLabel('From', { exact: true }).fill(day(100));
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL((url) => url.searchParams.get('from') === day(100) && !url.searchParams.has('ambition'));
    await waitForFigures(page);
    expect(await barValues(page, 'gates', 'conversion')).toEqual([null, 0.5, null]);
    expect(await barValues(page, 'gates', 'hold')).toEqual([null, 0.5, null]);
    expect(await barValues(page, 'funnel', 'inflow')).toEqual([2, 0, 1, 0, 0]); // Heat pump and Carbon created; Solar into develop
    const fromApi = await overview(`from=${day(100)}&to=${search(page).get('to')}`);
    expect(await barValues(page, 'funnel', 'inflow')).toEqual(fromApi.funnel.map((f) => f.inflow));

    // The owner is picked by name among the innovation leads; the address keeps the id, and a reload shows the name.
    await page.getByLabel('Owner', { exact: true }).fill('Test alice');
    await page.getByRole('option', { name: /^Test alice/ }).click();
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL((url) => url.searchParams.get('owner') === alice.id);
    await waitForFigures(page);
    const ofAlice = await overview(`from=${day(100)}&to=${search(page).get('to')}&ownerId=${alice.id}`);
    expect(await barValues(page, 'funnel', 'inflow')).toEqual(ofAlice.funnel.map((f) => f.inflow));
    await page.reload();
    await waitForFigures(page);
    await expect(page.getByLabel('Owner', { exact: true }).inputValue()).resolves.toBe('Test alice');
    await noAccessibilityProblems(page);

    // A bad owner id written into the address never reaches the API; the reason shows next to the field.
    const before = main.requests.length;
    await page.goto(`${baseUrl}/dashboard?portfolio=${seeded.portfolioId}&owner=not-a-user`);
    const owner = page.locator('.field.invalid').filter({ has: page.getByLabel('Owner', { exact: true }) });
    await owner.getByRole('alert').filter({ hasText: 'The owner must be a user id' }).waitFor();
    expect(main.requests.slice(before).filter((p) => p.includes('/overview'))).toEqual([]);
    await noAccessibilityProblems(page);

    // An address written by hand with a reversed period: the page names the problem and asks the API nothing.
    await page.goto(`${baseUrl}/dashboard?portfolio=${seeded.portfolioId}&from=2026-03-01&to=2026-02-01`);
    await page
      .locator('.field.invalid')
      .filter({ has: page.getByLabel('From', { exact: true }) })
      .getByText('The period starts after it ends')
      .waitFor();
    await expect(page.locator('.figures').count()).resolves.toBe(0);

    await page.getByRole('button', { name: 'Reset filters' }).click();
    await page.waitForURL((url) => url.searchParams.get('to') === day(0));
    await waitForFigures(page);
    expect(await barValues(page, 'funnel', 'current')).toEqual([3, 2, 1, 0, 1]);
    expect(await barValues(page, 'gates', 'conversion')).toEqual([0.6667, 0.6667, 1]);

    // An old dashboard bookmark at / keeps its filters.
    await page.goto(`${baseUrl}/?portfolio=${seeded.portfolioId}&ambition=transformational`);
    await page.waitForURL(
      (url) => url.pathname === '/dashboard' && url.searchParams.get('ambition') === 'transformational',
    );
    await waitForFigures(page);
    expect(await barValues(page, 'funnel', 'current')).toEqual([1, 1, 0, 0, 0]);
    await page.getByRole('button', { name: 'Reset filters' }).click();
    await page.waitForURL((url) => !url.searchParams.has('ambition'));
    await waitForFigures(page);
  }, 90_000);

  it('a click on a figure lists the initiatives behind it, each opening its page in the console', async () => {
    const page = main.page;
    // The "now in stage" bar of Experiment.
    await clickBar(page, 'funnel', 'current', 1);
    const dialog = page.getByRole('dialog', { name: 'In Experiment' });
    await dialog.waitFor();
    expect(await listedTitles(page)).toEqual(['Smart meter app', 'Hydrogen storage']);
    await page.screenshot({ path: screenshotPath('console-dashboard-drilldown.png') });
    await noAccessibilityProblems(page);
    await dialog.getByRole('button', { name: 'Close initiatives panel' }).click();
    await dialog.waitFor({ state: 'detached' });

    // The kill bar at G1; then the balance bar of transformational ambition (highest ECV first, none last).
    await clickBar(page, 'gates', 'kill', 0);
    await page.getByRole('dialog', { name: 'Kill at G1' }).waitFor();
    expect(await listedTitles(page)).toEqual(['Battery leasing']);
    await closeList(page);
    await clickBar(page, 'balance-ambition', 'actual', 2);
    await page.getByRole('dialog', { name: 'Transformational ambition' }).waitFor();
    expect(await listedTitles(page)).toEqual(['Hydrogen storage', 'Carbon marketplace']);
    await closeList(page);

    // The keyboard's way: the funnel's data table. Inflow into Experiment = a G1 go or conditional go in the period.
    await page.getByRole('article', { name: 'Funnel by stage' }).getByText('Data table').click();
    await page.getByRole('button', { name: 'List initiatives that entered Experiment' }).click();
    expect((await listedTitles(page)).sort()).toEqual([
      'Hydrogen storage',
      'Maintenance robots',
      'Smart meter app',
      'Solar roof tiles',
    ]);
    // Focus goes back to the button that opened the list.
    await closeList(page);
    await expect(page.evaluate('document.activeElement.getAttribute("aria-label")')).resolves.toBe(
      'List initiatives that entered Experiment',
    );
    await page.getByRole('button', { name: 'List initiatives that entered Explore' }).click();
    expect(await listedTitles(page)).toHaveLength(8);
    await closeList(page);
    await page.getByRole('button', { name: 'List initiatives that left Handover' }).click();
    expect(await listedTitles(page)).toEqual(['Maintenance robots']);
    await closeList(page);
    await page
      .getByRole('button', { name: '1 accepted of 1 decided: list the handovers decided in the period' })
      .click();
    expect(await listedTitles(page)).toEqual(['Maintenance robots']);
    await closeList(page);

    // An ECV bar is one initiative, with the way to the others in its stage.
    await clickBar(page, 'ecv', 'ecv', 0);
    await page.getByRole('dialog', { name: 'Solar roof tiles' }).waitFor();
    expect(await listedTitles(page)).toEqual(['Solar roof tiles']);
    await page.getByRole('button', { name: 'Show all: In Develop' }).click();
    await page.getByRole('dialog', { name: 'In Develop' }).waitFor();
    expect(await listedTitles(page)).toEqual(['Solar roof tiles']);
    await closeList(page);

    // A listed initiative opens its page in the console; Back returns to the same figures.
    await clickBar(page, 'funnel', 'current', 1);
    await page.getByRole('dialog').getByRole('link', { name: 'Smart meter app' }).click();
    await page.getByRole('heading', { name: 'Smart meter app', level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/initiatives/${seeded.initiatives.get('Smart meter app')?.id}`);
    await page.goBack();
    await waitForFigures(page);
    expect(await barValues(page, 'funnel', 'current')).toEqual([3, 2, 1, 0, 1]);
  }, 90_000);

  it('exports a metric and a clicked list as CSV with the figures on the screen', async () => {
    const page = main.page;
    const exported = page.getByRole('link', { name: 'Export funnel as CSV' });
    expect(new URL((await exported.getAttribute('href')) ?? '', baseUrl).searchParams.get('from')).toBe(
      search(page).get('from'),
    );
    const [download] = await Promise.all([page.waitForEvent('download'), exported.click()]);
    const lines = readFileSync(await download.path(), 'utf8')
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toBe('stage,current,inflow,outflow');
    expect(lines).toContain('explore,3,8,5');
    expect(lines).toContain('experiment,2,4,2');
    expect(download.suggestedFilename()).toMatch(/funnel.*\.csv$/);

    await clickBar(page, 'gates', 'kill', 0);
    await listedTitles(page);
    const [list] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download this list as CSV' }).click(),
    ]);
    expect(list.suggestedFilename()).toBe('initiatives-kill-at-g1.csv');
    const rows = readFileSync(await list.path(), 'utf8').split('\r\n');
    expect(rows[0]).toBe('id,title,stage,status,ambition,horizon,ecv');
    expect(rows[1]).toBe(
      `${seeded.initiatives.get('Battery leasing')?.id},Battery leasing,explore,killed,adjacent,H2,${money('Battery leasing')}`,
    );
    await closeList(page);
  }, 30_000);

  it('prints: the dashboard links its printable page, and the old /print opens it and the print dialog once', async () => {
    const href = await main.page.getByRole('link', { name: 'Printable page' }).getAttribute('href');
    const link = new URL(href ?? '', baseUrl);
    expect([link.pathname, link.searchParams.get('portfolio'), link.searchParams.get('from')]).toEqual([
      '/dashboard/print',
      seeded.portfolioId,
      search(main.page).get('from'),
    ]);

    const watched = await openPage(laptop);
    const page = watched.page;
    await page.addInitScript(() => {
      const g = globalThis as any;
      g.printCalls = 0;
      g.print = () => {
        g.printCalls += 1;
      };
    });
    await page.goto(`${baseUrl}/print?portfolio=${seeded.portfolioId}&ambition=core&print=1`);
    await waitForFigures(page);
    await page.waitForFunction(() => (globalThis as any).printCalls === 1);
    expect(new URL(page.url()).pathname).toBe('/dashboard/print');
    expect([search(page).get('ambition'), search(page).get('print')]).toEqual(['core', '1']);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Energy transition');
    await expect(page.locator('.report-meta').textContent()).resolves.toContain('AmbitionCore');
    // Charts drawn upright for paper, every data table open, nothing to click, no console navigation.
    await expect(page.locator('[data-chart="funnel"]').getAttribute('data-layout')).resolves.toBe('vertical');
    expect(await barValues(page, 'funnel', 'current')).toEqual([1, 1, 1, 0, 1]);
    await expect(page.getByRole('article', { name: 'Funnel by stage' }).locator('tbody tr').count()).resolves.toBe(5);
    await expect(
      page.getByRole('article', { name: 'Expected commercial value' }).locator('tbody tr').count(),
    ).resolves.toBe(3);
    await expect(page.locator('details').count()).resolves.toBe(0);
    await expect(page.locator('.figures button').count()).resolves.toBe(0);
    await expect(page.getByRole('navigation', { name: 'Main' }).count()).resolves.toBe(0);
    await page.screenshot({ path: screenshotPath('console-print.png'), fullPage: true });
    await page.pdf({
      path: screenshotPath('management-review.pdf'),
      format: 'A4',
      printBackground: true,
      preferCSSPageSize: true,
    });
    await noAccessibilityProblems(page);
    // The dialog opened once by itself; the Print button opens it again.
    expect(await page.evaluate('globalThis.printCalls')).toBe(1);
    await page.getByRole('button', { name: 'Print' }).click();
    expect(await page.evaluate('globalThis.printCalls')).toBe(2);
    await page.getByRole('link', { name: '← Back to the dashboard' }).click();
    await page.waitForURL(
      (url) =>
        url.pathname === '/dashboard' && url.searchParams.get('ambition') === 'core' && !url.searchParams.has('print'),
    );
    await waitForFigures(page);
    expect([watched.errors, watched.policyViolations]).toEqual([[], []]);
    await page.close();
  }, 60_000);

  it('a decision taken now reaches the dashboard through the outbox, the worker and the read model', async () => {
    const before = await refreshedAt();
    const carbon = seeded.initiatives.get('Carbon marketplace')?.id ?? '';
    await app.app.get(TransactionRunner, { strict: false }).run((em) =>
      app.app.get(StageTransitions, { strict: false }).apply(
        em,
        carbon,
        { kind: 'decision', gate: 'G1', decision: 'kill' },
        {
          actor: { userId: leader.id, label: 'browser test' },
          reason: 'no market',
        },
      ),
    );
    expect(await eventually(refreshedAt, (at) => at !== null && at !== before, 20_000)).not.toBe(before);

    const page = main.page;
    await page.reload();
    await waitForFigures(page);
    expect(await barValues(page, 'funnel', 'current')).toEqual([2, 2, 1, 0, 1]);
    expect((await barValues(page, 'gates', 'kill'))[0]).toBe(0.2857); // 2 kills of 7 G1 decisions
  }, 60_000);
});
