import { readFileSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { Browser, Page } from 'playwright-core';
import { TestApp, TestUser, TEST_PASSWORD } from '../support/test-app';
import { EvidencePeople, evidencePeople, raisedNonconformity, signedAudit } from '../evidence/support';
import { seriousAccessibilityViolations } from './support/axe';
import { laptopContext, launchChromium, openPage, phoneContext, screenshotPath, signIn } from './support/browser';

/**
 * Evidence for auditors in the console: the auditor opens the page from the navigation, reads the coverage report
 * (the clauses with no evidence), follows a record to its page, downloads the ZIP; a bad period is named next to
 * its field. Screenshots: artifacts/screenshots/console-evidence-*.png.
 */
describe('evidence for auditors in the console', () => {
  let app: TestApp;
  let browser: Browser;
  let baseUrl: string;
  let people: EvidencePeople;

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
    app = await TestApp.startIsolated();
    await app.app.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = `http://127.0.0.1:${(app.app.getHttpServer().address() as AddressInfo).port}`;
    people = await evidencePeople(app);
    await raisedNonconformity(app, people.lead);
    await signedAudit(app, people);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('the auditor reads the coverage report, follows a record and downloads the ZIP', async () => {
    const page = await pageFor(people.auditor, '/inbox');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Evidence' }).click();
    await page.getByRole('heading', { name: 'Evidence for auditors' }).waitFor();
    await page.getByText(/3 of \d+ clauses have evidence in the period/).waitFor();
    const missing = page.getByRole('list').filter({ hasText: 'ISO 9001 9.3 Management review' });
    await missing.getByText('ISO 9001 7.2 Competence').waitFor();
    await expect(missing.getByText('ISO 9001 10.2 Nonconformity and corrective action').count()).resolves.toBe(0);
    const capa = page.getByRole('region', { name: /ISO 9001 10.2 Nonconformity/ });
    await capa.getByText('nonconformity.raised').waitFor();
    await expect(seriousAccessibilityViolations(page)).resolves.toEqual([]);
    await page.screenshot({ path: screenshotPath('console-evidence.png'), fullPage: true });

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download ZIP of records' }).click(),
    ]);
    const file = readFileSync(await download.path());
    expect(file.subarray(0, 2).toString()).toBe('PK');
    expect(download.suggestedFilename()).toMatch(/^evidence-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.zip$/);

    await capa.getByRole('link', { name: 'nonconformity' }).click();
    await page.getByRole('heading', { name: /^NC-\d{4,}/ }).waitFor();
    await page.context().close();
  }, 90_000);

  it('a period that ends before it starts is named next to its field, on a 390 px phone', async () => {
    const page = await pageFor(people.quality, '/evidence', true);
    await page.getByRole('heading', { name: 'Evidence for auditors' }).waitFor();
    await page.getByLabel('From').fill('2026-03-02');
    await page.getByLabel('To').fill('2026-03-01');
    await page.getByRole('button', { name: 'Show evidence' }).click();
    await page.getByText('from must not be after to').first().waitFor();
    await expect(page.getByLabel('From').getAttribute('aria-invalid')).resolves.toBe('true');
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await expect(seriousAccessibilityViolations(page)).resolves.toEqual([]);
    await page.screenshot({ path: screenshotPath('console-evidence-bad-range-phone.png'), fullPage: true });
    await page.context().close();
  }, 60_000);

  it('an innovation lead sees the page is not for their role, and no navigation link', async () => {
    const page = await pageFor(people.lead, '/evidence');
    await page.getByRole('alert').filter({ hasText: 'Not for your role' }).waitFor();
    await expect(
      page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Evidence' }).count(),
    ).resolves.toBe(0);
    await page.screenshot({ path: screenshotPath('console-evidence-refused.png'), fullPage: true });
    await page.context().close();
  }, 60_000);
});
