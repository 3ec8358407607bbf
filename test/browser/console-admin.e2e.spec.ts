import { SYSTEM_ACTOR, TransactionRunner } from '@ambidex/platform';
import { StageTransitions } from '@ambidex/portfolio';
import { Role, UsersService } from '@ambidex/identity';
import { eventually, obliterateQueues, uniqueEmail } from '@ambidex/testing';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { Browser, Page } from 'playwright-core';
import { createInitiative, ensureDefaultModel, initiativeBody } from '../portfolio/support';
import { TEST_PASSWORD, TestApp, TestUser } from '../support/test-app';
import { seriousAccessibilityViolations } from './support/axe';
import {
  laptopContext,
  launchChromium,
  openPage,
  phoneContext,
  screenshotPath,
  signIn,
  Watched,
} from './support/browser';

/** A webhook receiver on 127.0.0.1 that answers 200 and counts what it got. */
async function startReceiver(): Promise<{ server: Server; url: string; received: string[] }> {
  const received: string[] = [];
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      received.push(request.url ?? '');
      response.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received };
}

/**
 * The console pages for what only some roles manage: portfolios and their targets, webhooks with their delivery log,
 * process model drafts, numbering schemes; and the person picker in a real form. Every page is checked with axe, and
 * visited by a role it is not for. Screenshots: artifacts/screenshots/console-admin-*.png.
 */
