/**
 * `npm run bench:web [-- --initiatives 10000 --learnings 500 --runs 20 --quiet-ms 300 --skip-build]`
 *
 * The web console in a browser, at scale. In a throwaway database (real migrations):
 *   - `initiatives` initiatives in one portfolio, with legal stage histories (test/insights/generate-history.ts, the
 *     generator bench:dashboard uses: INSERT … SELECT straight in SQL, foreign keys checked), 20 owners (users rows
 *     inserted in SQL, no password);
 *   - one more initiative through the API (POST /api/initiatives), with 3 assumptions and 3 test cards, and
 *     `learnings` learnings appended through the API one by one (every 25th a correction superseding the previous one).
 * The console is built (`npm run web:build`, then `npm run build`, which copies it next to the compiled API) unless
 * --skip-build, and the compiled API runs as the image runs it (node dist/apps/api/src/main.js, NODE_ENV=production,
 * MALLOC_ARENA_MAX=2) in a child process on loopback; the admin it creates is the one signed in (through the form,
 * once; every run reuses that session's cookies).
 *
 * Each page is loaded cold (a new browser context: empty cache, nothing in memory) in Debian's chromium, laptop
 * viewport, `runs` times after 2 warm-up loads. It is interactive when its known element is in the page (the board:
 * a card; the initiative: its title; the experiment log: a learning card) and its queries have settled: no fetch in
 * flight and no DOM change for `quiet-ms`. The time reported is, from the start of navigation, the later of the last
 * DOM change and the last API answer (the quiet wait itself is not counted).
 * Baseline, in the same run and interleaved: the same API GETs the page made (recorded in its first load, query strings
 * included), fetched all at once by node's fetch with the same session cookie, bodies read and parsed as JSON.
 * Also: the phases of a load (HTML and script in, session answered, first element, last answer), the page's script
 * CPU time, layout and style time, JS heap and DOM nodes (Chrome DevTools Protocol, Performance.getMetrics), what each
 * API call carries, and the size of every file of apps/web/dist, raw and gzipped (zlib, level 9).
 * Screenshots of the last load of each page: artifacts/screenshots/bench-web-*.png.
 */
import 'reflect-metadata';
import { ChildProcess, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { Client } from 'pg';
import { Browser, BrowserContext } from 'playwright-core';
import { runMigrations } from '../apps/shared/src/migrations';
import { LAPTOP, launchChromium, screenshotPath, signIn } from '../test/browser/support/browser';
import { generateHistories } from '../test/insights/generate-history';
import { benchEnvironment, numberArg, table } from './lib/bench-env';
import { ROOT, startChild, stopChild } from './lib/child-process';

const INITIATIVES = Math.round(numberArg('initiatives', 10_000));
const LEARNINGS = Math.round(numberArg('learnings', 500));
const RUNS = Math.round(numberArg('runs', 20));
const QUIET_MS = numberArg('quiet-ms', 300);
const SKIP_BUILD = process.argv.includes('--skip-build');
const WARMUP = 2;
const OWNERS = 20;
const ADMIN = { email: 'bench.web@example.test', password: 'bench-web-password-0' };
const CONSOLE_DIST = join(ROOT, 'apps', 'web', 'dist');

const say = (line = ''): void => console.log(line);
const fmt = (n: number, digits = 1): string =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const int = (n: number): string => Math.round(n).toLocaleString('en-US');
const kb = (bytes: number): string => fmt(bytes / 1024, 1);
/** The machine may be shared: the figures are read against its load. */
const load = (): string =>
  `load average ${loadavg()
    .map((l) => fmt(l, 1))
    .join(' / ')} (1/5/15 min) on ${cpus().length} cores`;

interface Timing {
  runs: number;
  p50: number;
  p95: number;
}

function summarize(values: number[]): Timing {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number): number =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
  return { runs: sorted.length, p50: at(0.5), p95: at(0.95) };
}
const p50 = (values: number[]): number => summarize(values).p50;

/* ------------------------------------------------------------------ */
/* build and start                                                     */
/* ------------------------------------------------------------------ */

