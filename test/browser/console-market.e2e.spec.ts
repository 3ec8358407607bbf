import { AddressInfo } from 'node:net';
import { Browser, Page } from 'playwright-core';
import { newPortfolio } from '@ambidex/testing';
import { MarketDriver } from '../market/support';
import { TEST_PASSWORD, TestApp, TestUser } from '../support/test-app';
import { seriousAccessibilityViolations } from './support/axe';
import { laptopContext, launchChromium, openPage, phoneContext, screenshotPath, signIn } from './support/browser';

const MONTHS_MS = 30.5 * 86_400_000;

/**
 * The market loop in the console: the owner of a product in operation enters a month and imports a CSV (a bad row
 * is named next to the file and nothing is imported), a quality head records feedback and raises an NC from it, the
 * owner raises an opportunity from other feedback, leadership records the due 6-month review and reads the
 * dashboard's Market loop. Screenshots: artifacts/screenshots/console-market-*.png.
 */
describe('the market loop in the console', () => {
  let app: TestApp;
  let browser: Browser;
  let baseUrl: string;
  let owner: TestUser;
  let quality: TestUser;
  let leader: TestUser;
  let portfolioId: string;
  let productId: string;

  const pageFor = async (user: TestUser, path: string, phone = false): Promise<Page> => {
    const context = await (phone ? phoneContext(browser) : laptopContext(browser));
    context.setDefaultTimeout(15_000);
    const page = (await openPage(context)).page;
    await page.goto(`${baseUrl}${path}`);
    await signIn(page, user.email, TEST_PASSWORD);
    return page;
  };

  beforeAll(async () => {
    browser = await launchChromium();
    app = await TestApp.startIsolated({ worker: true });
    await app.app.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = `http://127.0.0.1:${(app.app.getHttpServer().address() as AddressInfo).port}`;
    owner = await app.newUser(['innovation_lead'], 'owner');
    quality = await app.newUser(['quality_head'], 'quality');
    leader = await app.newUser(['leadership'], 'leader');
    portfolioId = await newPortfolio(app.dataSource, owner.id, 'Clinic services');
    // Handed over eight months ago: its 6-month review is due, its 12-month one is not.
    productId = await new MarketDriver(app).registered(owner.id, new Date(Date.now() - 8 * MONTHS_MS), portfolioId);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('the owner enters a month and imports a CSV; a bad row is named and imports nothing', async () => {
    const page = await pageFor(owner, `/initiatives/${productId}`);
    const market = page.getByRole('region', { name: 'Market' });
    await market.waitFor();
    await market.getByText('Enter or correct a month').click();
    const month = page.getByRole('form', { name: 'Enter a month' });
    await month.getByLabel('Month').fill('2026-01');
    await month.getByLabel('Revenue').fill('12000');
    await month.getByLabel('Cost savings').fill('800');
    await month.getByLabel('Customers').fill('40');
    await month.getByRole('button', { name: 'Save the month' }).click();
    await page.getByRole('rowheader', { name: 'Jan 2026' }).waitFor();

    await market.getByText('Import months from a CSV').click();
    const csv = page.getByRole('form', { name: 'Import months from a CSV' });
    await csv.getByLabel('CSV file').setInputFiles({
      name: 'bad.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('month,revenue,cost_savings,customers\n2026-02,13000,900,44\n2026-03,13 500,0,47\n'),
    });
    await csv.getByRole('button', { name: 'Import bad.csv' }).click();
    await csv.getByText('row 2, column revenue', { exact: false }).first().waitFor();
    await expect(page.getByRole('rowheader', { name: 'Feb 2026' }).count()).resolves.toBe(0);
    await expect(seriousAccessibilityViolations(page)).resolves.toEqual([]);
    await market.screenshot({ path: screenshotPath('console-market-csv-refused.png') });

    await csv.getByLabel('CSV file').setInputFiles({
      name: 'months.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('month,revenue,cost_savings,customers\n2026-02,13000,900,44\n2026-03,13500,0,47\n'),
    });
    await csv.getByRole('button', { name: 'Import months.csv' }).click();
    await page.getByText('Imported: 2 new month(s), 0 corrected.').waitFor();
    await page.getByRole('rowheader', { name: 'Mar 2026' }).waitFor();
    await expect(seriousAccessibilityViolations(page)).resolves.toEqual([]);
    await market.screenshot({ path: screenshotPath('console-market-values.png') });
    await page.context().close();
  }, 90_000);

  it('a quality head records feedback and raises an NC from it, linked both ways', async () => {
    const page = await pageFor(quality, `/initiatives/${productId}`);
    const form = page.getByRole('form', { name: 'Record customer feedback' });
    await form.getByLabel('Channel').selectOption('support');
    await form.getByLabel('Sentiment').selectOption('negative');
    await form.getByLabel('What the customer said').fill('The kiosk froze twice at check-in this week');
    await form.getByRole('button', { name: 'Record the feedback' }).click();
    const item = page.getByRole('listitem').filter({ hasText: 'The kiosk froze twice' });
    await item.getByRole('button', { name: 'Raise a nonconformity' }).click();
    await item.getByRole('link', { name: 'a nonconformity' }).click();
    await page.getByRole('heading', { name: /^NC-\d{4,}/ }).waitFor();
    await page.getByRole('link', { name: /^customer feedback of/ }).click();
    await page.getByRole('heading', { name: 'Customer feedback' }).waitFor();
    await page.getByText('The kiosk froze twice at check-in this week').waitFor();
    await expect(seriousAccessibilityViolations(page)).resolves.toEqual([]);
    await page.screenshot({ path: screenshotPath('console-market-feedback-page.png'), fullPage: true });
    await page.context().close();
  }, 60_000);

  it('the owner raises an opportunity from an idea, on a 390 px phone', async () => {
    const page = await pageFor(owner, `/initiatives/${productId}`, true);
    const form = page.getByRole('form', { name: 'Record customer feedback' });
    await form.getByLabel('Channel').selectOption('interview');
    await form.getByLabel('What the customer said').fill('Could the kiosk book follow-up visits too?');
    await form.getByRole('button', { name: 'Record the feedback' }).click();
    const item = page.getByRole('listitem').filter({ hasText: 'book follow-up visits' });
    await item.getByRole('button', { name: 'Raise an opportunity' }).click();
    const raise = item.getByRole('form', { name: 'Raise an opportunity' });
    await raise.getByLabel('Title').fill('Kiosk books follow-up visits');
    await raise.getByLabel('Problem').fill('Patients queue a second time to book their follow-up');
    await raise.getByRole('button', { name: 'Raise the opportunity' }).click();
    await item.getByRole('link', { name: 'an opportunity' }).waitFor();
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await expect(seriousAccessibilityViolations(page)).resolves.toEqual([]);
    await page.getByRole('region', { name: 'Market' }).screenshot({ path: screenshotPath('console-market-phone.png') });
    await item.getByRole('link', { name: 'an opportunity' }).click();
    await page.getByText('Raised from').waitFor();
    await page.getByRole('link', { name: /^Feedback on / }).waitFor();
    await page.context().close();
  }, 60_000);

  it('leadership records the due 6-month review and reads the Market loop on the dashboard', async () => {
    const page = await pageFor(leader, `/initiatives/${productId}`);
    const review = page.getByRole('form', { name: 'Record the 6-month review' });
    await review.getByLabel('Against the forecast').selectOption('behind');
    await review.getByLabel('Notes').fill('Revenue at a tenth of plan; clinics pay late');
    await review.getByRole('button', { name: 'Record the review' }).click();
    await page.getByText('Revenue at a tenth of plan; clinics pay late').waitFor();
    await expect(page.getByRole('form', { name: 'Record the 12-month review' }).count()).resolves.toBe(0);
    await expect(seriousAccessibilityViolations(page)).resolves.toEqual([]);
    await page.getByRole('region', { name: 'Post-launch reviews' }).screenshot({
      path: screenshotPath('console-market-reviews.png'),
    });

    const from = `${new Date().getUTCFullYear()}-01-01`;
    const to = new Date().toISOString().slice(0, 10);
    await page.goto(`${baseUrl}/dashboard?portfolio=${portfolioId}&from=${from}&to=${to}`);
    const loop = page.getByRole('region', { name: 'Market loop' });
    await loop.getByRole('table').waitFor();
    await loop.getByText('Vitality index').waitFor();
    await expect(seriousAccessibilityViolations(page)).resolves.toEqual([]);
    await loop.screenshot({ path: screenshotPath('console-market-dashboard.png') });
    await page.context().close();
  }, 60_000);
});
