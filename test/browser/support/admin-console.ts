import { Role, UsersService } from '@ambidex/identity';
import { SYSTEM_ACTOR } from '@ambidex/platform';
import { obliterateQueues, uniqueEmail } from '@ambidex/testing';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { Browser, Page } from 'playwright-core';
import { ensureDefaultModel } from '../../portfolio/support';
import { TEST_PASSWORD, TestApp, TestUser } from '../../support/test-app';
import { seriousAccessibilityViolations } from './axe';
import { laptopContext, launchChromium, openPage, phoneContext, signIn, Watched } from './browser';

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
 * The admin console specs' world: chromium, the API and worker on a database of their own, a webhook receiver, one
 * person per role, and a signed-in page per visit (each in a context of its own, checked for script errors after
 * every test).
 */
export class AdminConsole {
  admin!: TestUser;
  leader!: TestUser;
  lead!: TestUser;
  gatekeeper!: TestUser;
  watched: Watched[] = [];

  private constructor(
    readonly app: TestApp,
    readonly browser: Browser,
    readonly baseUrl: string,
    readonly receiver: Awaited<ReturnType<typeof startReceiver>>,
  ) {}

  static async start(): Promise<AdminConsole> {
    const browser = await launchChromium();
    const app = await TestApp.startIsolated({ worker: true });
    await app.app.listen({ port: 0, host: '127.0.0.1' });
    const baseUrl = `http://127.0.0.1:${(app.app.getHttpServer().address() as AddressInfo).port}`;
    await ensureDefaultModel(app);
    const f = new AdminConsole(app, browser, baseUrl, await startReceiver());
    f.admin = await f.person('Ada Admin', ['admin']);
    f.leader = await f.person('Lena Leader', ['leadership']);
    f.lead = await f.person('Ivo Lead', ['innovation_lead']);
    f.gatekeeper = await f.person('Grace Keeper', ['gatekeeper']);
    return f;
  }

  pageFor = async (user: TestUser, path: string, phone = false): Promise<Page> => {
    const context = phone ? await phoneContext(this.browser) : await laptopContext(this.browser);
    context.setDefaultTimeout(15_000);
    const w = await openPage(context);
    this.watched.push(w);
    await w.page.goto(`${this.baseUrl}${path}`);
    await signIn(w.page, user.email, TEST_PASSWORD);
    await w.page.getByRole('navigation', { name: 'Main' }).waitFor();
    return w.page;
  };

  person = async (displayName: string, roles: Role[]): Promise<TestUser> => {
    const email = uniqueEmail(displayName.split(' ')[0]?.toLowerCase() ?? 'user');
    const user = await this.app.app
      .get(UsersService)
      .create(SYSTEM_ACTOR, { email, displayName, password: TEST_PASSWORD, roles });
    return { id: user.id, email, token: await this.app.login(email) };
  };

  noAxeProblems = (page: Page) => expect(seriousAccessibilityViolations(page)).resolves.toEqual([]);

  /** No script error on any page the test opened; their contexts closed. */
  async closePages(): Promise<void> {
    for (const w of this.watched) {
      expect(w.errors).toEqual([]);
      await w.page.context().close();
    }
    this.watched = [];
  }

  async close(): Promise<void> {
    await this.browser.close();
    await obliterateQueues(this.app.config);
    await this.app.close();
    await new Promise((resolve) => this.receiver.server.close(resolve));
  }
}