function build(): void {
  for (const [what, command, args] of [
    ['npm run web:build', 'npm', ['run', 'web:build']],
    ['npm run build', process.execPath, ['-r', '@swc-node/register', 'scripts/build.ts']],
  ] as const) {
    const t0 = performance.now();
    const done = spawnSync(command, args, { cwd: ROOT, encoding: 'utf8' });
    if (done.status !== 0) throw new Error(`${what} failed (exit ${done.status}):\n${done.stdout}${done.stderr}`);
    say(`  ${what} (${fmt((performance.now() - t0) / 1000)} s)`);
  }
}

/* ------------------------------------------------------------------ */
/* seeding                                                             */
/* ------------------------------------------------------------------ */

type Call = <T>(method: 'GET' | 'POST', path: string, body?: unknown) => Promise<T>;

function apiCaller(url: string, token: string): Call {
  return async <T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
}

const rowsOf = (client: Client) => ({
  query: async (text: string, params?: unknown[]): Promise<unknown> => (await client.query(text, params)).rows,
});

/** The portfolio with its initiatives in SQL; returns its id. */
async function seedPortfolio(sql: Client, call: Call): Promise<string> {
  const t0 = performance.now();
  const portfolio = await call<{ id: string }>('POST', '/api/portfolios', { name: 'Bench portfolio' });
  const ownerIds = (
    (
      await sql.query(
        `INSERT INTO users (email, display_name, password_hash, roles)
     SELECT 'owner' || g || '@bench.local', 'Owner ' || g, 'not-a-hash', ARRAY['innovation_lead'] FROM generate_series(1, $1::int) g RETURNING id`,
        [OWNERS],
      )
    ).rows as { id: string }[]
  ).map((r) => r.id);
  const [model] = (
    await sql.query(`SELECT id FROM process_models WHERE status = 'active' ORDER BY activated_at DESC LIMIT 1`)
  ).rows as { id: string }[];
  if (model === undefined)
    throw new Error('the API made no process model active (it creates the default one at start)');
  await sql.query(`SELECT setseed(0.2026)`);
  const now = new Date();
  const seeded = await generateHistories(rowsOf(sql), {
    tag: 'web',
    fromIx: 1,
    toIx: INITIATIVES,
    portfolioIds: [portfolio.id],
    ownerIds,
    processModelId: model.id,
    start: new Date(now.getTime() - 3 * 365 * 86_400_000),
    end: new Date(now.getTime() - 10 * 86_400_000),
    now,
  });
  await sql.query(`VACUUM ANALYZE`);
  say(
    `  ${int(seeded.initiatives)} initiatives, ${int(seeded.events)} history events in SQL (${fmt((performance.now() - t0) / 1000)} s)`,
  );
  return portfolio.id;
}

/** One initiative through the API, with its experiment log and `LEARNINGS` learnings; returns its id. */
async function seedLearnings(call: Call, portfolioId: string): Promise<string> {
  const t0 = performance.now();
  const initiative = await call<{ id: string }>('POST', '/api/initiatives', {
    portfolioId,
    title: 'Pharmacy refill reminders by text message',
    problem: 'Patients on long-term medication run out before they reorder',
    valueHypothesis: 'Pharmacies pay a monthly fee for fewer lapsed refills',
    horizon: 'H2',
    ambition: 'adjacent',
    innovationType: 'service',
  });
  const path = `/api/initiatives/${initiative.id}`;
  const experimentIds: string[] = [];
  for (const [k, riskKind] of (['desirability', 'feasibility', 'viability'] as const).entries()) {
    const assumption = await call<{ id: string }>('POST', `${path}/assumptions`, {
      statement: `Assumption ${k + 1} about ${riskKind}`,
      riskKind,
      importance: 5 - k,
    });
    const experiment = await call<{ id: string }>('POST', `${path}/experiments`, {
      assumptionIds: [assumption.id],
      hypothesis: `Hypothesis ${k + 1}`,
      method: 'landing page',
      metric: 'conversion',
      comparison: '>=',
      threshold: 0.1,
      minimumSample: 100,
    });
    experimentIds.push(experiment.id);
  }
  const words = [
    'customers',
    'pharmacists',
    'reminders',
    'refills',
    'weekends',
    'the night shift',
    'older patients',
    'text messages',
    'the waiting room',
    'prices',
  ];
  let previous: string | undefined;
  for (let i = 1; i <= LEARNINGS; i++) {
    const correction = i % 25 === 0 && previous !== undefined;
    const learning = await call<{ id: string }>('POST', `${path}/learnings`, {
      observed: `Week ${i}: ${words[i % words.length]} answered ${10 + (i % 37)} % of the ${words[(i * 7) % words.length]} we sent, more on ${words[(i * 3) % words.length]}`,
      belief: `${words[(i * 5) % words.length]} matter more than ${words[(i * 11) % words.length]}`,
      decision: i % 10 === 0 ? 'pivot' : 'persevere',
      confidence: (['low', 'medium', 'high'] as const)[i % 3],
      idempotencyKey: `bench-web-${i}`,
      ...(i % 5 < 3 ? { experimentId: experimentIds[i % 3] } : {}),
      ...(correction ? { supersedes: previous } : {}),
    });
    previous = learning.id;
  }
  say(
    `  1 initiative, 3 assumptions, 3 test cards, ${int(LEARNINGS)} learnings through the API, ${Math.floor(LEARNINGS / 25)} of them corrections (${fmt((performance.now() - t0) / 1000)} s)`,
  );
  return initiative.id;
}

