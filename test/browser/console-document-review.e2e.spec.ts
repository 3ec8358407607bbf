import { AddressInfo } from 'node:net';
import { PeriodicReviewSweep } from '@ambidex/qms';
import { Browser, Page } from 'playwright-core';
import { Doc, HandoverRaceKit } from '../handover/race-kit';
import { TEST_PASSWORD, TestUser } from '../support/test-app';
import { seriousAccessibilityViolations } from './support/axe';
import { laptopContext, launchChromium, openPage, screenshotPath, signIn } from './support/browser';

/**
 * The periodic review in the console: the register marks the overdue document and filters the ones due; the quality
 * head records the review as still valid with an electronic signature, and the next due date follows.
 * Screenshots: artifacts/screenshots/console-document-review*.png.
 */
describe('periodic document review in the console', () => {
  let kit: HandoverRaceKit;
  let browser: Browser;
  let baseUrl: string;
  let doc: Doc;

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
    kit = await HandoverRaceKit.start();
    await kit.app.app.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = `http://127.0.0.1:${(kit.app.app.getHttpServer().address() as AddressInfo).port}`;
    doc = (await kit.effectiveDocuments())[1] as Doc;
    await kit.q(
      `UPDATE controlled_documents SET review_due_at = date_trunc('second', now() - interval '3 days') WHERE id = $1`,
      [doc.id],
    );
    await kit.app.app.get(PeriodicReviewSweep).sweep();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await kit?.close();
  });

  it('the quality head finds the overdue document in the register and records it still valid, signed', async () => {
    const page = await pageFor(kit.cast.quality, '/documents');
    await page.getByRole('heading', { name: 'Document register' }).waitFor();
    // The filter lives in the URL: the box shows checked once the navigation has rendered, which under load comes
    // after the click returns (so click, then wait, rather than check()).
    await page.getByRole('checkbox', { name: /periodic review is due/ }).click();
    await page.getByRole('checkbox', { name: /periodic review is due/, checked: true }).waitFor();
    const rows = page.getByRole('table').getByRole('row');
    await page.getByRole('table').getByText('Overdue').waitFor();
    expect(await rows.count()).toBe(2);
    expect(new URL(page.url()).searchParams.get('reviewDue')).toBe('true');
    await expect(seriousAccessibilityViolations(page)).resolves.toEqual([]);
    await page.screenshot({ path: screenshotPath('console-document-review-register.png'), fullPage: true });

    await page.getByRole('table').getByRole('link').first().click();
    const panel = page.getByRole('region', { name: 'Periodic review' });
    await panel.getByText('Overdue').waitFor();
    await expect(seriousAccessibilityViolations(page)).resolves.toEqual([]);
    const form = panel.getByRole('form', { name: 'Record the periodic review' });
    await form.getByLabel('Outcome').selectOption('still_valid');
    await form.getByLabel('Comment').fill('Checked against the current process: still right.');
    await form.getByRole('button', { name: 'Sign as still valid…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Sign: reviewed' });
    await dialog.getByText(kit.cast.quality.email).waitFor();
    await dialog.getByLabel('Your password, to sign').fill('not-my-password-1');
    await dialog.getByRole('button', { name: 'Sign' }).click();
    await dialog.getByRole('alert').waitFor();
    await page.screenshot({ path: screenshotPath('console-document-review-sign.png'), fullPage: true });
    await dialog.getByLabel('Your password, to sign').fill(TEST_PASSWORD);
    await dialog.getByRole('button', { name: 'Sign' }).click();
    await panel.getByText('Scheduled').waitFor();
    await panel.getByText(/still valid — /).waitFor();
    await panel.getByText(/meaning: reviewed \(valid\)/).waitFor();
    await expect(seriousAccessibilityViolations(page)).resolves.toEqual([]);
    await page.screenshot({ path: screenshotPath('console-document-review.png'), fullPage: true });

    expect(await kit.q(`SELECT outcome, reviewed_by FROM document_reviews WHERE document_id = $1`, [doc.id])).toEqual([
      { outcome: 'still_valid', reviewed_by: kit.cast.quality.id },
    ]);
    await page.context().close();
  }, 120_000);

  it('a change needed with a title too long shows the problem next to the field, and nothing is recorded', async () => {
    const other = (
      await kit.q<{ id: string }>(
        `SELECT id FROM controlled_documents WHERE status = 'controlled' AND id <> $1 ORDER BY id LIMIT 1`,
        [doc.id],
      )
    )[0]?.id as string;
    await kit.q(
      `UPDATE controlled_documents SET review_due_at = date_trunc('second', now() + interval '10 days') WHERE id = $1`,
      [other],
    );
    const page = await pageFor(kit.cast.quality, `/documents/${other}`);
    await page.getByRole('region', { name: 'Periodic review' }).getByText('Due soon').waitFor();
    const form = page.getByRole('form', { name: 'Record the periodic review' });
    await form.getByLabel('Outcome').selectOption('change_needed');
    await form.getByLabel('Reason for the change').fill('The kiosk flow changed');
    await form.getByLabel('Impact').fill('operators retrained');
    await form.getByLabel('Proposed title').fill('x'.repeat(301));
    const answered = page.waitForResponse((r) => r.url().endsWith(`/api/documents/${other}/reviews`));
    await form.getByRole('button', { name: 'Record and raise the change request' }).click();
    expect((await answered).status()).toBe(422);
    const title = form.getByLabel('Proposed title');
    await form.locator('.field.invalid').first().waitFor();
    expect(await title.getAttribute('aria-invalid')).toBe('true');
    await expect(seriousAccessibilityViolations(page)).resolves.toEqual([]);
    expect(await kit.count(`SELECT 1 FROM document_reviews WHERE document_id = $1`, [other])).toBe(0);
    await page.context().close();
  }, 60_000);

  it("the quality head changes a document type's review interval on its settings page", async () => {
    const page = await pageFor(kit.cast.quality, '/review-intervals');
    await page.getByRole('heading', { name: 'Periodic review intervals' }).waitFor();
    const form = page.getByRole('form', { name: 'Review interval of Procedure' });
    const months = form.getByLabel('Months between reviews of Procedure');
    await expect(months.inputValue()).resolves.toBe('24');
    await months.fill('36');
    await form.getByRole('button', { name: 'Save procedure interval' }).click();
    await form.getByRole('button', { name: 'Save procedure interval' }).and(page.locator(':disabled')).waitFor();
    await expect(seriousAccessibilityViolations(page)).resolves.toEqual([]);
    await page.screenshot({ path: screenshotPath('console-document-review-intervals.png'), fullPage: true });
    const [row] = await kit.q<{ interval_months: number }>(
      `SELECT interval_months FROM document_review_intervals WHERE document_type = 'procedure'`,
    );
    expect(row?.interval_months).toBe(36);
    await page.context().close();
  });
});
