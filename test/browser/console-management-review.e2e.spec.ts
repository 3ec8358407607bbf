import { AddressInfo } from 'node:net';
import { Browser, Page } from 'playwright-core';
import { newInitiative, newPortfolio } from '@ambidex/testing';
import { TEST_PASSWORD, TestApp, TestUser } from '../support/test-app';
import { seriousAccessibilityViolations } from './support/axe';
import { laptopContext, launchChromium, openPage, phoneContext, screenshotPath, signIn } from './support/browser';

const dayIn = (days: number): string => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/**
 * Management reviews in the console: leadership schedules one from the navigation, reads the pack by clause once the
 * job has assembled it, records decisions and an action, and signs; the action's owner completes it on a 390 px
 * phone. Screenshots: artifacts/screenshots/console-management-review-*.png.
 */
describe('management reviews in the console', () => {
  let app: TestApp;
  let browser: Browser;
  let baseUrl: string;
  let leader: TestUser;
  let owner: TestUser;

  const pageFor = async (user: TestUser, path: string, phone = false): Promise<Page> => {
    const context = await (phone ? phoneContext(browser) : laptopContext(browser));
    context.setDefaultTimeout(20_000);
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
    leader = await app.newUser(['leadership'], 'leader');
    owner = await app.newUser(['gatekeeper'], 'owner');
    const lead = await app.newUser(['innovation_lead'], 'lead');
    const portfolio = await newPortfolio(app.dataSource, leader.id, 'Kiosks');
    for (const stage of ['explore', 'experiment', 'develop'] as const)
      await newInitiative(app.dataSource, { ownerId: lead.id, portfolioId: portfolio, stage });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('leadership schedules a review, reads the pack by clause, records the outputs and signs', async () => {
    const page = await pageFor(leader, '/inbox');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Management reviews' }).click();
    await page.getByRole('heading', { name: 'Management reviews', level: 1 }).waitFor();
    const form = page.getByRole('form', { name: 'Schedule a management review' });
    await form.getByLabel('Meeting on').fill(dayIn(7));
    await form.getByLabel('Period from').fill(dayIn(-365));
    await form.getByLabel('Period to (inclusive)').fill(dayIn(0));
    await form.getByLabel('Portfolio').selectOption({ label: 'Kiosks' });
    await form.getByLabel('Changes in external and internal issues').fill('A new kiosk accessibility regulation');
    await expect(seriousAccessibilityViolations(page)).resolves.toEqual([]);
    await page.screenshot({ path: screenshotPath('console-management-review-schedule.png'), fullPage: true });
    await form.getByRole('button', { name: 'Schedule the review' }).click();

    await page.getByRole('heading', { name: /^MR-\d{4,} — management review/ }).waitFor();
    await page.getByRole('heading', { name: /ISO9001 9\.3\.2a — Status of actions/ }).waitFor();
    await page.getByRole('heading', { name: /ISO9001 9\.3\.2c2 — The extent/ }).waitFor();
    await page.getByText('A new kiosk accessibility regulation').first().waitFor();
    await expect(seriousAccessibilityViolations(page)).resolves.toEqual([]);
    await page.screenshot({ path: screenshotPath('console-management-review-pack.png'), fullPage: true });

    await page.getByLabel('Decisions (one a line)').fill('Fund two more kiosk pilots\nAudit kiosk accessibility');
    await page.getByRole('button', { name: 'Save the decisions' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();

    const action = page.getByRole('form', { name: 'Add an action' });
    await action.getByLabel('Action').fill('Commission the accessibility audit of the kiosks');
    await action.getByRole('combobox', { name: 'Owner' }).fill('Test owner');
    await page.getByRole('option', { name: /^Test owner/ }).click();
    await action.getByLabel('Due on').fill(dayIn(30));
    await action.getByRole('button', { name: 'Add the action' }).click();
    await page.getByRole('cell', { name: 'Commission the accessibility audit of the kiosks' }).waitFor();
    await expect(seriousAccessibilityViolations(page)).resolves.toEqual([]);
    await page.screenshot({ path: screenshotPath('console-management-review-outputs.png'), fullPage: true });

    await page.getByRole('button', { name: 'Sign the review…' }).click();
    const dialog = page.getByRole('dialog', { name: /^Sign: approved/ });
    await dialog.getByLabel('Your password, to sign').fill(TEST_PASSWORD);
    await expect(seriousAccessibilityViolations(page)).resolves.toEqual([]);
    await page.screenshot({ path: screenshotPath('console-management-review-sign.png'), fullPage: true });
    await dialog.getByRole('button', { name: 'Sign' }).click();
    await page.getByText(/Signed by Test leader, .* meaning: approved/).waitFor();
    await expect(page.getByRole('button', { name: 'Sign the review…' }).count()).resolves.toBe(0);
    await expect(seriousAccessibilityViolations(page)).resolves.toEqual([]);
    await page.screenshot({ path: screenshotPath('console-management-review-signed.png'), fullPage: true });
    await page.context().close();
  }, 120_000);

  it('the action’s owner reaches it from the inbox and marks it done, on a 390 px phone', async () => {
    const page = await pageFor(owner, '/inbox', true);
    await page.getByRole('link', { name: /action due .*Commission the accessibility audit/ }).click();
    await page.waitForURL((url) => url.pathname === '/management-review-actions');
    await page.getByRole('heading', { name: 'My review actions' }).waitFor();
    await page.getByLabel('What was done').fill('Audit commissioned from an accredited body');
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await expect(seriousAccessibilityViolations(page)).resolves.toEqual([]);
    await page.screenshot({ path: screenshotPath('console-management-review-my-actions-phone.png'), fullPage: true });
    await page.getByRole('button', { name: 'Mark done' }).click();
    await page.getByText(/Done \d{4}-\d{2}-\d{2}: Audit commissioned/).waitFor();
    await page.screenshot({ path: screenshotPath('console-management-review-action-done-phone.png'), fullPage: true });
    await page.context().close();
  }, 90_000);
});