/* ------------------------------------------------------------------ */
/* the browser                                                         */
/* ------------------------------------------------------------------ */

/**
 * Runs in the page before its own scripts: counts fetches in flight, and times DOM changes and the first appearance of
 * the page's known element (performance.now(): milliseconds since navigation started).
 */
function instrument(readySelector: string): string {
  return `(() => {
    const state = { inflight: 0, lastChange: 0, lastFetchEnd: 0, readyAt: 0 };
    const original = window.fetch.bind(window);
    window.fetch = (...args) => {
      state.inflight += 1;
      return original(...args).finally(() => { state.inflight -= 1; state.lastFetchEnd = performance.now(); });
    };
    new MutationObserver(() => {
      const now = performance.now();
      state.lastChange = now;
      if (state.readyAt === 0 && document.querySelector(${JSON.stringify(readySelector)}) !== null) state.readyAt = now;
    }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
    window.__bench = {
      settled: (quiet) => state.readyAt > 0 && state.inflight === 0 && performance.now() - Math.max(state.lastChange, state.lastFetchEnd) >= quiet,
      report: () => {
        const resources = performance.getEntriesByType('resource');
        const path = (e) => { const u = new URL(e.name); return u.pathname + u.search; };
        const api = resources.filter((e) => new URL(e.name).pathname.startsWith('/api/'));
        const scripts = resources.filter((e) => new URL(e.name).pathname.endsWith('.js'));
        const nav = performance.getEntriesByType('navigation')[0];
        const me = api.find((e) => new URL(e.name).pathname === '/api/auth/me');
        return {
          readyAt: state.readyAt,
          lastChange: state.lastChange,
          lastApiEnd: Math.max(0, ...api.map((e) => e.responseEnd)),
          htmlEnd: nav ? nav.responseEnd : 0,
          domContentLoaded: nav ? nav.domContentLoadedEventEnd : 0,
          meEnd: me ? me.responseEnd : 0,
          scriptBytes: scripts.reduce((s, e) => s + e.encodedBodySize, 0),
          calls: api.map((e) => ({ path: path(e), ms: e.responseEnd - e.startTime, waitMs: e.requestStart - e.startTime, bytes: e.encodedBodySize })),
        };
      },
    };
  })();`;
}

interface Report {
  readyAt: number;
  lastChange: number;
  lastApiEnd: number;
  htmlEnd: number;
  domContentLoaded: number;
  meEnd: number;
  scriptBytes: number;
  calls: { path: string; ms: number; waitMs: number; bytes: number }[];
}

interface Instrumented {
  __bench: { settled(quietMs: number): boolean; report(): Report };
}

