import { AddressInfo } from 'node:net';
import { Browser, Page } from 'playwright-core';
import { ensureDefaultProcessModel, newPortfolio } from '@ambidex/testing';
import { TEST_PASSWORD, TestApp, TestUser } from '../support/test-app';
import { seriousAccessibilityViolations } from './support/axe';
import { laptopContext, launchChromium, openPage, phoneContext, screenshotPath, signIn } from './support/browser';

const DOCS = 'ISO 9001 7.5 Documented information';
const CAPA = 'ISO 9001 10.2 Nonconformity and corrective action';
const DOCS_ID = 'ISO9001-7.5';

/**
 * Internal audits in the console: a quality head plans one on a 390 px phone; the auditor starts it, records a
 * conformity and a major finding (which raises a linked NC) and signs the report. Screenshots:
 * artifacts/screenshots/console-audit-*.png.
 */
describe('internal audits in the console', () => {
  let app: TestApp;
  let browser: Browser;
  let baseUrl: string;
  let quality: TestUser;
  let auditor: TestUser;
  let auditPath = '';

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
    quality = await app.newUser(['quality_head'], 'quality');
    auditor = await app.newUser(['auditor'], 'auditor');
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('a quality head plans an audit from the navigation, on a 390 px phone', async () => {
    const page = await pageFor(quality, '/inbox', true);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Internal audits' }).click();
    await page.getByRole('heading', { name: 'Internal audits' }).waitFor();
    await page.getByRole('link', { name: 'Plan an audit' }).click();
    await page.getByRole('heading', { name: 'Plan an audit' }).waitFor();
    await page.getByLabel('Planned for').fill(new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10));
    await page.getByLabel('Scope').fill('Document control and CAPA at the Lyon site');
    await page.getByLabel(DOCS, { exact: true }).check();
    await page.getByLabel(CAPA, { exact: true }).check();
    await page.getByLabel('Auditor').selectOption({ label: 'Test auditor' });
    await expect(seriousAccessibilityViolations(page)).resolves.toEqual([]);
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: screenshotPath('console-audit-plan-phone.png'), fullPage: true });
    await page.getByRole('button', { name: 'Plan the audit' }).click();
    await page.getByRole('heading', { name: /^AUD-\d{4,}/ }).waitFor();
    auditPath = new URL(page.url()).pathname;
    await page.getByText('Document control and CAPA at the Lyon site').waitFor();
    // The planner is not the auditor: no start button for them.
    await expect(page.getByRole('button', { name: 'Start the audit' }).count()).resolves.toBe(0);
    await expect(seriousAccessibilityViolations(page)).resolves.toEqual([]);
    await page.screenshot({ path: screenshotPath('console-audit-planned-phone.png'), fullPage: true });
    await page.context().close();
  }, 60_000);

  it('the auditor starts it, records findings (a major raises an NC) and signs the report', async () => {
    const page = await pageFor(auditor, '/audits');
    await page.getByLabel('Status').selectOption('planned');
    await page.waitForURL((url) => url.searchParams.get('status') === 'planned');
    const row = page.getByRole('row').filter({ hasText: 'Lyon site' });
    await row.waitFor();
    await expect(seriousAccessibilityViolations(page)).resolves.toEqual([]);
    await page.screenshot({ path: screenshotPath('console-audit-programme.png'), fullPage: true });
    await page.getByLabel('Status').selectOption('signed');
    await page.getByText('No audit matches.').waitFor();
    await page.getByLabel('Status').selectOption('');
    await row.getByRole('link').click();
    await page.waitForURL((url) => url.pathname === auditPath);

    await page.getByRole('button', { name: 'Start the audit' }).click();
    const docs = page.getByRole('form', { name: `Finding for ${DOCS}` });
    await docs.waitFor();
    await docs.getByLabel('Finding').selectOption('conformity');
    await docs.getByLabel('Note').fill('Ten records sampled, all approved and signed');
    await docs.getByRole('button', { name: 'Record the finding' }).click();
    await page.getByText('Ten records sampled, all approved and signed').waitFor();

    const capa = page.getByRole('form', { name: `Finding for ${CAPA}` });
    await capa.getByLabel('Finding').selectOption('major');
    await capa.getByLabel('Note').fill('Two NCs were closed without an effectiveness check');
    await capa.getByLabel('Evidence links').fill('https://audit.example/lyon/7');
    await expect(seriousAccessibilityViolations(page)).resolves.toEqual([]);
    await page.screenshot({ path: screenshotPath('console-audit-finding.png'), fullPage: true });
    await capa.getByRole('button', { name: 'Record the finding' }).click();
    const raised = page
      .getByRole('region', { name: 'Nonconformities raised' })
      .getByRole('link', { name: /^NC-\d{4,}/ });
    await raised.waitFor();
    const ncNumber = (await raised.textContent()) ?? '';

    await page.getByLabel('Summary').fill('Document control conforms; CAPA misses effectiveness checks (one major)');
    await page.getByRole('button', { name: 'Sign the report…' }).click();
    const dialog = page.getByRole('dialog', { name: /^Sign: authored/ });
    await dialog.getByText(auditor.email).waitFor();
    await expect(seriousAccessibilityViolations(page)).resolves.toEqual([]);
    await page.screenshot({ path: screenshotPath('console-audit-sign.png'), fullPage: true });
    await dialog.getByLabel('Your password, to sign').fill('wrong-password-0');
    await dialog.getByRole('button', { name: 'Sign' }).click();
    await dialog.getByText('The password given to sign does not match your account').waitFor();
    await dialog.getByLabel('Your password, to sign').fill(TEST_PASSWORD);
    await dialog.getByRole('button', { name: 'Sign' }).click();
    await page.getByRole('heading', { name: /Signed/ }).waitFor();
    await page.getByText(/Signed by Test auditor, .* meaning: authored/).waitFor();
    await expect(page.getByRole('form').count()).resolves.toBe(0);
    await expect(seriousAccessibilityViolations(page)).resolves.toEqual([]);
    await page.screenshot({ path: screenshotPath('console-audit-signed.png'), fullPage: true });

    // The NC names the audit, and links back from the audit.
    await raised.click();
    await page.getByRole('heading', { name: new RegExp(`^${ncNumber}`) }).waitFor();
    await page.getByText(/Internal audit AUD-\d{4,}/).waitFor();
    await page.context().close();
  }, 90_000);

  it('an innovation lead raises an opportunity from an observation of a signed audit, linked both ways', async () => {
    const lead = await app.newUser(['innovation_lead'], 'lead');
    await newPortfolio(app.dataSource, lead.id, 'Service innovation');
    await ensureDefaultProcessModel(app.dataSource);
    const audit = await signedAuditWithObservation();

    const page = await pageFor(lead, `/audits/${audit.id}`);
    const observations = page.getByRole('region', { name: 'Observations' });
    await observations.getByText('Handover criteria are prose nobody can test').waitFor();
    await observations.getByRole('button', { name: 'Raise an opportunity' }).click();
    const form = observations.getByRole('form', { name: 'Raise an opportunity' });
    await form.getByLabel('Title').fill('Testable handover criteria');
    await form.getByLabel('Problem').fill('Acceptance criteria are prose nobody can test');
    await expect(seriousAccessibilityViolations(page)).resolves.toEqual([]);
    await page.screenshot({ path: screenshotPath('console-audit-observation-opportunity.png'), fullPage: true });
    await form.getByRole('button', { name: 'Raise the opportunity' }).click();
    await observations.getByRole('link', { name: 'an initiative' }).click();
    await page.getByRole('heading', { name: /Testable handover criteria/ }).waitFor();
    await page.getByText(`Raised from ${audit.number} · ${DOCS_ID} (an audit observation)`).waitFor();
    await page.screenshot({ path: screenshotPath('console-audit-opportunity-initiative.png'), fullPage: true });
    await page.getByRole('link', { name: `${audit.number} · ${DOCS_ID}` }).click();
    await page.waitForURL((url) => url.pathname === `/audits/${audit.id}`);
    await page.context().close();
  }, 90_000);

  /** Planned, conducted and signed through the API: one observation on document control. */
  async function signedAuditWithObservation(): Promise<{ id: string; number: string }> {
    const post = async (url: string, user: TestUser, body: unknown = {}) => {
      const response = await app.request({ method: 'POST', url, token: user.token, body });
      if (response.status >= 300) throw new Error(`${url}: ${response.status} ${response.body}`);
      return response.json<{ id: string; number: string }>();
    };
    const audit = await post('/api/audits', quality, {
      plannedFor: new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10),
      scope: 'Handover criteria at the Nantes site',
      clauses: [DOCS_ID],
      auditorId: auditor.id,
    });
    await post(`/api/audits/${audit.id}/start`, auditor);
    await post(`/api/audits/${audit.id}/findings`, auditor, {
      clause: DOCS_ID,
      finding: 'observation',
      note: 'Handover criteria are prose nobody can test',
    });
    await post(`/api/audits/${audit.id}/report`, auditor, { summary: 'Conforms', password: TEST_PASSWORD });
    return audit;
  }
});
