import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';

/** Debian's chromium unless CHROMIUM_PATH names another build: the tests never download a browser. */
// eslint-disable-next-line no-restricted-syntax -- a switch of the test harness (which browser drives it), not app configuration
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
export const SCREENSHOTS = join(__dirname, '..', '..', '..', 'artifacts', 'screenshots');
export const LAPTOP = { width: 1366, height: 768 };
export const PHONE = { width: 390, height: 844 };

/** Fails with the way to fix it when chromium is missing, instead of skipping silently. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `The browser test drives Debian's chromium at ${CHROMIUM}, which is not installed on this machine. ` +
        'Install it as root: `apt-get update && apt-get install -y chromium` (CI: .ci/run installs it), ' +
        'or set CHROMIUM_PATH to a chromium of your own.',
    );
  }
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

export interface Watched {
  page: Page;
  /** Uncaught errors in the page's scripts. */
  errors: string[];
  /** Every request path the page made, in order. */
  requests: string[];
  /** Every origin the page fetched from (the API's alone: no CDN, no web fonts). */
  origins: Set<string>;
  /** What the page's content security policy refused (chromium reports each refusal on the console). */
  policyViolations: string[];
}

export async function openPage(context: BrowserContext): Promise<Watched> {
  const page = await context.newPage();
  const watched: Watched = { page, errors: [], requests: [], origins: new Set(), policyViolations: [] };
  page.on('pageerror', (error) => watched.errors.push(error.message));
  page.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) watched.policyViolations.push(message.text());
  });
  page.on('request', (request) => {
    const url = new URL(request.url());
    watched.requests.push(url.pathname);
    if (url.protocol === 'http:' || url.protocol === 'https:') watched.origins.add(url.origin);
  });
  return watched;
}

export function phoneContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true, deviceScaleFactor: 1 });
}

export function laptopContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ viewport: LAPTOP, acceptDownloads: true });
}

export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

export function screenshotPath(name: string): string {
  return join(SCREENSHOTS, name);
}
