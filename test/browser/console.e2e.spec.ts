import { Browser } from 'playwright-core';
import { TEST_PASSWORD, TestApp, TestUser } from '../support/test-app';
import { seriousAccessibilityViolations } from './support/axe';
import { laptopContext, openPage, phoneContext, screenshotPath, signIn, Watched } from './support/browser';
import { seedPortfolio, Seeded } from './support/seed';
import { ConsoleFixture, startConsole } from './support/console-fixture';

/**
 * The web console's first pages in Debian's chromium against the real API: sign-in, the navigation by role with
 * the inbox count, "my work", and the portfolio board and table with their filters in the address (deep links that
 * survive a reload). Every page is checked with axe-core. Screenshots go to artifacts/screenshots/console-*.png.
 */
describe('web console in a browser', () => {
  let app: TestApp;
  let browser: Browser;
  let baseUrl: string;
  let lead: TestUser;
  let seeded: Seeded;
  let leader: TestUser;
  let gatekeepers: TestUser[];
  let main: Watched;
  let fixture: ConsoleFixture;

  beforeAll(async () => {
    fixture = await startConsole(10_000);
    ({ app, browser, baseUrl, main } = fixture);
    leader = await app.newUser(['leadership'], 'leader');
    gatekeepers = [await app.newUser(['gatekeeper'], 'gk-one'), await app.newUser(['gatekeeper'], 'gk-two')];
    lead = await app.newUser(['innovation_lead'], 'alice');
    const bob = await app.newUser(['innovation_lead'], 'bob');
    seeded = await seedPortfolio(
      app.dataSource,
      { leader: leader.id, alice: lead.id, bob: bob.id },
      'Energy transition',
    );
  }, 120_000);

  afterAll(async () => {
    await fixture?.close();
  });

  afterEach(() => {
    expect(main?.errors ?? []).toEqual([]);
  });

  it('serves the built console at the root with a strict policy, and every deep link gets the page', async () => {
    for (const url of ['/', '/portfolio', `/initiatives/${seeded.portfolioId}`, '/admin/users']) {
      const response = await app.request({ url });
      expect([url, response.status, String(response.headers['content-type'])]).toEqual([
        url,
        200,
        expect.stringContaining('text/html'),
      ]);
      expect(String(response.headers['content-security-policy'])).toContain("script-src 'self'");
      expect(response.body).not.toMatch(/(?:src|href)="(?:https?:)?\/\//);
    }
    for (const url of ['/assets/nothing.js', '/api/no-such-thing', '/health/nothing', '/print/nothing']) {
      const missing = await app.request({ url });
      expect([url, missing.status, missing.headers['content-type']]).toEqual([
        url,
        404,
        expect.stringContaining('application/problem+json'),
      ]);
    }
    const old = await app.request({ url: '/console/portfolio?view=table' });
    expect([old.status, old.headers.location]).toEqual([301, '/portfolio?view=table']);
  });

  it('signs in from a deep link, shows the problem of a wrong password, then opens the page asked for', async () => {
    const page = main.page;
    await page.goto(`${baseUrl}/portfolio?portfolioId=${seeded.portfolioId}`);
    await page.getByRole('heading', { name: 'Sign in to Ambidex' }).waitFor();
    await signIn(page, lead.email, 'not-the-password-1');
    await page.getByRole('alert').filter({ hasText: 'Email or password is wrong' }).waitFor();
    await signIn(page, lead.email, TEST_PASSWORD);
    await page.getByRole('heading', { name: 'Portfolio', level: 1 }).waitFor();
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link').allTextContents()).resolves.toEqual(
      expect.arrayContaining(['Portfolio', 'New initiative']),
    );
    await expect(page.getByRole('link', { name: 'Dashboard' }).count()).resolves.toBe(0);
  });

  it('shows the portfolio as columns by stage, filtered from the address, and keeps the filter on reload', async () => {
    const page = main.page;
    const column = (name: string) => page.getByRole('region', { name: new RegExp(`^${name}`) });
    await column('Explore').getByRole('link', { name: 'Heat pump service' }).waitFor();
    await expect(column('Experiment').getByRole('link').allTextContents()).resolves.toContain('Smart meter app');
    await expect(column('Develop').getByRole('link').allTextContents()).resolves.toContain('Solar roof tiles');
    // Killed ones are off the board until the status filter asks for them.
    await expect(page.getByRole('link', { name: 'Battery leasing' }).count()).resolves.toBe(0);
    await page.getByLabel('Status').selectOption('killed');
    await page.getByRole('link', { name: 'Battery leasing' }).waitFor();
    expect(new URL(page.url()).searchParams.get('status')).toBe('killed');
    await page.reload();
    await page.getByRole('link', { name: 'Battery leasing' }).waitFor();
    await expect(page.getByLabel('Status').inputValue()).resolves.toBe('killed');
    await page.getByLabel('Status').selectOption('');
    await column('Explore').getByRole('link', { name: 'Heat pump service' }).waitFor();
    await page.screenshot({ path: screenshotPath('console-board-laptop.png'), fullPage: true });
    await expect(seriousAccessibilityViolations(page)).resolves.toEqual([]);
  });

  it('lists initiatives in a table sorted by the API, title ascending then descending', async () => {
    const page = main.page;
    await page.getByRole('button', { name: 'Table' }).click();
    await page.getByRole('button', { name: 'Title' }).click();
    const titles = async () => page.locator('table tbody tr td:first-child').allTextContents();
    const ascending = await waitForRows(titles);
    expect(ascending).toEqual([...ascending].sort((a, b) => a.localeCompare(b)));
    await page.getByRole('button', { name: 'Title' }).click();
    // Predicates are functions: a string one is evaluated with eval when polled, which the console's policy refuses.
    await page.waitForURL((url) => url.searchParams.get('order') === 'desc');
    const descending = await waitForRows(titles, ascending[0]);
    expect(descending[0]).toBe(ascending[ascending.length - 1]);
    await page.screenshot({ path: screenshotPath('console-table-laptop.png'), fullPage: true });
    await expect(seriousAccessibilityViolations(page)).resolves.toEqual([]);
  });

  it('"my work" lists what waits for the person, with its count in the navigation', async () => {
    const page = main.page;
    await page.getByRole('link', { name: /My work/ }).click();
    await page.getByRole('heading', { name: 'My work' }).waitFor();
    await page
      .getByText(/Nothing is waiting for you|Mark done/)
      .first()
      .waitFor();
    await page.screenshot({ path: screenshotPath('console-inbox-laptop.png'), fullPage: true });
    await expect(seriousAccessibilityViolations(page)).resolves.toEqual([]);
  });

  it('creates an initiative: similar ones show while the title is typed, and the new one opens in Explore', async () => {
    const page = main.page;
    await page.getByRole('link', { name: 'New initiative' }).click();
    await page.getByLabel('Title').fill('Solar roof tile leasing');
    await page
      .getByRole('complementary', { name: 'Similar initiatives' })
      .getByRole('link', { name: 'Solar roof tiles' })
      .waitFor();
    await page.getByLabel('Problem').fill('Homeowners cannot afford the upfront cost of solar roofs');
    await page.getByLabel('Value hypothesis').fill('A monthly fee lowers the barrier');
    await page.screenshot({ path: screenshotPath('console-new-initiative.png'), fullPage: true });
    await expect(seriousAccessibilityViolations(page)).resolves.toEqual([]);
    await page.getByRole('button', { name: 'Create in Explore' }).click();
    await page.getByRole('heading', { name: 'Solar roof tile leasing', level: 1 }).waitFor();
    await page.getByRole('region', { name: 'Stage history' }).getByText('Created in Explore').waitFor();
    await page
      .getByRole('region', { name: 'Possible duplicates' })
      .getByRole('link', { name: 'Solar roof tiles' })
      .waitFor();
  });

  it('a blank title is refused by the API and the reason shows next to the field', async () => {
    const page = main.page;
    await page.getByRole('link', { name: 'New initiative' }).click();
    await page.getByLabel('Title').fill('   ');
    await page.getByLabel('Problem').fill('Some problem worth solving');
    await page.getByLabel('Value hypothesis').fill('Some value');
    await page.getByRole('button', { name: 'Create in Explore' }).click();
    const invalid = page.locator('.field.invalid').filter({ has: page.getByLabel('Title') });
    await invalid.getByRole('alert').waitFor();
  });

  it('searches initiatives and learnings from one box', async () => {
    const page = main.page;
    await page.getByRole('link', { name: 'Search' }).click();
    await page.getByLabel('Search initiatives and learnings').fill('solar');
    await page.getByRole('region', { name: 'Initiatives' }).getByRole('link', { name: 'Solar roof tiles' }).waitFor();
    expect(new URL(page.url()).searchParams.get('q')).toBe('solar');
    await expect(seriousAccessibilityViolations(page)).resolves.toEqual([]);
  });

  it('creates a personal API token, shows it once, and revokes it', async () => {
    const page = main.page;
    await page.getByRole('link', { name: 'Account' }).click();
    await page.getByLabel('Token name').fill('reporting script');
    await page.getByRole('button', { name: 'Create token' }).click();
    const token = (await page.getByRole('status').locator('code').textContent()) ?? '';
    const me = await app.request({ url: '/api/auth/me', token });
    expect(me.json<{ via: string }>().via).toBe('api-token');
    await page.getByRole('button', { name: 'Revoke reporting script' }).click();
    await page.getByRole('cell', { name: 'revoked' }).waitFor();
    await expect(app.request({ url: '/api/auth/me', token }).then((r) => r.status)).resolves.toBe(401);
    await page.screenshot({ path: screenshotPath('console-account.png'), fullPage: true });
    await expect(seriousAccessibilityViolations(page)).resolves.toEqual([]);
  });

  it('a page for another role says which role it is for and shows none of its data', async () => {
    const context = await laptopContext(browser);
    context.setDefaultTimeout(15_000);
    const watched = await openPage(context);
    const page = watched.page;
    await page.goto(`${baseUrl}/admin/users`);
    await signIn(page, gatekeepers[0]?.email ?? '', TEST_PASSWORD);
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    for (const [path, roles] of [
      ['/admin/users', 'Admin'],
      ['/admin/audit', 'Admin'],
      ['/initiatives/new', 'Innovation lead, Admin'],
    ] as const) {
      await page.goto(`${baseUrl}${path}`);
      const notice = page.getByRole('alert').filter({ hasText: 'Not for your role' });
      await notice.waitFor();
      await expect(notice.textContent()).resolves.toContain(`This page is for: ${roles}`);
      await expect(page.getByRole('table').count()).resolves.toBe(0);
      await expect(page.getByRole('form').count()).resolves.toBe(0);
    }
    // Hiding is a courtesy: the API itself refuses the data.
    expect(watched.requests.filter((r) => r.startsWith('/api/admin/'))).toEqual([]);
    await expect(
      app.request({ url: '/api/admin/users', token: gatekeepers[0]?.token ?? '' }).then((r) => r.status),
    ).resolves.toBe(403);
    await page.screenshot({ path: screenshotPath('console-not-for-your-role.png'), fullPage: true });
    await expect(seriousAccessibilityViolations(page)).resolves.toEqual([]);
    await context.close();
  });

  it('is usable on a phone: the board stacks its columns, nothing scrolls sideways', async () => {
    const phone = await phoneContext(browser);
    const page = (await openPage(phone)).page;
    await page.goto(`${baseUrl}/portfolio`);
    await signIn(page, lead.email, TEST_PASSWORD);
    await page.getByRole('link', { name: 'Heat pump service' }).waitFor();
    const overflow = await page.evaluate<number>(
      'document.documentElement.scrollWidth - document.documentElement.clientWidth',
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: screenshotPath('console-board-phone.png'), fullPage: true });
    await phone.close();
  });
});

/** The table's first column once it has rows (and, when given, once its first row is no longer `notFirst`). */
async function waitForRows(read: () => Promise<string[]>, notFirst?: string): Promise<string[]> {
  for (let i = 0; i < 100; i++) {
    const rows = await read();
    if (rows.length > 0 && (notFirst === undefined || rows[0] !== notFirst)) return rows;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the table did not show the expected rows');
}
