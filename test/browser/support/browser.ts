import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';

/** Debian's chromium: the test never downloads a browser. */
export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
export const SCREENSHOTS = join(__dirname, '..', '..', '..', 'artifacts', 'screenshots');
export const LAPTOP = { width: 1366, height: 768 };
export const PHONE = { width: 390, height: 844 };

/** Fails with the way to fix it when chromium is missing, instead of skipping silently. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `The browser test drives Debian's chromium at ${CHROMIUM}, which is not installed on this machine. ` +
        'Install it as root: `apt-get update && apt-get install -y chromium` (CI: .ci/run installs it).',
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
}

export async function openPage(context: BrowserContext): Promise<Watched> {
  const page = await context.newPage();
  const watched: Watched = { page, errors: [], requests: [], origins: new Set() };
  page.on('pageerror', (error) => watched.errors.push(error.message));
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

/** The page counts the overviews it has drawn (body[data-loads]); waits for the n-th, with no request in flight. */
export async function waitForLoads(page: Page, n: number): Promise<void> {
  await page.waitForFunction(
    (count) => {
      const body = (globalThis as any).document.body;
      return body.dataset.loads === String(count) && body.dataset.busy === 'false';
    },
    n,
    { timeout: 20_000 },
  );
}

export interface ChartData {
  /** Category labels of the category axis (x, or y for horizontal bars). */
  categories: string[];
  horizontal: boolean;
  series: { name: string; data: (number | null)[] }[];
}

/** What ECharts holds for a chart, reduced to plain data (labels and values). */
export function chartData(page: Page, chartId: string): Promise<ChartData> {
  return page.evaluate((id) => {
    const g = globalThis as any;
    const chart = g.echarts.getInstanceByDom(g.document.getElementById(id));
    const option = chart.getOption();
    const x = option.xAxis[0];
    const y = option.yAxis[0];
    const category = x.type === 'category' ? x : y;
    const plain = (d: any): number | null => {
      const v = d !== null && typeof d === 'object' ? d.value : d;
      return v === undefined || v === '-' ? null : v;
    };
    return {
      categories: (category.data ?? []).map((c: any) => (typeof c === 'object' && c !== null ? c.value : c)),
      horizontal: category === y,
      series: option.series.map((s: any) => ({ name: s.name, data: (s.data ?? []).map(plain) })),
    };
  }, chartId);
}

/** Clicks (or taps) the middle of one bar as drawn, the way a person would. */
export async function clickBar(page: Page, chartId: string, seriesIndex: number, dataIndex: number, tap = false): Promise<void> {
  await page.locator(`#${chartId}`).scrollIntoViewIfNeeded();
  const point = await page.evaluate(
    ({ id, s, d }) => {
      const g = globalThis as any;
      const el = g.document.getElementById(id);
      const layout = g.echarts.getInstanceByDom(el).getModel().getSeriesByIndex(s).getData().getItemLayout(d);
      const rect = el.getBoundingClientRect();
      return { x: rect.left + layout.x + layout.width / 2, y: rect.top + layout.y + layout.height / 2 };
    },
    { id: chartId, s: seriesIndex, d: dataIndex },
  );
  if (tap) await page.touchscreen.tap(point.x, point.y);
  else await page.mouse.click(point.x, point.y);
}

/** The titles listed in the side panel once it has loaded. */
export async function drawerTitles(page: Page): Promise<string[]> {
  const drawer = page.getByRole('dialog');
  await drawer.locator('#drilldown-count').waitFor();
  return drawer.locator('.initiative-title').allTextContents();
}

export function screenshotPath(name: string): string {
  return join(SCREENSHOTS, name);
}