interface BrowserRun {
  interactiveMs: number;
  report: Report;
  metrics: Record<string, number>;
  /** Elements matching the page's count selector. */
  count: number;
  requests: string[];
  errors: string[];
}

interface PageCase {
  name: string;
  path: string;
  readySelector: string;
  /** What the page renders many of. */
  countSelector: string;
  countLabel: string;
  screenshot: string;
}

async function loadInBrowser(
  browser: Browser,
  storageState: Awaited<ReturnType<BrowserContext['storageState']>>,
  url: string,
  c: PageCase,
  shoot: boolean,
): Promise<BrowserRun> {
  const context = await browser.newContext({ viewport: LAPTOP, storageState });
  try {
    await context.addInitScript({ content: instrument(c.readySelector) });
    const page = await context.newPage();
    const requests: string[] = [];
    const errors: string[] = [];
    page.on('request', (request) => {
      const u = new URL(request.url());
      if (u.pathname.startsWith('/api/')) requests.push(u.pathname + u.search);
    });
    page.on('pageerror', (error) => errors.push(error.message));
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.goto(`${url}${c.path}`, { waitUntil: 'commit' });
    await page.waitForFunction((quiet) => (globalThis as unknown as Instrumented).__bench.settled(quiet), QUIET_MS, {
      timeout: 60_000,
      polling: 25,
    });
    const report = await page.evaluate(() => (globalThis as unknown as Instrumented).__bench.report());
    const { metrics } = await cdp.send('Performance.getMetrics');
    const count = await page.locator(c.countSelector).count();
    if (shoot) await page.screenshot({ path: screenshotPath(c.screenshot), fullPage: false });
    return {
      interactiveMs: Math.max(report.lastChange, report.lastApiEnd),
      report,
      metrics: Object.fromEntries(metrics.map((m) => [m.name, m.value])),
      count,
      requests,
      errors,
    };
  } finally {
    await context.close();
  }
}

interface BareRun {
  ms: number;
  perCall: number[];
  /** Each call again, one at a time: what it costs the server without the others. */
  alone: number[];
}

