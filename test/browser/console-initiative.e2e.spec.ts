import { Browser } from 'playwright-core';
import { TEST_PASSWORD, TestApp, TestUser } from '../support/test-app';
import { seriousAccessibilityViolations } from './support/axe';
import { laptopContext, openPage, screenshotPath, signIn, Watched } from './support/browser';
import { seedPortfolio, Seeded } from './support/seed';
import { ConsoleFixture, startConsole } from './support/console-fixture';

/**
 * An initiative's pages in the console, in Debian's chromium against the real API and worker: facts and history,
 * editing with the version read, the experiment log (assumptions, test cards, results, learnings, a CSV upload) and
 * a G1 review from request to decision. Every page is checked with axe-core. Screenshots: artifacts/screenshots/.
 */
describe('web console: an initiative and its work', () => {
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
    // Signed in once, as the lead, for the whole story.
    await main.page.goto(`${baseUrl}/portfolio`);
    await main.page.getByRole('heading', { name: 'Sign in to Ambidex' }).waitFor();
    await signIn(main.page, lead.email, TEST_PASSWORD);
    await main.page.getByRole('heading', { name: 'Portfolio', level: 1 }).waitFor();
  }, 120_000);

  afterAll(async () => {
    await fixture?.close();
  });

  afterEach(() => {
    expect(main?.errors ?? []).toEqual([]);
  });

  it('opens an initiative from the board: facts, ECV, deliverables, reviews and its stage history with who and why', async () => {
    const page = main.page;
    await page.goto(`${baseUrl}/portfolio`);
    await page.getByRole('link', { name: 'Solar roof tiles' }).click();
    await page.getByRole('heading', { name: 'Solar roof tiles', level: 1 }).waitFor();
    const history = page.getByRole('region', { name: 'Stage history' });
    await history.getByText('G2 Go → Develop').waitFor();
    await history.getByText('G1 Go → Experiment').waitFor();
    await page.getByRole('region', { name: 'Deliverables' }).getByText('Before G3').waitFor();
    await page.screenshot({ path: screenshotPath('console-initiative-laptop.png'), fullPage: true });
    await expect(seriousAccessibilityViolations(page)).resolves.toEqual([]);
  });

  it('edits facts with the version read; a change made meanwhile is a conflict that names the field and offers a reload', async () => {
    const page = main.page;
    const id = seeded.initiatives.get('Carbon marketplace')?.id ?? '';
    await page.goto(`${baseUrl}/initiatives/${id}`);
    await page.getByRole('button', { name: 'Edit facts' }).click();
    await page.getByLabel('Strategic objective').fill('Electrify heating for 10,000 homes');
    await page.getByRole('button', { name: 'Save' }).click();
    await page
      .getByRole('region', { name: 'Facts and financials' })
      .getByText('Electrify heating for 10,000 homes')
      .waitFor();

    // Someone else changes the NPV while this form is open.
    await page.getByRole('button', { name: 'Edit facts' }).click();
    const current = (await app.request({ url: `/api/initiatives/${id}`, token: lead.token })).json<{
      version: number;
    }>();
    const other = await app.request({
      method: 'PATCH',
      url: `/api/initiatives/${id}`,
      token: lead.token,
      body: { version: current.version, npv: 123456 },
    });
    expect(other.status).toBe(200);
    await page.getByLabel('Source').fill('Customer interviews');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText(/Changed by someone else since you opened it: NPV/).waitFor();
    await page.screenshot({ path: screenshotPath('console-initiative-conflict.png'), fullPage: true });
    await page.getByRole('button', { name: 'Reload the latest version' }).click();
    await page.waitForFunction(
      () => (globalThis as any).document.querySelector('input[name="npv"]')?.value === '123456',
    );
    await expect(page.getByText(/Changed by someone else/).count()).resolves.toBe(0);
    await page.getByLabel('Source').fill('Customer interviews');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('region', { name: 'Facts and financials' }).getByText('Customer interviews').waitFor();
  });

  it('keeps the experiment log: assumptions by risk, a test card frozen once started, a result, learnings appended and superseded', async () => {
    const page = main.page;
    const id = seeded.initiatives.get('Carbon marketplace')?.id ?? '';
    await page.goto(`${baseUrl}/initiatives/${id}`);
    await page.getByRole('link', { name: 'Experiment log' }).click();
    await page.getByRole('heading', { name: 'Experiment log: Carbon marketplace' }).waitFor();

    await page.getByLabel('Assumption', { exact: true }).fill('Firms will pay for verified offsets');
    await page.getByLabel('Importance').selectOption('5');
    await page.getByRole('button', { name: 'Add assumption' }).click();
    await page.getByRole('region', { name: 'Desirability' }).getByText('Firms will pay for verified offsets').waitFor();

    await page.getByText('New experiment').click();
    await page.getByLabel('Hypothesis').fill('A third of pilot firms sign a letter of intent');
    await page.getByLabel('Method').fill('Pilot with 30 firms');
    await page.getByLabel('Metric').fill('signing rate');
    await page.getByLabel('Threshold').fill('0.3');
    await page.getByLabel('Minimum sample').fill('30');
    await page.getByRole('button', { name: 'Add experiment' }).click();
    const card = page.getByRole('listitem', { name: /A third of pilot firms/ });
    await card.getByRole('button', { name: 'Start experiment' }).click();
    await card.getByText('threshold frozen').waitFor();
    await card.getByLabel('Observed signing rate').fill('0.4');
    await card.getByLabel('Sample size').fill('30');
    await card.getByRole('button', { name: 'Record result' }).click();
    await card.getByText('completed').waitFor();
    await page.getByRole('region', { name: 'Desirability' }).getByText('Validated').waitFor();

    await page.getByText('New learning').click();
    await page.getByLabel('What we observed').fill('12 of 30 firms signed');
    await page.getByLabel('What we now believe').fill('Demand exists among mid-size firms');
    await page.getByRole('button', { name: 'Append learning' }).click();
    await page
      .getByRole('region', { name: 'Learnings' })
      .getByRole('listitem')
      .filter({ hasText: '12 of 30 firms signed' })
      .waitFor();
    await page.getByText('New learning').click();
    await page.getByLabel('What we observed').fill('13 of 30 firms signed after a recount');
    await page.getByLabel('What we now believe').fill('Demand exists among mid-size firms');
    await page.getByLabel('Supersedes').selectOption({ label: '12 of 30 firms signed' });
    await page.getByRole('button', { name: 'Append learning' }).click();
    await page.getByText('1 superseded').waitFor();
    const learnings = page.getByRole('region', { name: 'Learnings' });
    // A closed form mounts no Supersedes choice, a closed list of superseded learnings no card.
    await expect(page.getByLabel('Supersedes').count()).resolves.toBe(0);
    await expect(learnings.locator('.superseded .learning').count()).resolves.toBe(0);
    await page.getByText('1 superseded').click();
    await learnings.locator('.superseded .learning').filter({ hasText: '12 of 30 firms signed' }).waitFor();

    // A long log shows the newest 50 current learnings and pages the rest in on demand.
    for (let n = 1; n <= 52; n += 1) {
      const body = {
        observed: `Interview ${n} said yes`,
        belief: 'Demand holds',
        decision: 'persevere',
        confidence: 'low',
        idempotencyKey: `paging-${n}`,
      };
      const stored = await app.request({
        method: 'POST',
        url: `/api/initiatives/${id}/learnings`,
        token: lead.token,
        body,
      });
      expect(stored.status).toBe(201);
    }
    await page.reload();
    await learnings.getByText('Interview 52 said yes').waitFor();
    await expect(learnings.locator('.learning').count()).resolves.toBe(50);
    await learnings.getByRole('button', { name: /^Show 3 more/ }).click();
    await learnings.getByText('13 of 30 firms signed after a recount').waitFor();
    await expect(learnings.getByRole('button', { name: /^Show \d+ more/ }).count()).resolves.toBe(0);
    await page.screenshot({ path: screenshotPath('console-experiment-log.png'), fullPage: true });
    await expect(seriousAccessibilityViolations(page)).resolves.toEqual([]);
  });

  it('uploads a CSV learning log with a progress bar and lists the refused rows by line', async () => {
    const page = main.page;
    const csv = [
      'observed,belief,decision,confidence',
      'Pilot users returned weekly,Habit forms,persevere,high',
      '"Price of 10, not 20",Lower price point,pivot,medium',
      'Missing a decision,x,,low',
      'Unknown confidence,y,kill,certain',
    ].join('\n');
    await page
      .getByLabel(/Learning log file/)
      .setInputFiles({ name: 'log.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    const status = page.getByRole('status').filter({ hasText: 'Done' });
    await status.waitFor({ timeout: 20_000 });
    await expect(status.textContent()).resolves.toContain('2 stored, 0 already there, 2 refused');
    const lines = await page
      .getByRole('table', { name: 'Refused entries' })
      .locator('tbody tr td:first-child')
      .allTextContents();
    expect(lines).toEqual(['4', '5']);
    await page
      .getByRole('region', { name: 'Learnings' })
      .getByRole('listitem')
      .filter({ hasText: 'Price of 10, not 20' })
      .waitFor();
    await page.screenshot({ path: screenshotPath('console-learning-upload.png'), fullPage: true });
  });

  it('takes a G1 review from request to decision: the lead watches it become ready, gatekeepers score, the chair decides', async () => {
    const page = main.page;
    const id = seeded.initiatives.get('Carbon marketplace')?.id ?? '';
    await page.goto(`${baseUrl}/initiatives/${id}`);
    await page.getByRole('button', { name: 'Request the next gate review' }).click();
    const reviews = page.getByRole('region', { name: 'Gate reviews' });
    await reviews.getByText('Gatekeepers scoring').waitFor({ timeout: 20_000 });
    const reviewPath = new URL(
      (await reviews.getByRole('link', { name: /G1 review/ }).getAttribute('href')) ?? '',
      baseUrl,
    ).pathname;

    for (const [n, gatekeeper] of gatekeepers.entries()) {
      const context = await laptopContext(browser);
      context.setDefaultTimeout(10_000);
      const gk = (await openPage(context)).page;
      await gk.goto(`${baseUrl}${reviewPath}`);
      await signIn(gk, gatekeeper.email, TEST_PASSWORD);
      await gk.getByRole('region', { name: 'Evidence snapshot' }).getByText('SHA-256').waitFor();
      const form = gk.getByRole('form', { name: 'Your scorecard' });
      for (const score of await form.getByRole('spinbutton').all()) await score.fill(String(7 + n));
      if (n === 0) await gk.screenshot({ path: screenshotPath('console-review-gatekeeper.png'), fullPage: true });
      await expect(seriousAccessibilityViolations(gk)).resolves.toEqual([]);
      await form.getByRole('button', { name: 'Submit scorecard' }).click();
      await gk.getByText('Your scorecard is in.').waitFor();
      await context.close();
    }

    const context = await laptopContext(browser);
    context.setDefaultTimeout(20_000);
    const chair = (await openPage(context)).page;
    await chair.goto(`${baseUrl}${reviewPath}`);
    await signIn(chair, leader.email, TEST_PASSWORD);
    await chair.getByText('Awaiting the chair').waitFor();
    await chair.getByRole('region', { name: 'Outcome' }).getByText('2 of 2 scorecards in.').waitFor();
    await chair.getByLabel('Decision', { exact: true }).selectOption('conditional_go');
    await chair.getByLabel('Condition 1', { exact: true }).fill('Sign two pilot customers');
    await chair.getByLabel('Due date of condition 1').fill('2027-03-31');
    await chair.screenshot({ path: screenshotPath('console-review-chair.png'), fullPage: true });
    await expect(seriousAccessibilityViolations(chair)).resolves.toEqual([]);
    // The decision's answer first: a refusal or a slow answer then names itself instead of a text that never shows.
    const decided = chair.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/decision'), {
      timeout: 40_000,
    });
    await chair.getByRole('button', { name: 'Record decision' }).click();
    const answer = await decided;
    expect({ status: answer.status(), body: answer.status() === 200 ? '' : await answer.text() }).toEqual({
      status: 200,
      body: '',
    });
    await chair.getByText(/decided Conditional Go/).waitFor();
    await context.close();

    await page.goto(`${baseUrl}/initiatives/${id}`);
    await page.getByRole('region', { name: 'Conditions to meet' }).getByText('Sign two pilot customers').waitFor();
    await page
      .getByRole('region', { name: 'Stage history' })
      .getByText('G1 Conditional Go → Experiment (Active)')
      .waitFor();
    // Labels, not the API's keys: the decision as the chair chose it, the chair by name rather than by email.
    await page
      .getByRole('region', { name: 'Gate reviews' })
      .locator('.tag')
      .filter({ hasText: /^Conditional Go$/ })
      .waitFor();
    await page.getByRole('region', { name: 'Stage history' }).getByText('by Test leader').first().waitFor();
  }, 150_000);
});
