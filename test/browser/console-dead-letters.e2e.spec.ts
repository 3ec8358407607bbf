import { Outbox, SYSTEM_ACTOR } from '@ambidex/platform';
import { UsersService } from '@ambidex/identity';
import { obliterateQueues, uniqueEmail } from '@ambidex/testing';
import { AddressInfo } from 'node:net';
import { Browser, Page } from 'playwright-core';
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

/**
 * The admins' dead-letter page: what failed, why, and a retry with its outcome. The dead letter is made directly in
 * the database (test/platform/dead-letters.e2e.spec.ts makes real ones through the worker). Screenshots:
 * artifacts/screenshots/console-dead-letters*.png.
 */
describe('dead letters in the console', () => {
  let app: TestApp; // a database of its own: the page lists every dead letter there is
  let browser: Browser;
  let baseUrl: string;
  let admin: TestUser;
  let gatekeeper: TestUser;
  let eventId: string;
  let watched: Watched[] = [];

  const person = async (displayName: string, roles: ('admin' | 'gatekeeper')[]): Promise<TestUser> => {
    const email = uniqueEmail(displayName.split(' ')[0]?.toLowerCase() ?? 'user');
    const user = await app.app
      .get(UsersService)
      .create(SYSTEM_ACTOR, { email, displayName, password: TEST_PASSWORD, roles });
    return { id: user.id, email, token: await app.login(email) };
  };
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

  beforeAll(async () => {
    browser = await launchChromium();
    app = await TestApp.startIsolated();
    await app.app.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = `http://127.0.0.1:${(app.app.getHttpServer().address() as AddressInfo).port}`;
    admin = await person('Ada Admin', ['admin']);
    gatekeeper = await person('Grace Keeper', ['gatekeeper']);
    eventId = await app.dataSource.transaction(async (em) => {
      const id = await app.app.get(Outbox).record(em, {
        type: 'gates.handover-approved',
        aggregateType: 'gate_review',
        aggregateId: '3f2c8a10-1111-4222-8333-444455556666',
        payload: {
          initiativeId: '9d1e0c7a-2222-4333-8444-555566667777',
          reviewId: '3f2c8a10-1111-4222-8333-444455556666',
        },
      });
      await em.query(
        `UPDATE outbox_events SET published_at = now(), failed_attempts = 10, last_failed_at = now(), dead_at = now(),
                last_error = 'HANDOVER.INITIATIVE_NOT_FOUND: Initiative 9d1e0c7a-2222-4333-8444-555566667777 was not found' WHERE id = $1`,
        [id],
      );
      return id;
    });
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
  });

  it('an admin finds the page in the navigation, sees what failed and why, retries it and is told the result', async () => {
    const page = await pageFor(admin, '/inbox');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dead letters' }).click();
    await page.getByRole('heading', { name: 'Dead letters', level: 1 }).waitFor();
    const item = page.getByRole('listitem').filter({ hasText: eventId });
    await item.getByRole('heading', { name: 'gates.handover-approved' }).waitFor();
    await expect(item.textContent()).resolves.toContain('HANDOVER.INITIATIVE_NOT_FOUND');
    await expect(item.textContent()).resolves.toContain('gate_review 3f2c8a10…');
    await expect(seriousAccessibilityViolations(page)).resolves.toEqual([]);
    await page.screenshot({ path: screenshotPath('console-dead-letters.png'), fullPage: true });

    await item.getByRole('button', { name: 'Retry' }).click();
    // The outcome stays said while the list reloads without it.
    await page.getByRole('status').filter({ hasText: 'Queued for delivery again' }).waitFor();
    await page.getByText('No dead letters').waitFor();
    await expect(page.getByRole('status').filter({ hasText: eventId }).count()).resolves.toBe(1);
    await expect(seriousAccessibilityViolations(page)).resolves.toEqual([]);
    await page.screenshot({ path: screenshotPath('console-dead-letters-retried.png'), fullPage: true });
    const [row] = (await app.dataSource.query(`SELECT dead_at, failed_attempts FROM outbox_events WHERE id = $1`, [
      eventId,
    ])) as { dead_at: Date | null; failed_attempts: number }[];
    expect(row).toEqual({ dead_at: null, failed_attempts: 0 });
  }, 60_000);

  it('fits a phone, and a gatekeeper is told the page is for admins and gets no data', async () => {
    await app.dataSource.query(`UPDATE outbox_events SET dead_at = now(), failed_attempts = 10 WHERE id = $1`, [
      eventId,
    ]);
    const phone = await pageFor(admin, '/admin/dead-letters', true);
    await phone.getByRole('button', { name: 'Retry' }).waitFor();
    await expect(phone.evaluate('document.documentElement.scrollWidth')).resolves.toBe(390);
    await expect(seriousAccessibilityViolations(phone)).resolves.toEqual([]);
    await phone.screenshot({ path: screenshotPath('console-dead-letters-phone.png'), fullPage: true });

    const page = await pageFor(gatekeeper, '/admin/dead-letters');
    const w = watched[watched.length - 1] as Watched;
    const notice = page.getByRole('alert').filter({ hasText: 'Not for your role' });
    await notice.waitFor();
    await expect(notice.textContent()).resolves.toContain('This page is for: Admin');
    await expect(page.getByRole('button', { name: 'Retry' }).count()).resolves.toBe(0);
    await expect(seriousAccessibilityViolations(page)).resolves.toEqual([]);
    expect(w.requests.filter((r) => r.startsWith('/api/admin/'))).toEqual([]);
  }, 60_000);
});