async function getJson(url: string, path: string, cookie: string): Promise<number> {
  const t0 = performance.now();
  const response = await fetch(`${url}${path}`, { headers: { cookie } });
  const text = await response.text();
  if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${text}`);
  JSON.parse(text);
  return performance.now() - t0;
}

/** The page's API GETs, all at once, with the page's session cookie; each body read and parsed. Then one by one. */
async function loadBare(url: string, paths: string[], cookie: string): Promise<BareRun> {
  const t0 = performance.now();
  const perCall = await Promise.all(paths.map((path) => getJson(url, path, cookie)));
  const ms = performance.now() - t0;
  const alone: number[] = [];
  for (const path of paths) alone.push(await getJson(url, path, cookie));
  return { ms, perCall, alone };
}

interface Measured {
  c: PageCase;
  browser: BrowserRun[];
  bare: BareRun[];
  paths: string[];
}

async function measure(
  browser: Browser,
  storageState: Awaited<ReturnType<BrowserContext['storageState']>>,
  url: string,
  cookie: string,
  c: PageCase,
): Promise<Measured> {
  let paths: string[] = [];
  for (let i = 0; i < WARMUP; i++) {
    const warm = await loadInBrowser(browser, storageState, url, c, false);
    if (warm.errors.length > 0) throw new Error(`${c.name}: errors in the page: ${warm.errors.join('; ')}`);
    if (i === 0) paths = warm.requests;
    await loadBare(url, paths, cookie);
  }
  const runs: BrowserRun[] = [];
  const bare: BareRun[] = [];
  for (let i = 0; i < RUNS; i++) {
    const run = await loadInBrowser(browser, storageState, url, c, i === RUNS - 1);
    if (run.errors.length > 0) throw new Error(`${c.name}: errors in the page: ${run.errors.join('; ')}`);
    runs.push(run);
    bare.push(await loadBare(url, paths, cookie));
  }
  const m = { c, browser: runs, bare, paths };
  say(
    `  ${c.name}: interactive p50 ${fmt(p50(runs.map((r) => r.interactiveMs)), 0)} ms vs bare API ${fmt(p50(bare.map((b) => b.ms)), 1)} ms; ` +
      `${runs[0]?.count ?? 0} ${c.countLabel}, ${paths.length} API calls`,
  );
  return m;
}

/* ------------------------------------------------------------------ */
/* reporting                                                           */
/* ------------------------------------------------------------------ */

function* files(dir: string): Generator<string> {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else yield path;
  }
}

function shippedSizes(): void {
  const rows: string[][] = [];
  const totals = { js: [0, 0], css: [0, 0], other: [0, 0] };
  for (const path of files(CONSOLE_DIST)) {
    const body = readFileSync(path);
    const gz = gzipSync(body, { level: 9 }).length;
    const kind = path.endsWith('.js') ? 'js' : path.endsWith('.css') ? 'css' : 'other';
    const total = totals[kind];
    total[0] = (total[0] ?? 0) + body.length;
    total[1] = (total[1] ?? 0) + gz;
    rows.push([
      relative(CONSOLE_DIST, path),
      int(body.length),
      int(gz),
      kind === 'js' ? 'yes' : kind === 'css' ? 'yes (CSS)' : path.endsWith('.map') ? 'no (source map)' : 'yes',
    ]);
  }
  say(`\napps/web/dist, every file, bytes raw and gzipped (zlib level 9); the API serves them uncompressed today:`);
  say(table(['file', 'bytes', 'gzip bytes', 'loaded by the pages'], rows));
  say(
    `JavaScript total: ${int(totals.js[0] ?? 0)} bytes, ${int(totals.js[1] ?? 0)} gzipped (${kb(totals.js[1] ?? 0)} KiB); ` +
      `CSS ${int(totals.css[0] ?? 0)} bytes, ${int(totals.css[1] ?? 0)} gzipped`,
  );
}

const metric = (runs: BrowserRun[], name: string, scale = 1): number =>
  p50(runs.map((r) => (r.metrics[name] ?? NaN) * scale));

function report(all: Measured[], counts: string[]): void {
  say(
    `\nCold loads in chromium (${LAPTOP.width}×${LAPTOP.height}), ${RUNS} runs each after ${WARMUP} warm-up loads, interleaved with the bare baseline. ` +
      `'interactive' = ms from navigation start to the later of the last DOM change and the last API answer, once the known element is in the page ` +
      `and nothing is in flight for ${QUIET_MS} ms; 'bare' = the page's API GETs fetched all at once by node with the same cookie, bodies parsed.`,
  );
  say(
    table(
      ['page', 'runs', 'API calls', 'rendered', 'interactive p50', 'p95', 'bare p50', 'p95', 'browser/bare'],
      all.map(({ c, browser, bare, paths }) => {
        const b = summarize(browser.map((r) => r.interactiveMs));
        const n = summarize(bare.map((r) => r.ms));
        return [
          c.name,
          String(b.runs),
          String(paths.length),
          `${browser[0]?.count ?? 0} ${c.countLabel}`,
          fmt(b.p50, 0),
          fmt(b.p95, 0),
          fmt(n.p50, 1),
          fmt(n.p95, 1),
          `${fmt(b.p50 / n.p50, 1)}×`,
        ];
      }),
    ),
  );

  say(
    `\nWhere a load's time goes (p50 over the runs, ms from navigation start; CPU and heap from the DevTools Protocol at the end of the load):`,
  );
  say(
    table(
      [
        'page',
        'HTML in',
        'script run (DCL)',
        'session answered',
        'element in DOM',
        'last API answer',
        'interactive',
        'script CPU ms',
        'layout+style ms',
        'JS heap MB',
        'DOM nodes',
        'JS KiB on wire',
        'API KiB',
      ],
      all.map(({ c, browser }) => [
        c.name,
        fmt(p50(browser.map((r) => r.report.htmlEnd)), 0),
        fmt(p50(browser.map((r) => r.report.domContentLoaded)), 0),
        fmt(p50(browser.map((r) => r.report.meEnd)), 0),
        fmt(p50(browser.map((r) => r.report.readyAt)), 0),
        fmt(p50(browser.map((r) => r.report.lastApiEnd)), 0),
        fmt(p50(browser.map((r) => r.interactiveMs)), 0),
        fmt(metric(browser, 'ScriptDuration', 1000), 0),
        fmt(metric(browser, 'LayoutDuration', 1000) + metric(browser, 'RecalcStyleDuration', 1000), 0),
        fmt(metric(browser, 'JSHeapUsedSize', 1 / 1_048_576), 1),
        int(metric(browser, 'Nodes')),
        kb(p50(browser.map((r) => r.report.scriptBytes))),
        kb(p50(browser.map((r) => r.report.calls.reduce((s, x) => s + x.bytes, 0)))),
      ]),
    ),
  );

  for (const { c, browser, bare, paths } of all) {
    say(
      `\n${c.name}: its API calls, p50 ms (browser: resource timing, and of that the wait for a connection; bare: all at once, and alone)`,
    );
    say(
      table(
        ['call', 'bytes', 'browser ms', 'queued ms', 'bare ms', 'alone ms'],
        paths.map((path, k) => {
          const inBrowser = browser
            .map((r) => r.report.calls.find((x) => x.path === path))
            .filter((x) => x !== undefined);
          return [
            path.length > 110 ? `${path.slice(0, 107)}…` : path,
            int(p50(inBrowser.map((x) => x.bytes))),
            fmt(p50(inBrowser.map((x) => x.ms)), 1),
            fmt(p50(inBrowser.map((x) => x.waitMs)), 1),
            fmt(p50(bare.map((b) => b.perCall[k] ?? NaN)), 1),
            fmt(p50(bare.map((b) => b.alone[k] ?? NaN)), 1),
          ];
        }),
      ),
    );
  }
  say(`\nThe board's columns as the page shows them, against the database:`);
  for (const line of counts) say(`  ${line}`);
}

