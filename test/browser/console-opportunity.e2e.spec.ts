import { AddressInfo } from 'node:net';
import { Browser, Page } from 'playwright-core';
import { ensureDefaultProcessModel, newPortfolio } from '@ambidex/testing';
import { TEST_PASSWORD, TestApp, TestUser } from '../support/test-app';
import { seriousAccessibilityViolations } from './support/axe';
import { laptopContext, launchChromium, openPage, screenshotPath, signIn } from './support/browser';

/**
 * Operations feed innovation in the console (ISO 56001 8.3.2): an innovation lead raises an opportunity from an NC's
 * page, follows the link to the new initiative, which says where it came from and links back.
 * Screenshots: artifacts/screenshots/console-opportunity-*.png.
 */
describe('an opportunity raised from a nonconformity, in the console', () => {
  let app: TestApp;
  let browser: Browser;
  let baseUrl: string;
  let lead: TestUser;
  let portfolioName: string;
  let nc: { id: string; number: string };

  const pageFor = async (user: TestUser, path: string): Promise<Page> => {
    const context = await laptopContext(browser);
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
    lead = await app.newUser(['innovation_lead'], 'lead');
    const quality = await app.newUser(['quality_head'], 'quality');
    await ensureDefaultProcessModel(app.dataSource);
    portfolioName = 'Patient experience';
    await newPortfolio(app.dataSource, lead.id, portfolioName);
    const raised = await app.request({
      method: 'POST',
      url: '/api/nonconformities',
      token: quality.token,
      body: { source: 'customer_complaint', severity: 'major', probability: 3, description: 'Kiosk skips consent' },
    });
    nc = raised.json<{ id: string; number: string }>();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('raises an opportunity from the NC page and follows the link both ways', async () => {
    const page = await pageFor(lead, `/nonconformities/${nc.id}`);
    await page.getByRole('heading', { name: new RegExp(`^${nc.number}`) }).waitFor();
    await page.getByText('Raise an opportunity').click();
    const form = page.getByRole('form', { name: 'Raise an opportunity' });
    await form.getByLabel('Portfolio').selectOption({ label: portfolioName });
    await form.getByLabel('Title').fill('Consent that survives a kiosk timeout');
    await form.getByLabel('Problem').fill('Walk-in patients lose the consent step when the kiosk times out');
    await expect(seriousAccessibilityViolations(page)).resolves.toEqual([]);
    await page.screenshot({ path: screenshotPath('console-opportunity-form.png'), fullPage: true });
    await form.getByRole('button', { name: 'Raise the opportunity' }).click();
    await page.getByText('This nonconformity raised').waitFor();
    await page.getByRole('link', { name: 'an initiative' }).click();
    await page.getByRole('heading', { name: 'Consent that survives a kiosk timeout' }).waitFor();
    await page.getByText(`Raised from ${nc.number}`).waitFor();
    await expect(seriousAccessibilityViolations(page)).resolves.toEqual([]);
    await page.screenshot({ path: screenshotPath('console-opportunity-initiative.png'), fullPage: true });
    await page.getByRole('link', { name: nc.number }).click();
    await page.getByRole('heading', { name: new RegExp(`^${nc.number}`) }).waitFor();
    await page.context().close();
  }, 90_000);
});