describe('admin pages in the console', () => {
  let app: TestApp;
  let browser: Browser;
  let baseUrl: string;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let admin: TestUser;
  let leader: TestUser;
  let lead: TestUser;
  let gatekeeper: TestUser;
  let portfolioId: string;
  let watched: Watched[] = [];

  const pageFor = async (user: TestUser, path: string, phone = false): Promise<Page> => {
    const context = phone ? await phoneContext(browser) : await laptopContext(browser);
    context.setDefaultTimeout(15_000);
    const w = await openPage(context);
    watched.push(w);
    await w.page.goto(`${baseUrl}${path}`);
    await signIn(w.page, user.email, TEST_PASSWORD);
    await w.page.getByRole('navigation', { name: 'Main' }).waitFor();
    return w.page;
  };
  const person = async (displayName: string, roles: Role[]): Promise<TestUser> => {
    const email = uniqueEmail(displayName.split(' ')[0]?.toLowerCase() ?? 'user');
    const user = await app.app
      .get(UsersService)
      .create(SYSTEM_ACTOR, { email, displayName, password: TEST_PASSWORD, roles });
    return { id: user.id, email, token: await app.login(email) };
  };
  const noAxeProblems = (page: Page) => expect(seriousAccessibilityViolations(page)).resolves.toEqual([]);

  beforeAll(async () => {
    browser = await launchChromium();
    app = await TestApp.startIsolated({ worker: true });
    await app.app.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = `http://127.0.0.1:${(app.app.getHttpServer().address() as AddressInfo).port}`;
    await ensureDefaultModel(app);
    receiver = await startReceiver();
    admin = await person('Ada Admin', ['admin']);
    leader = await person('Lena Leader', ['leadership']);
    lead = await person('Ivo Lead', ['innovation_lead']);
    gatekeeper = await person('Grace Keeper', ['gatekeeper']);
  }, 120_000);

  afterEach(async () => {
    for (const w of watched) {
      expect(w.errors).toEqual([]);
      await w.page.context().close();
    }
    watched = [];
  });

  afterAll(async () => {
    await browser?.close();
    if (app !== undefined) await obliterateQueues(app.config);
    await app?.close();
    await new Promise((resolve) => receiver?.server.close(resolve));
  });

  it('leadership creates a portfolio: targets must sum to 100, said at the set; then edits it', async () => {
    const page = await pageFor(leader, '/portfolios');
    await page.getByRole('heading', { name: 'Portfolios', level: 1 }).waitFor();
    const form = page.getByRole('form', { name: 'New portfolio' });
    await form.getByLabel('Name').fill('Digital services');
    await form.getByLabel('Core (%)').fill('60');
    await form.getByText('Sum: 90 % (must be 100)').waitFor();
    await form.getByRole('button', { name: 'Create portfolio' }).click();
    await form.getByRole('alert').filter({ hasText: 'shares must sum to 100 (they sum to 90)' }).first().waitFor();
    await expect(app.count(`portfolios WHERE name = 'Digital services'`)).resolves.toBe(0);
    await page.screenshot({ path: screenshotPath('console-admin-portfolio-refused.png'), fullPage: true });

    await form.getByLabel('Core (%)').fill('70');
    await form.getByLabel('H3 (%)').fill('5');
    await form.getByLabel('H2 (%)').fill('25');
    await form.getByRole('button', { name: 'Create portfolio' }).click();
    await page.getByRole('heading', { name: 'Portfolio: Digital services' }).waitFor();
    portfolioId = new URL(page.url()).pathname.split('/')[2] ?? '';
    const created = (await app.request({ url: `/api/portfolios/${portfolioId}`, token: leader.token })).json<{
      horizonTargets: unknown;
    }>();
    expect(created.horizonTargets).toEqual({ H1: 70, H2: 25, H3: 5 });

    const edit = page.getByRole('form', { name: 'Edit portfolio' });
    await edit.getByLabel('Name').fill('Digital services and apps');
    await edit.getByLabel('Description').fill('Apps and online services for patients');
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await page.getByRole('heading', { name: 'Portfolio: Digital services and apps' }).waitFor();
    await noAxeProblems(page);
    await page.getByRole('link', { name: 'All portfolios' }).click();
    const row = page.getByRole('row').filter({ hasText: 'Digital services and apps' });
    await row.getByText('70 / 20 / 10').waitFor();
    await row.getByText('70 / 25 / 5').waitFor();
    await noAxeProblems(page);
    await page.screenshot({ path: screenshotPath('console-admin-portfolios.png'), fullPage: true });
  }, 90_000);

  it('leadership subscribes a webhook, sees the secret once, and the delivery of a stage change in the log', async () => {
    const page = await pageFor(leader, `/portfolios/${portfolioId}/webhooks`);
    await page.getByRole('heading', { name: 'Webhooks: Digital services and apps' }).waitFor();
    await page.getByText('No subscription yet.').waitFor();
    await noAxeProblems(page);
    await page.getByLabel('Receiver URL').fill('ftp://example.com/hook');
    await page.getByRole('button', { name: 'Subscribe' }).click();
    // A URL to the browser, so the API is the one to refuse it, at the box.
    await page.getByRole('alert').filter({ hasText: 'url must be an http(s) URL' }).first().waitFor();

    await page.getByLabel('Receiver URL').fill(`${receiver.url}/ambidex`);
    await page.getByRole('button', { name: 'Subscribe' }).click();
    const secret = await page.getByLabel('Signing secret').textContent();
    expect(secret).toMatch(/^whsec_/);
    const listed = await app.request({ url: `/api/portfolios/${portfolioId}/webhooks`, token: leader.token });
    expect(listed.body).not.toContain(secret ?? 'none');
    await page.screenshot({ path: screenshotPath('console-admin-webhook-secret.png'), fullPage: true });
    await page.getByRole('button', { name: 'I have stored it' }).click();
    await page.getByLabel('Signing secret').waitFor({ state: 'detached' }); // shown once, gone once acknowledged

    // A stage change of an initiative in the portfolio: what a gate decision does, without sitting the gate here.
    const initiative = await createInitiative(app, lead, initiativeBody(portfolioId));
    await app.app
      .get(TransactionRunner)
      .run((em) =>
        app.app
          .get(StageTransitions)
          .apply(
            em,
            initiative.id,
            { kind: 'decision', gate: 'G1', decision: 'go' },
            { actor: SYSTEM_ACTOR, reason: 'console test' },
          ),
      );
    const hook = page.getByRole('listitem', { name: `Webhook ${receiver.url}/ambidex` });
    await hook.getByRole('button', { name: 'Deliveries' }).click();
    const log = hook.getByRole('table', { name: `Deliveries to ${receiver.url}/ambidex` });
    await log.getByRole('cell', { name: 'Delivered' }).waitFor({ timeout: 30_000 });
    await log.getByRole('cell', { name: 'HTTP 200' }).waitFor();
    await expect(log.locator('tbody tr td.num').first().textContent()).resolves.toBe('1');
    expect(receiver.received).toEqual(['/ambidex']);
    await noAxeProblems(page);
    await page.screenshot({ path: screenshotPath('console-admin-webhooks.png'), fullPage: true });

    await hook.getByRole('button', { name: 'Pause' }).click();
    await hook.getByText('Paused').waitFor();
    await hook.getByRole('button', { name: 'Change URL' }).click();
    await hook.getByRole('textbox', { name: 'URL', exact: true }).fill(`${receiver.url}/moved`);
    await hook.getByRole('button', { name: 'Save URL' }).click();
    const moved = page.getByRole('listitem', { name: `Webhook ${receiver.url}/moved` });
    await moved.getByText('Paused').waitFor();
    await moved.getByRole('button', { name: 'Delete' }).click();
    await moved
      .getByRole('alertdialog', { name: 'Delete this webhook?' })
      .getByRole('button', { name: 'Delete webhook' })
      .click();
    await page.getByText('No subscription yet.').waitFor();
    await expect(app.count(`webhook_subscriptions WHERE portfolio_id = '${portfolioId}'`)).resolves.toBe(0);
  }, 90_000);

  it('an admin drafts a process model from the active one, edits it with problems shown at their boxes, and activates it; initiatives keep their version', async () => {
    const before = await createInitiative(app, lead, initiativeBody(portfolioId));
    const page = await pageFor(admin, '/process-models');
    await page.getByRole('heading', { name: 'Process models', level: 1 }).waitFor();
    await page.getByText('Each initiative is pinned to the version it was created with', { exact: false }).waitFor();
    await noAxeProblems(page);
    await page.getByRole('row').filter({ hasText: 'Active: frozen' }).getByRole('link').click();
    await page
      .getByRole('table', { name: /Should meet/ })
      .first()
      .waitFor();
    await page.getByRole('region', { name: /^G1: / }).getByRole('cell', { name: '42.9 %' }).waitFor();
    await noAxeProblems(page);
    await page.screenshot({ path: screenshotPath('console-admin-process-model.png'), fullPage: true });

    await page.getByText('New draft from v1').click();
    await page.getByRole('button', { name: 'Create the draft' }).click();
    await page.getByRole('heading', { name: /Edit draft: .* v2/ }).waitFor();
    const g1 = page.getByRole('region', { name: 'G1', exact: true });
    await g1.getByLabel('G1 pass mark (0–10)').fill('7');
    await g1.getByRole('button', { name: 'Add a should-meet criterion to G1' }).click();
    const rows = await g1.getByLabel(/^Should-meet \d+: text$/).count();
    await g1.getByLabel(`Should-meet ${rows}: text`).fill('Problem significance');
    // The key made from the text repeats one the gate has: only the API can say so, at that box.
    await g1.getByLabel(`Should-meet ${rows}: weight`).focus();
    await expect(g1.getByLabel(`Should-meet ${rows}: key`).inputValue()).resolves.toBe('problem_significance');
    await g1.getByLabel(`Should-meet ${rows}: weight`).fill('2');
    await page.getByRole('button', { name: 'Save the draft' }).click();
    const keyBox = g1.getByLabel(`Should-meet ${rows}: key`);
    await g1.getByRole('alert').filter({ hasText: 'duplicate key problem_significance' }).waitFor();
    await expect(keyBox.getAttribute('aria-invalid')).resolves.toBe('true');
    await page.screenshot({ path: screenshotPath('console-admin-process-model-problem.png'), fullPage: true });
    await keyBox.fill('patient_impact');
    await page.getByRole('button', { name: 'Save the draft' }).click();
    await page.getByRole('status').filter({ hasText: 'Draft saved.' }).waitFor();
    await noAxeProblems(page);
    await page.screenshot({ path: screenshotPath('console-admin-process-model-edit.png'), fullPage: true });

    await page.getByRole('button', { name: 'Activate v2…' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Activate v2?' });
    await confirm.getByText('initiatives already started stay on the version they have').waitFor();
    await confirm.getByRole('button', { name: 'Activate v2' }).click();
    await page.getByRole('alert').filter({ hasText: 'frozen' }).waitFor();

    const versions = (await app.request({ url: '/api/process-models?key=default', token: admin.token })).json<
      {
        id: string;
        version: number;
        status: string;
        definition: { gates: { G1: { passMark: number; shouldMeet: { key: string }[] } } };
      }[]
    >();
    expect(versions.map((v) => [v.version, v.status])).toEqual([
      [2, 'active'],
      [1, 'retired'],
    ]);
    expect(versions[0]?.definition.gates.G1.passMark).toBe(7);
    expect(versions[0]?.definition.gates.G1.shouldMeet.map((s) => s.key)).toContain('patient_impact');
    const pinned = (await app.request({ url: `/api/initiatives/${before.id}`, token: admin.token })).json<{
      processModel: { version: number };
    }>();
    expect(pinned.processModel.version).toBe(1);
    const after = await createInitiative(app, lead, initiativeBody(portfolioId));
    expect(after.processModel.version).toBe(2);

    // An active version is frozen: its edit page says so and offers no form.
    await page.goto(`${baseUrl}/process-models/${versions[0]?.id ?? ''}/edit`);
    await page.getByRole('heading', { name: /v2 is active: frozen/ }).waitFor();
    await expect(page.getByRole('form').count()).resolves.toBe(0);
  }, 120_000);

  it('an admin changes a numbering scheme, sees the next number, and is told why a lower sequence is refused', async () => {
    const page = await pageFor(admin, '/admin/numbering-schemes');
    const form = page.getByRole('form', { name: 'Numbering of Procedure' });
    await form.waitFor();
    await noAxeProblems(page);
    await form.getByLabel('Prefix of Procedure').fill('qp');
    await form.getByLabel('Digits of Procedure').fill('3');
    await form.getByLabel('Next sequence of Procedure').fill('40');
    await form.getByText('The next procedure would be numbered QP-040.').waitFor();
    await form.getByRole('button', { name: 'Save procedure numbering' }).click();
    await form.getByText('Next document now: QP-040').waitFor(); // the saved scheme, not the preview
    const schemes = (await app.request({ url: '/api/admin/numbering-schemes', token: admin.token })).json<
      { documentType: string; nextNumber: string }[]
    >();
    expect(schemes.find((s) => s.documentType === 'procedure')?.nextNumber).toBe('QP-040');

    const again = page.getByRole('form', { name: 'Numbering of Procedure' });
    await again.getByLabel('Next sequence of Procedure').fill('39');
    await again.getByRole('button', { name: 'Save procedure numbering' }).click();
    await again.getByRole('alert').filter({ hasText: 'nextValue can only grow' }).waitFor();
    await noAxeProblems(page);
    await page.screenshot({ path: screenshotPath('console-admin-numbering.png'), fullPage: true });
  }, 60_000);

  it('the owner names a team member with the person picker, by keyboard, on a phone', async () => {
    const initiative = await createInitiative(app, lead, initiativeBody(portfolioId, { title: 'Video consultations' }));
    const page = await pageFor(lead, `/initiatives/${initiative.id}`, true);
    const team = page.getByRole('region', { name: 'Team' });
    await team.getByRole('button', { name: 'Change the team' }).click();
    const picker = team.getByRole('combobox', { name: 'Add to team members' });
    await picker.fill('grace');
    const options = team.getByRole('listbox', { name: /matching people/ }).getByRole('option');
    // Focus lists everyone at once; the search for what was typed follows after a pause in typing.
    await expect(
      eventually(
        () => options.allTextContents(),
        (texts) => texts.length === 1,
      ),
    ).resolves.toEqual([expect.stringContaining('Grace Keeper')]);
    await picker.press('ArrowDown');
    await expect(picker.getAttribute('aria-activedescendant')).resolves.toBe(await options.first().getAttribute('id'));
    await noAxeProblems(page);
    await team.scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('console-admin-person-picker.png') });
    await picker.press('Enter');
    await team.getByRole('button', { name: 'Remove Grace Keeper' }).waitFor();
    await expect(picker.inputValue()).resolves.toBe('');
    // The owner is never offered, nor someone already chosen.
    await picker.fill('e');
    const offered = await eventually(
      () => options.allTextContents(),
      (texts) => texts.some((o) => o.includes('Lena Leader')),
    );
    expect(offered.filter((o) => o.includes('Ivo Lead') || o.includes('Grace Keeper'))).toEqual([]);
    expect(offered.some((o) => o.includes('Lena Leader'))).toBe(true);
    await picker.press('Escape');
    await team.getByRole('button', { name: 'Save the team' }).click();
    await team.getByText('Grace Keeper').waitFor();
    await team.getByRole('button', { name: 'Change the team' }).waitFor();
    const saved = (await app.request({ url: `/api/initiatives/${initiative.id}/team`, token: lead.token })).json<
      { userId: string }[]
    >();
    expect(saved.map((m) => m.userId)).toEqual([gatekeeper.id]);
    const width = await page.evaluate('document.documentElement.scrollWidth');
    expect(width).toBeLessThanOrEqual(390);
  }, 60_000);

  it('every admin page fits a phone: nothing scrolls sideways', async () => {
    const [active] = (await app.request({ url: '/api/process-models?key=default', token: admin.token })).json<
      { id: string; name: string; definition: unknown }[]
    >();
    const draft = await app.request({
      method: 'POST',
      url: '/api/process-models',
      token: admin.token,
      body: { key: 'phone_check', name: 'Phone check', definition: active?.definition },
    });
    expect(draft.status).toBe(201);
    const page = await pageFor(admin, '/portfolios', true);
    for (const [path, heading] of [
      ['/portfolios', 'Portfolios'],
      [`/portfolios/${portfolioId}`, 'Portfolio: Digital services and apps'],
      [`/portfolios/${portfolioId}/webhooks`, 'Webhooks: Digital services and apps'],
      ['/process-models', 'Process models'],
      [`/process-models/${active?.id ?? ''}`, active?.name ?? ''],
      [`/process-models/${draft.json<{ id: string }>().id}/edit`, 'Edit draft: Phone check'],
      ['/admin/numbering-schemes', 'Document numbering'],
    ] as const) {
      await page.goto(`${baseUrl}${path}`);
      await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
      const width = await page.evaluate('document.documentElement.scrollWidth');
      expect({ path, width }).toEqual({ path, width: 390 });
      if (path.endsWith('/edit'))
        await page.screenshot({ path: screenshotPath('console-admin-process-model-edit-phone.png') });
    }
  }, 90_000);

  it('a page for another role says which role it is for and asks the API for none of its data', async () => {
    const page = await pageFor(gatekeeper, '/portfolios');
    const w = watched[watched.length - 1] as Watched;
    for (const [path, roles] of [
      ['/portfolios', 'Leadership, Admin'],
      [`/portfolios/${portfolioId}`, 'Leadership, Admin'],
      [`/portfolios/${portfolioId}/webhooks`, 'Leadership, Admin'],
      ['/admin/numbering-schemes', 'Admin'],
      [`/process-models/${portfolioId}/edit`, 'Admin'],
    ] as const) {
      await page.goto(`${baseUrl}${path}`);
      const notice = page.getByRole('alert').filter({ hasText: 'Not for your role' });
      await notice.waitFor();
      await expect(notice.textContent()).resolves.toContain(`This page is for: ${roles}`);
      await expect(page.getByRole('table').count()).resolves.toBe(0);
      await expect(page.getByRole('form').count()).resolves.toBe(0);
      await noAxeProblems(page);
    }
    await page.screenshot({ path: screenshotPath('console-admin-not-for-your-role.png'), fullPage: true });
    const asked = w.requests.filter(
      (r) =>
        r.startsWith('/api/') && !['/api/auth/me', '/api/auth/login', '/api/auth/refresh', '/api/me/inbox'].includes(r),
    );
    expect(asked).toEqual([]);
    await expect(
      app.request({ url: '/api/admin/numbering-schemes', token: gatekeeper.token }).then((r) => r.status),
    ).resolves.toBe(403);
    await expect(
      app.request({ url: `/api/portfolios/${portfolioId}/webhooks`, token: gatekeeper.token }).then((r) => r.status),
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
    await noAxeProblems(page);
  }, 90_000);
});