/** What the board's columns hold in the database, and what the page showed in the last load. */
async function boardCounts(
  sql: Client,
  portfolioId: string,
  browser: Browser,
  storageState: Awaited<ReturnType<BrowserContext['storageState']>>,
  url: string,
): Promise<string[]> {
  const rows = (
    await sql.query(
      `SELECT stage, status, count(*)::int AS n FROM initiatives WHERE portfolio_id = $1 GROUP BY stage, status ORDER BY stage, status`,
      [portfolioId],
    )
  ).rows as { stage: string; status: string; n: number }[];
  const inDb = (stage: string, status: string): number =>
    rows.find((r) => r.stage === stage && r.status === status)?.n ?? 0;
  const context = await browser.newContext({ viewport: LAPTOP, storageState });
  try {
    const page = await context.newPage();
    await page.goto(`${url}/portfolio?portfolioId=${portfolioId}`);
    await page.locator('.board .card').first().waitFor();
    await page.locator('.board .column h2 .count').nth(4).waitFor();
    const headings = await page.locator('.board .column h2').allTextContents();
    const perColumn = await Promise.all(
      (await page.locator('.board .column').all()).map((column) => column.locator('.card').count()),
    );
    const more = await page.getByRole('button', { name: 'Show more' }).count();
    const lines = [
      `database: ${rows.map((r) => `${r.stage}/${r.status} ${int(r.n)}`).join(', ')}`,
      `page: ${headings.map((h, k) => `"${h.trim()}" (${perColumn[k] ?? 0} cards)`).join(', ')}; ${more} "Show more" buttons`,
    ];
    const board = ['explore', 'experiment', 'develop', 'handover']
      .map((s) => inDb(s, 'active'))
      .concat(inDb('in_operation', 'handed_over'));
    lines.push(
      `behind the columns (active per stage, handed over in operation): ${board.map(int).join(', ')} = ${int(board.reduce((s, n) => s + n, 0))} initiatives; ` +
        `the page fetches ${perColumn.reduce((s, n) => s + n, 0)} of them (one page of the API's keyset listing per column)`,
    );
    return lines;
  } finally {
    await context.close();
  }
}

/* ------------------------------------------------------------------ */

