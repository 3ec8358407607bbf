import { SYSTEM_ACTOR, TransactionRunner } from '@ambidex/platform';
import { StageTransitions } from '@ambidex/portfolio';
import { createInitiative, initiativeBody } from '../portfolio/support';
import { AdminConsole } from './support/admin-console';
import { screenshotPath, Watched } from './support/browser';

/**
 * The console pages for what leadership manages: portfolios and their targets, webhooks with their delivery log;
 * every admin page on a phone, and each visited by a role it is not for. Every page is checked with axe.
 * Screenshots: artifacts/screenshots/console-admin-*.png.
 */
describe('admin pages in the console', () => {
  let f: AdminConsole;
  let portfolioId: string;

  beforeAll(async () => {
    f = await AdminConsole.start();
  }, 120_000);
  afterEach(() => f?.closePages());
  afterAll(() => f?.close());

  it('leadership creates a portfolio: targets must sum to 100, said at the set; then edits it', async () => {
    const page = await f.pageFor(f.leader, '/portfolios');
    await page.getByRole('heading', { name: 'Portfolios', level: 1 }).waitFor();
    const form = page.getByRole('form', { name: 'New portfolio' });
    await form.getByLabel('Name').fill('Digital services');
    await form.getByLabel('Core (%)').fill('60');
    await form.getByText('Sum: 90 % (must be 100)').waitFor();
    await form.getByRole('button', { name: 'Create portfolio' }).click();
    await form.getByRole('alert').filter({ hasText: 'shares must sum to 100 (they sum to 90)' }).first().waitFor();
    await expect(f.app.count(`portfolios WHERE name = 'Digital services'`)).resolves.toBe(0);
    await page.screenshot({ path: screenshotPath('console-admin-portfolio-refused.png'), fullPage: true });

    await form.getByLabel('Core (%)').fill('70');
    await form.getByLabel('H3 (%)').fill('5');
    await form.getByLabel('H2 (%)').fill('25');
    await form.getByRole('button', { name: 'Create portfolio' }).click();
    await page.getByRole('heading', { name: 'Portfolio: Digital services' }).waitFor();
    portfolioId = new URL(page.url()).pathname.split('/')[2] ?? '';
    const created = (await f.app.request({ url: `/api/portfolios/${portfolioId}`, token: f.leader.token })).json<{
      horizonTargets: unknown;
    }>();
    expect(created.horizonTargets).toEqual({ H1: 70, H2: 25, H3: 5 });

    const edit = page.getByRole('form', { name: 'Edit portfolio' });
    await edit.getByLabel('Name').fill('Digital services and apps');
    await edit.getByLabel('Description').fill('Apps and online services for patients');
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await page.getByRole('heading', { name: 'Portfolio: Digital services and apps' }).waitFor();
    await f.noAxeProblems(page);
    await page.getByRole('link', { name: 'All portfolios' }).click();
    const row = page.getByRole('row').filter({ hasText: 'Digital services and apps' });
    await row.getByText('70 / 20 / 10').waitFor();
    await row.getByText('70 / 25 / 5').waitFor();
    await f.noAxeProblems(page);
    await page.screenshot({ path: screenshotPath('console-admin-portfolios.png'), fullPage: true });
  }, 90_000);

  it('leadership subscribes a webhook, sees the secret once, and the delivery of a stage change in the log', async () => {
    const page = await f.pageFor(f.leader, `/portfolios/${portfolioId}/webhooks`);
    await page.getByRole('heading', { name: 'Webhooks: Digital services and apps' }).waitFor();
    await page.getByText('No subscription yet.').waitFor();
    await f.noAxeProblems(page);
    await page.getByLabel('Receiver URL').fill('ftp://example.com/hook');
    await page.getByRole('button', { name: 'Subscribe' }).click();
    // A URL to the browser, so the API is the one to refuse it, at the box.
    await page.getByRole('alert').filter({ hasText: 'url must be an http(s) URL' }).first().waitFor();

    await page.getByLabel('Receiver URL').fill(`${f.receiver.url}/ambidex`);
    await page.getByRole('button', { name: 'Subscribe' }).click();
    const secret = await page.getByLabel('Signing secret').textContent();
    expect(secret).toMatch(/^whsec_/);
    const listed = await f.app.request({ url: `/api/portfolios/${portfolioId}/webhooks`, token: f.leader.token });
    expect(listed.body).not.toContain(secret ?? 'none');
    await page.screenshot({ path: screenshotPath('console-admin-webhook-secret.png'), fullPage: true });
    await page.getByRole('button', { name: 'I have stored it' }).click();
    await page.getByLabel('Signing secret').waitFor({ state: 'detached' }); // shown once, gone once acknowledged

    // A stage change of an initiative in the portfolio: what a gate decision does, without sitting the gate here.
    const initiative = await createInitiative(f.app, f.lead, initiativeBody(portfolioId));
    await f.app.app
      .get(TransactionRunner)
      .run((em) =>
        f.app.app
          .get(StageTransitions)
          .apply(
            em,
            initiative.id,
            { kind: 'decision', gate: 'G1', decision: 'go' },
            { actor: SYSTEM_ACTOR, reason: 'console test' },
          ),
      );
    const hook = page.getByRole('listitem', { name: `Webhook ${f.receiver.url}/ambidex` });
    await hook.getByRole('button', { name: 'Deliveries' }).click();
    const log = hook.getByRole('table', { name: `Deliveries to ${f.receiver.url}/ambidex` });
    await log.getByRole('cell', { name: 'Delivered' }).waitFor({ timeout: 30_000 });
    await log.getByRole('cell', { name: 'HTTP 200' }).waitFor();
    await expect(log.locator('tbody tr td.num').first().textContent()).resolves.toBe('1');
    expect(f.receiver.received).toEqual(['/ambidex']);
    await f.noAxeProblems(page);
    await page.screenshot({ path: screenshotPath('console-admin-webhooks.png'), fullPage: true });

    await hook.getByRole('button', { name: 'Pause' }).click();
    await hook.getByText('Paused').waitFor();
    await hook.getByRole('button', { name: 'Change URL' }).click();
    await hook.getByRole('textbox', { name: 'URL', exact: true }).fill(`${f.receiver.url}/moved`);
    await hook.getByRole('button', { name: 'Save URL' }).click();
    const moved = page.getByRole('listitem', { name: `Webhook ${f.receiver.url}/moved` });
    await moved.getByText('Paused').waitFor();
    await moved.getByRole('button', { name: 'Delete' }).click();
    await moved
      .getByRole('alertdialog', { name: 'Delete this webhook?' })
      .getByRole('button', { name: 'Delete webhook' })
      .click();
    await page.getByText('No subscription yet.').waitFor();
    await expect(f.app.count(`webhook_subscriptions WHERE portfolio_id = '${portfolioId}'`)).resolves.toBe(0);
  }, 90_000);

  it('every admin page fits a phone: nothing scrolls sideways', async () => {
    const [active] = (await f.app.request({ url: '/api/process-models?key=default', token: f.admin.token })).json<
      { id: string; name: string; definition: unknown }[]
    >();
    const draft = await f.app.request({
      method: 'POST',
      url: '/api/process-models',
      token: f.admin.token,
      body: { key: 'phone_check', name: 'Phone check', definition: active?.definition },
    });
    expect(draft.status).toBe(201);
    const page = await f.pageFor(f.admin, '/portfolios', true);
    for (const [path, heading] of [
      ['/portfolios', 'Portfolios'],
      [`/portfolios/${portfolioId}`, 'Portfolio: Digital services and apps'],
      [`/portfolios/${portfolioId}/webhooks`, 'Webhooks: Digital services and apps'],
      ['/process-models', 'Process models'],
      [`/process-models/${active?.id ?? ''}`, active?.name ?? ''],
      [`/process-models/${draft.json<{ id: string }>().id}/edit`, 'Edit draft: Phone check'],
      ['/admin/numbering-schemes', 'Document numbering'],
    ] as const) {
      await page.goto(`${f.baseUrl}${path}`);
      await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
      const width = await page.evaluate('document.documentElement.scrollWidth');
      expect({ path, width }).toEqual({ path, width: 390 });
      if (path.endsWith('/edit'))
        await page.screenshot({ path: screenshotPath('console-admin-process-model-edit-phone.png') });
    }
  }, 90_000);

  it('a page for another role says which role it is for and asks the API for none of its data', async () => {
    const page = await f.pageFor(f.gatekeeper, '/portfolios');
    const w = f.watched[f.watched.length - 1] as Watched;
    for (const [path, roles] of [
      ['/portfolios', 'Leadership, Admin'],
      [`/portfolios/${portfolioId}`, 'Leadership, Admin'],
      [`/portfolios/${portfolioId}/webhooks`, 'Leadership, Admin'],
      ['/admin/numbering-schemes', 'Admin'],
      [`/process-models/${portfolioId}/edit`, 'Admin'],
    ] as const) {
      await page.goto(`${f.baseUrl}${path}`);
      const notice = page.getByRole('alert').filter({ hasText: 'Not for your role' });
      await notice.waitFor();
      await expect(notice.textContent()).resolves.toContain(`This page is for: ${roles}`);
      await expect(page.getByRole('table').count()).resolves.toBe(0);
      await expect(page.getByRole('form').count()).resolves.toBe(0);
      await f.noAxeProblems(page);
    }
    await page.screenshot({ path: screenshotPath('console-admin-not-for-your-role.png'), fullPage: true });
    const asked = w.requests.filter(
      (r) =>
        r.startsWith('/api/') && !['/api/auth/me', '/api/auth/login', '/api/auth/refresh', '/api/me/inbox'].includes(r),
    );
    expect(asked).toEqual([]);
    await expect(
      f.app.request({ url: '/api/admin/numbering-schemes', token: f.gatekeeper.token }).then((r) => r.status),
    ).resolves.toBe(403);
    await expect(
      f.app
        .request({ url: `/api/portfolios/${portfolioId}/webhooks`, token: f.gatekeeper.token })
        .then((r) => r.status),
    ).resolves.toBe(403);

    // Process models are readable by everyone: the gatekeeper reads them, without the admins' controls.
    await page.getByRole('link', { name: 'Process models' }).click();
    await page.getByText('Only admins draft and activate versions.').waitFor();
    await page.getByRole('row').filter({ hasText: 'Active: frozen' }).getByRole('link').click();
    await page
      .getByRole('table', { name: /Should meet/ })
      .first()
      .waitFor();
    await expect(page.getByText(/New draft from/).count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: /Activate/ }).count()).resolves.toBe(0);
    await expect(
      page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Portfolio settings' }).count(),
    ).resolves.toBe(0);
    await f.noAxeProblems(page);
  }, 90_000);
});
