import { AddressInfo } from 'node:net';
import { Browser, Page } from 'playwright-core';
import { documentInReview, principalById } from '@ambidex/testing';
import { TEST_PASSWORD, TestApp, TestUser } from '../support/test-app';
import { seriousAccessibilityViolations } from './support/axe';
import { laptopContext, launchChromium, openPage, phoneContext, screenshotPath, signIn } from './support/browser';

/**
 * Nonconformities in the console: a gatekeeper raises one on a phone (390 px) from the navigation; a quality head
 * finds it in the register, records containment and root cause, plans an action, marks it done, and, once the check
 * is due, records it effective with an electronic signature. Screenshots: artifacts/screenshots/console-nc-*.png.
 */
describe('nonconformities in the console', () => {
  let app: TestApp;
  let browser: Browser;
  let baseUrl: string;
  let gatekeeper: TestUser;
  let quality: TestUser;
  let ncPath = '';

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
    gatekeeper = await app.newUser(['gatekeeper'], 'gatekeeper');
    quality = await app.newUser(['quality_head'], 'quality');
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('anyone signed in raises a nonconformity from the navigation, on a 390 px phone', async () => {
    const page = await pageFor(gatekeeper, '/inbox', true);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Raise a nonconformity' }).click();
    await page.getByRole('heading', { name: 'Raise a nonconformity' }).waitFor();
    await page.getByLabel('What is wrong').fill('Kiosk check-in skipped the consent step for walk-ins');
    await page.getByLabel('Source').selectOption('customer_complaint');
    await page.getByLabel('Severity').selectOption('major');
    await page.getByLabel('Probability of recurrence').selectOption('4');
    await page.getByLabel('Evidence links').fill('https://complaints.example/4711');
    await expect(seriousAccessibilityViolations(page)).resolves.toEqual([]);
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: screenshotPath('console-nc-raise-phone.png'), fullPage: true });
    await page.getByRole('button', { name: 'Raise the nonconformity' }).click();
    await page.getByRole('heading', { name: /^NC-\d{4,}/ }).waitFor();
    ncPath = new URL(page.url()).pathname;
    await page.getByText('Kiosk check-in skipped the consent step for walk-ins').waitFor();
    // A gatekeeper sees the NC but none of the quality heads' forms.
    await expect(page.getByRole('form', { name: 'Record the containment' }).count()).resolves.toBe(0);
    await expect(seriousAccessibilityViolations(page)).resolves.toEqual([]);
    await page.screenshot({ path: screenshotPath('console-nc-raised-phone.png'), fullPage: true });
    await page.context().close();
  }, 60_000);

  it('a quality head filters the register, contains, analyses, acts and closes the NC with a signature', async () => {
    const page = await pageFor(quality, '/nonconformities');
    await page.getByRole('heading', { name: 'Nonconformities' }).waitFor();
    await page.getByLabel('Severity').selectOption('major');
    await page.waitForURL((url) => url.searchParams.get('severity') === 'major');
    const row = page.getByRole('row').filter({ hasText: 'Kiosk check-in skipped' });
    await row.waitFor();
    await expect(seriousAccessibilityViolations(page)).resolves.toEqual([]);
    await page.screenshot({ path: screenshotPath('console-nc-register.png'), fullPage: true });
    await page.getByLabel('Severity').selectOption('minor');
    await page.getByText('No nonconformity matches.').waitFor();
    await page.getByLabel('Severity').selectOption('');
    await row.getByRole('link').click();
    await page.waitForURL((url) => url.pathname === ncPath);

    await page.getByLabel('What was done at once').fill('Walk-ins sent to the front desk for paper consent');
    await page.getByRole('button', { name: 'Record the containment' }).click();
    await page.getByText('Recorded by Test quality').waitFor();

    await page
      .getByLabel(/^Why\? Why\?/)
      .fill('Consent step skipped\nScreen timed out\nTimeout was 5 s\nDefault never reviewed');
    await page.getByLabel('Cause category').selectOption('method');
    await page.getByRole('button', { name: 'Record the root cause' }).click();
    await page.getByRole('list', { name: 'Five whys' }).getByText('Default never reviewed').waitFor();

    await page.getByText('Plan corrective actions').click();
    await page.getByLabel('What is done (action 1)').fill('Set the consent timeout to 60 s');
    await page.getByLabel('Owner of action 1', { exact: true }).fill('Test quality');
    await page.getByRole('option', { name: /^Test quality/ }).click();
    const due = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel('Due date of action 1').fill(due);
    await page.getByLabel('Check effectiveness after (days)').fill('30');
    await expect(seriousAccessibilityViolations(page)).resolves.toEqual([]);
    await page.screenshot({ path: screenshotPath('console-nc-plan.png'), fullPage: true });
    await page.getByRole('button', { name: 'Plan the actions' }).click();
    await page
      .getByRole('heading', { name: /Corrective actions/ })
      .first()
      .waitFor();
    await page.getByRole('button', { name: 'Mark done' }).click();
    await page.getByText(/Due on/).waitFor();

    // The interval passes (30 days, made due in PostgreSQL); the quality head judges it effective and signs.
    const id = ncPath.split('/').pop() ?? '';
    await app.dataSource.query(
      `UPDATE nonconformities SET effectiveness_due_at = now() - interval '1 second' WHERE id = $1`,
      [id],
    );
    await page.reload();
    await page.getByLabel('What the check found').fill('No walk-in without consent in 30 days of sampling');
    await page.getByRole('button', { name: 'Effective: close and sign…' }).click();
    const dialog = page.getByRole('dialog', { name: /^Sign: approved/ });
    await dialog.getByText(quality.email).waitFor();
    await expect(seriousAccessibilityViolations(page)).resolves.toEqual([]);
    await page.screenshot({ path: screenshotPath('console-nc-sign.png'), fullPage: true });
    await dialog.getByLabel('Your password, to sign').fill('wrong-password-0');
    await dialog.getByRole('button', { name: 'Sign' }).click();
    await dialog.getByText('The password given to sign does not match your account').waitFor();
    await dialog.getByLabel('Your password, to sign').fill(TEST_PASSWORD);
    await dialog.getByRole('button', { name: 'Sign' }).click();
    await page.getByRole('heading', { name: /Closed/ }).waitFor();
    await page.getByText(/Signed by Test quality, .* meaning: approved/).waitFor();
    await expect(seriousAccessibilityViolations(page)).resolves.toEqual([]);
    await page.screenshot({ path: screenshotPath('console-nc-closed.png'), fullPage: true });
    await page.context().close();
  }, 90_000);

  it('from a document, anyone raises an NC about it; a quality head raises a change request, linked both ways', async () => {
    const lead = await app.newUser(['innovation_lead'], 'lead');
    const { documentId, revisionId } = await documentInReview(app.app, await principalById(app.app, lead.id), [
      await principalById(app.app, quality.id),
    ]);
    const approved = await app.request({
      method: 'POST',
      url: `/api/revisions/${revisionId}/approval`,
      token: quality.token,
      body: { password: TEST_PASSWORD, decision: 'approved' },
    });
    expect(approved.json()).toMatchObject({ state: 'effective' });

    const page = await pageFor(lead, `/documents/${documentId}`);
    await page.getByRole('link', { name: 'Raise a nonconformity about this document' }).click();
    await expect(page.getByLabel('About').inputValue()).resolves.toBe('controlled_document');
    await expect(page.getByLabel('Record id').inputValue()).resolves.toBe(documentId);
    await page.getByLabel('What is wrong').fill('The work instruction omits the consent step');
    await page.getByRole('button', { name: 'Raise the nonconformity' }).click();
    const heading = page.getByRole('heading', { name: /^NC-\d{4,}/ });
    await heading.waitFor();
    const ncUrl = page.url();
    const ncNumber = ((await heading.textContent()) ?? '').split(' ')[0] ?? '';
    await page.context().close();

    const qualityPage = await pageFor(quality, new URL(ncUrl).pathname);
    await qualityPage.getByText('No change request raised.').waitFor();
    await qualityPage.getByText('Raise a change request on the document').click();
    await qualityPage.getByLabel('Reason').fill('Add the consent step');
    await qualityPage.getByLabel('Impact').fill('Front desk retrained');
    await qualityPage.getByLabel('Proposed title').fill('Kiosk check-in with consent');
    await qualityPage.getByLabel('Proposed text').fill('# Steps\n1. Greet the patient\n2. Take consent\n');
    await qualityPage.getByRole('button', { name: 'Raise the change request' }).click();
    await qualityPage.getByRole('link', { name: 'change request on the document' }).click();
    await qualityPage.waitForURL((url) => url.pathname === `/documents/${documentId}`);
    const raisedBy = qualityPage.getByRole('link', { name: ncNumber });
    await raisedBy.waitFor();
    await expect(seriousAccessibilityViolations(qualityPage)).resolves.toEqual([]);
    await qualityPage.screenshot({ path: screenshotPath('console-nc-change-request.png'), fullPage: true });
    await raisedBy.click();
    await qualityPage.waitForURL((url) => url.href === ncUrl);
    await qualityPage.context().close();
  }, 90_000);
});
