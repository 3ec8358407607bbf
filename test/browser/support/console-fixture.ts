import { AddressInfo } from 'node:net';
import { Browser, BrowserContext } from 'playwright-core';
import { TestApp } from '../../support/test-app';
import { laptopContext, launchChromium, openPage, Watched } from './browser';

/** What every console spec starts from: chromium, the real API and worker listening on a database of their own, and a laptop page. */
export interface ConsoleFixture {
  app: TestApp;
  browser: Browser;
  baseUrl: string;
  laptop: BrowserContext;
  main: Watched;
  close(): Promise<void>;
}

export async function startConsole(defaultTimeoutMs: number): Promise<ConsoleFixture> {
  const browser = await launchChromium();
  const app = await TestApp.startIsolated({ worker: true });
  await app.app.listen({ port: 0, host: '127.0.0.1' });
  const baseUrl = `http://127.0.0.1:${(app.app.getHttpServer().address() as AddressInfo).port}`;
  const laptop = await laptopContext(browser);
  laptop.setDefaultTimeout(defaultTimeoutMs);
  const main = await openPage(laptop);
  return {
    app,
    browser,
    baseUrl,
    laptop,
    main,
    async close() {
      await browser.close();
      await app.close();
    },
  };
}
