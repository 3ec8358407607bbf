import { AddressInfo } from 'node:net';
import { newInitiative } from '@ambidex/testing';
import { Browser, Page, Request } from 'playwright-core';
import { HandoverCast, handoverCast, initiativeThroughG3 } from '../handover/support';
import { TEST_PASSWORD, TestApp, TestUser } from '../support/test-app';
import { seriousAccessibilityViolations } from './support/axe';
import { laptopContext, launchChromium, openPage, screenshotPath, signIn } from './support/browser';

/**
 * The handover in the console: the lead prepares the package after a G3 Go and submits it with an electronic
 * signature; the quality head accepts it with one; the new controlled documents are approved with a signature and
 * become effective; the person trained on them acknowledges. Screenshots: artifacts/screenshots/console-*.png.
 */
describe('handover and quality in the console', () => {
  let app: TestApp;
  let browser: Browser;
  let baseUrl: string;
  let cast: HandoverCast;
  let initiativeId: string;
  let packageId: string;

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
    app = await TestApp.startIsolated({ worker: true });
    await app.app.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = `http://127.0.0.1:${(app.app.getHttpServer().address() as AddressInfo).port}`;
    cast = await handoverCast(app);
    ({ initiativeId, packageId } = await initiativeThroughG3(app, cast));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('while the package of a G3 Go is being assembled, the Handover link says so and asks again until it is there', async () => {
    // In handover without a package: the moment between the G3 Go and the background job that assembles it.
    const waiting = await newInitiative(app.dataSource, {
      ownerId: cast.owner.id,
      stage: 'handover',
      title: `Kiosk waiting ${Date.now()}`,
    });
    const page = await pageFor(cast.owner, `/initiatives/${waiting}/handover`);
    await page.getByRole('status').filter({ hasText: 'The package is being assembled…' }).waitFor();
    const asked = (r: Request) => new URL(r.url()).pathname === `/api/initiatives/${waiting}/handover-packages`;
    for (let n = 0; n < 2; n += 1) await page.waitForRequest(asked, { timeout: 8_000 });
    await expect(seriousAccessibilityViolations(page)).resolves.toEqual([]);
    await page.screenshot({ path: screenshotPath('console-handover-assembling.png'), fullPage: true });
    await page.context().close();
  });

  it('the lead fills the package and submits it, signing as its author after reading the hash of what is signed', async () => {
    const page = await pageFor(cast.owner, `/initiatives/${initiativeId}/handover`);
    await page.getByRole('heading', { name: /Handover package/ }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/packages/${packageId}`);
    for (const control of await page.getByLabel(/^Control for:/).all())
      await control.fill('Monthly invoicing fallback');
    for (const [i, baseline] of (await page.getByLabel(/^Baseline of/).all()).entries())
      await baseline.fill(String(4 + i));
    await page.getByRole('checkbox', { name: 'Quality head' }).check();
    await page.getByLabel('Inputs (comma separated)').fill('patient arrival, appointment list');
    await page.getByRole('button', { name: 'Save the package' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await page.getByRole('button', { name: 'Submit for acceptance…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Sign: authored' });
    await dialog.getByText(cast.owner.email).waitFor();
    const shown = (await app.request({ url: `/api/handover-packages/${packageId}`, token: cast.owner.token })).json<{
      contentHash: string;
    }>();
    await dialog.getByText(shown.contentHash).waitFor();
    await page.screenshot({ path: screenshotPath('console-sign-package.png'), fullPage: true });
    await dialog.getByLabel('Your password, to sign').fill('not-my-password-1');
    await dialog.getByRole('button', { name: 'Sign' }).click();
    await dialog.getByRole('alert').waitFor();
    await dialog.getByLabel('Your password, to sign').fill(TEST_PASSWORD);
    await dialog.getByRole('button', { name: 'Sign' }).click();
    await page.getByText('Submitted: waiting for the quality head').waitFor();
    await page
      .getByRole('region', { name: 'Signatures' })
      .getByText(/authored/)
      .waitFor();
    const signatures = (
      await app.request({ url: `/api/handover-packages/${packageId}`, token: cast.owner.token })
    ).json<{ signatures: { meaning: string; contentHash: string }[] }>().signatures;
    expect(signatures.find((s) => s.meaning === 'authored')?.contentHash).toBe(shown.contentHash);
    await page.context().close();
  }, 90_000);

  it('the quality head reads the package and accepts it with a signature', async () => {
    const page = await pageFor(cast.quality, `/packages/${packageId}`);
    await page.getByRole('region', { name: 'Requirements and their evidence' }).waitFor();
    await page.getByRole('region', { name: 'Transfer readiness' }).waitFor();
    await page.screenshot({ path: screenshotPath('console-package-quality-head.png'), fullPage: true });
    await expect(seriousAccessibilityViolations(page)).resolves.toEqual([]);
    await page.getByRole('button', { name: 'Sign the verdict…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Sign: accepted' });
    await dialog.getByLabel('Your password, to sign').fill(TEST_PASSWORD);
    await dialog.getByRole('button', { name: 'Sign' }).click();
    await page
      .getByText(/^Accepted$/)
      .first()
      .waitFor();
    await page
      .getByRole('region', { name: 'Signatures' })
      .getByText(/accepted/)
      .waitFor();
    await page.context().close();
  }, 90_000);

  it('the documents are approved with a signature, become effective, and the person trained acknowledges', async () => {
    const page = await pageFor(cast.quality, '/documents');
    await page.getByRole('heading', { name: 'Document register' }).waitFor();
    const links = page.getByRole('table').getByRole('link');
    await links.first().waitFor();
    await expect(seriousAccessibilityViolations(page)).resolves.toEqual([]);
    await links.first().click();
    const approve = page.getByRole('button', { name: 'Approve…' }).first();
    await approve.waitFor();
    await approve.click();
    const dialog = page.getByRole('dialog', { name: 'Sign: approved' });
    await dialog.getByLabel('Your password, to sign').fill(TEST_PASSWORD);
    await dialog.getByRole('button', { name: 'Sign' }).click();
    await page.getByText('Effective', { exact: true }).first().waitFor({ timeout: 20_000 });
    await expect(seriousAccessibilityViolations(page)).resolves.toEqual([]);
    await page.screenshot({ path: screenshotPath('console-document.png'), fullPage: true });

    await page.getByRole('link', { name: 'My training' }).click();
    const acknowledge = page.getByRole('button', { name: 'I have read and understood it' }).first();
    await acknowledge.waitFor({ timeout: 20_000 });
    await acknowledge.click();
    await page
      .getByText(/^acknowledged/)
      .first()
      .waitFor();
    await expect(seriousAccessibilityViolations(page)).resolves.toEqual([]);
    await page.screenshot({ path: screenshotPath('console-training.png'), fullPage: true });
    await page.context().close();
  }, 90_000);
});