async function main(): Promise<void> {
  const started = performance.now();
  const env = await benchEnvironment('bench_web');
  const sql = new Client({ connectionString: env.databaseUrl });
  let api: ChildProcess | undefined;
  let browser: Browser | undefined;
  const stop = (): void => void env.drop().finally(() => process.exit(130));
  process.once('SIGINT', stop);
  try {
    say(`throwaway database ${new URL(env.databaseUrl).pathname.slice(1)}; migrating …`);
    await runMigrations(env.config, env.databaseUrl);
    await sql.connect();
    if (SKIP_BUILD) say('build skipped (--skip-build): the console and the API as last built');
    else {
      say('building …');
      build();
    }
    const server = await startChild('dist/apps/api/src/main.js', {
      NODE_ENV: 'production',
      MALLOC_ARENA_MAX: '2',
      DATABASE_URL: env.databaseUrl,
      REDIS_URL: env.redisUrl,
      QUEUE_PREFIX: env.config.queues.prefix,
      AUTH_TOKEN_SECRET: env.config.auth.tokenSecret,
      // one session for the whole bench: no refresh in the middle of a measured load
      AUTH_ACCESS_TOKEN_TTL_SECONDS: '7200',
      AMBIDEX_ADMIN_EMAIL: ADMIN.email,
      AMBIDEX_ADMIN_PASSWORD: ADMIN.password,
      SEED_DEMO_DATA: 'false',
      LOG_LEVEL: 'warn',
    });
    api = server.child;
    const url = server.url;
    const index = await fetch(`${url}/`);
    if (!index.ok || !(await index.text()).includes('id="root"'))
      throw new Error(`the compiled API serves no console at / (${index.status})`);

    const login = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    if (!login.ok) throw new Error(`login: ${login.status} ${await login.text()}`);
    const call = apiCaller(url, ((await login.json()) as { accessToken: string }).accessToken);
    say(`seeding …`);
    const portfolioId = await seedPortfolio(sql, call);
    const initiativeId = await seedLearnings(call, portfolioId);

    browser = await launchChromium();
    say(`chromium ${browser.version()}; signing in through the form …`);
    const signing = await browser.newContext({ viewport: LAPTOP });
    const page = await signing.newPage();
    await page.goto(`${url}/inbox`);
    await signIn(page, ADMIN.email, ADMIN.password);
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    const storageState = await signing.storageState();
    await signing.close();
    const cookie = storageState.cookies.map((c) => `${c.name}=${c.value}`).join('; ');

    const cases: PageCase[] = [
      {
        name: `board, ${int(INITIATIVES + 1)} initiatives`,
        path: `/portfolio?portfolioId=${portfolioId}`,
        readySelector: '.board .card',
        countSelector: '.board .card',
        countLabel: 'cards',
        screenshot: 'bench-web-board.png',
      },
      {
        name: 'initiative page',
        path: `/initiatives/${initiativeId}`,
        readySelector: 'article.initiative h1',
        countSelector: 'article.initiative .panel, article.initiative section',
        countLabel: 'panels',
        screenshot: 'bench-web-initiative.png',
      },
      {
        name: `experiment log, ${int(LEARNINGS)} learnings`,
        path: `/initiatives/${initiativeId}/experiments`,
        readySelector: '.card.learning',
        countSelector: '.card.learning',
        countLabel: 'learning cards',
        screenshot: 'bench-web-experiment-log.png',
      },
    ];
    say(
      `\nmeasuring ${cases.length} pages: ${RUNS} cold loads each after ${WARMUP} warm-up loads, each followed by the bare API calls; ${load()} …`,
    );
    const measured: Measured[] = [];
    for (const c of cases) measured.push(await measure(browser, storageState, url, cookie, c));
    const counts = await boardCounts(sql, portfolioId, browser, storageState, url);

    report(measured, counts);
    shippedSizes();
    say(`\nbench:web done in ${fmt((performance.now() - started) / 1000)} s; ${load()}`);
  } finally {
    await browser?.close().catch(() => undefined);
    if (api !== undefined) await stopChild(api);
    await sql.end().catch(() => undefined);
    await env.drop().catch((e: unknown) => console.error('dropping the bench database:', e));
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error('bench:web FAILED:', error);
    process.exit(1);
  },
);
