/**
 * `npm run bench:dashboard [-- --initiatives 1000000 --portfolios 10 --batch 100000 --stop 0.01 --step-days 45 --runs 40 --budget-seconds 15
 *    --freshness-seconds 60 --freshness-rate 50 --baseline-seconds 60 --drain-seconds 120 --keep-database
 *    --reuse-database <name>]`
 *
 * The portfolio dashboards at scale. In a throwaway database:
 *   1. seeds `initiatives` initiatives with legal stage histories (test/insights/generate-history.ts: a recursive
 *      walk through the stage machine in INSERT … SELECT, `batch` initiatives per statement, a progress line per
 *      batch), about ten history events each, over `portfolios` portfolios of unequal size (the largest holds a
 *      quarter of everything), 2,000 owners, with handover packages, open reviews and learning roll-ups. Secondary
 *      indexes of initiatives and stage_events are dropped while loading and rebuilt from their own definitions;
 *      foreign-key triggers are off (session_replication_role = replica: the rows are consistent by construction);
 *   2. refreshes the read model of every portfolio (InsightsRefresh, as the worker's job does) and reports each
 *      refresh's duration, then VACUUM ANALYZE of the insights tables (what autovacuum does after a refresh);
 *   3. measures each dashboard endpoint on the largest portfolio through the real HTTP stack (Fastify inject: routing,
 *      the access guard's token and session check, validation, serialisation), p50/p95, cold (the overview cache,
 *      keyed by read-model version, cleared before each run) and warm, against the same figures computed straight
 *      from the history (test/insights/direct-computation.ts) in the same run, and checks that both give the same figures.
 *   4. freshness (`--freshness-seconds 60 --freshness-rate 50 --baseline-seconds 60 --drain-seconds 120`; 0 seconds
 *      skips): a worker in a child process; gate decisions committed with their outbox rows at a steady rate on
 *      initiatives of every portfolio; commit → visible in the read model, p50/p95, and the worker's CPU; first with
 *      incremental applies, then (the baseline, same run) with INSIGHTS_INCREMENTAL_APPLY=false, every event
 *      requesting a full refresh of its portfolio. Between the two, the largest portfolio's overview is compared with
 *      the direct computation and the safety check measures the drift of the applied read model (must be 0).
 * Each measurement runs up to `runs` times after warm-up, unless its total time passes `budget-seconds` (at least 3
 * runs then); the table says how many ran. The default run takes about 11½ minutes on 2 cores (seeding ~3 min,
 * refresh ~3 min, the rest mostly the direct computations); results are in docs/metrics.md.
 */
import 'reflect-metadata';
import { addDays, InsightsQueries, InsightsRefresh, utcDay } from '@ambidex/insights';
import { UsersService } from '@ambidex/identity';
import { SYSTEM_ACTOR } from '@ambidex/platform';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { performance } from 'node:perf_hooks';
import { Client, Pool } from 'pg';
import { DirectFilters, directFunnel, directOverview } from '../test/insights/direct-computation';
import { generateHistories } from '../test/insights/generate-history';
import { startAmbidex } from './lib/bench-app';
import { benchEnvironment, numberArg, stringArg, table } from './lib/bench-env';
import { freshnessCandidates, FreshnessResult, measureFreshness } from './lib/dashboard-freshness';
import { portfolioNames, seedPortfolios, seedProcessModel, seedUsers } from './lib/bench-seed';

const INITIATIVES = Math.round(numberArg('initiatives', 1_000_000));
const PORTFOLIOS = Math.max(2, Math.round(numberArg('portfolios', 10)));
const BATCH = Math.round(numberArg('batch', 100_000));
const STOP = numberArg('stop', 0.01);
const STEP_DAYS = Math.round(numberArg('step-days', 45));
const OWNERS = Math.round(numberArg('owners', 2000));
const RUNS = Math.round(numberArg('runs', 40));
const BUDGET_MS = numberArg('budget-seconds', 15) * 1000;
const FRESHNESS_SECONDS = Math.round(numberArg('freshness-seconds', 60, { zero: true }));
const FRESHNESS_RATE = numberArg('freshness-rate', 50);
const BASELINE_SECONDS = Math.round(numberArg('baseline-seconds', FRESHNESS_SECONDS, { zero: true }));
/** Reuses a database an earlier run kept (--keep-database) instead of seeding one; it is kept again. */
const REUSE_DATABASE = stringArg('reuse-database');
/** Leaves the seeded database in place (its name is printed) to study plans at scale; drop it by hand afterwards. */
const KEEP_DATABASE = process.argv.includes('--keep-database') || REUSE_DATABASE !== undefined;
const DRAIN_SECONDS = Math.round(numberArg('drain-seconds', 120));
const WARMUP = 2;
/** Every table of the read model: VACUUM ANALYZE after the refreshes, as autovacuum would in time. */
const READ_MODEL_TABLES = [
  'insights_initiatives',
  'insights_daily',
  'insights_cube_days',
  'insights_samples',
  'insights_sample_months',
  'insights_sample_days',
  'insights_zombie_candidates',
  'insights_learning',
  'insights_portfolio_state',
].join(', ');
const MIN_RUNS = 3;
const PASSWORD = 'bench-password-0123';

const say = (line = ''): void => console.log(line);
const fmt = (n: number, digits = 1): string =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const int = (n: number): string => Math.round(n).toLocaleString('en-US');

/** Portfolio weights: the first a quarter of all, the rest falling off. */
function weights(n: number): number[] {
  const rest = Array.from({ length: n - 1 }, (_, k) => 1 / (k + 2));
  const restSum = rest.reduce((s, w) => s + w, 0);
  return [0.25, ...rest.map((w) => (0.75 * w) / restSum)];
}

/* ------------------------------------------------------------------ */
/* seeding                                                             */
/* ------------------------------------------------------------------ */

/** The Sql shape the generator and the direct computation take: rows, not pg's result object. */
const rowsOf = (client: Client) => ({
  query: async (text: string, params?: unknown[]): Promise<unknown> => (await client.query(text, params)).rows,
});

async function seed(sql: Client, now: Date): Promise<{ portfolioIds: string[] }> {
  const started = performance.now();
  const elapsed = (): string => `${fmt((performance.now() - started) / 1000)} s`;
  const ownerIds = await seedUsers(sql, 'owner', OWNERS, 'innovation_lead');
  const model = await seedProcessModel(sql);
  const portfolioIds = await seedPortfolios(sql, portfolioNames(PORTFOLIOS), ownerIds[0] ?? '');

  const indexes = (
    await sql.query(
      `SELECT tablename, indexname, indexdef FROM pg_indexes
      WHERE tablename IN ('initiatives', 'stage_events') AND indexname NOT LIKE 'pk_%'`,
    )
  ).rows as { tablename: string; indexname: string; indexdef: string }[];
  for (const { indexname } of indexes) await sql.query(`DROP INDEX ${indexname}`);
  await sql.query(`SET session_replication_role = replica`);
  await sql.query(`SET work_mem = '256MB'`);
  await sql.query(`SELECT setseed(0.2026)`);

  let events = 0;
  for (let from = 1; from <= INITIATIVES; from += BATCH) {
    const to = Math.min(INITIATIVES, from + BATCH - 1);
    const t0 = performance.now();
    const batch = await generateHistories(rowsOf(sql), {
      tag: 'bench',
      fromIx: from,
      toIx: to,
      portfolioIds,
      portfolioWeights: weights(PORTFOLIOS),
      ownerIds,
      processModelId: model,
      start: new Date(now.getTime() - 4 * 365 * 86_400_000),
      end: new Date(now.getTime() - 10 * 86_400_000),
      now,
      stopProbability: STOP,
      maxStepDays: STEP_DAYS,
      // A crowded pipeline: most reviews send the initiative back for rework or park it; few kill it outright.
      decisionMix: { go: 0.2, conditionalGo: 0.05, recycle: 0.45, hold: 0.25 },
    });
    events += batch.events;
    const pct = (to / INITIATIVES) * 100;
    const bar = '#'.repeat(Math.round(pct / 5)).padEnd(20, '.');
    say(
      `  [${bar}] ${fmt(pct, 0).padStart(3)} %  ${int(to)} / ${int(INITIATIVES)} initiatives, ${int(events)} history events (batch ${fmt((performance.now() - t0) / 1000)} s, ${elapsed()})`,
    );
  }
  await sql.query(`SET session_replication_role = origin`);
  await sql.query(`SET maintenance_work_mem = '1GB'`);
  for (const { indexname, indexdef } of indexes) {
    const t0 = performance.now();
    await sql.query(indexdef);
    say(`  rebuilt ${indexname} (${fmt((performance.now() - t0) / 1000)} s)`);
  }
  await sql.query(`RESET maintenance_work_mem`);
  await sql.query(`RESET work_mem`);
  const t0 = performance.now();
  await sql.query(`VACUUM ANALYZE`);
  say(`  VACUUM ANALYZE (${fmt((performance.now() - t0) / 1000)} s)`);
  const [sizes] = (
    await sql.query(
      `SELECT (SELECT count(*) FROM initiatives)::int AS initiatives, (SELECT count(*) FROM stage_events)::bigint AS events,
            (SELECT count(*) FROM gate_reviews)::int AS reviews, (SELECT count(*) FROM handover_packages)::int AS packages,
            pg_size_pretty(pg_total_relation_size('stage_events')) AS events_size, pg_size_pretty(pg_total_relation_size('initiatives')) AS initiatives_size`,
    )
  ).rows as Record<string, string | number>[];
  say(
    `seeded in ${elapsed()}: ${int(Number(sizes?.initiatives))} initiatives (${sizes?.initiatives_size}), ${int(Number(sizes?.events))} history events ` +
      `(${sizes?.events_size}), ${int(Number(sizes?.reviews))} gate reviews, ${int(Number(sizes?.packages))} handover packages`,
  );
  return { portfolioIds };
}

/* ------------------------------------------------------------------ */
/* measurement                                                         */
/* ------------------------------------------------------------------ */

interface Timing {
  runs: number;
  p50: number;
  p95: number;
}

function summarize(times: number[]): Timing {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number): number =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
  return { runs: sorted.length, p50: at(0.5), p95: at(0.95) };
}

async function time<T>(
  work: () => Promise<T>,
  warmup: number,
  before: () => void = () => undefined,
): Promise<{ timing: Timing; last: T }> {
  before();
  let last = await work();
  for (let i = 1; i < warmup; i++) {
    before();
    last = await work();
  }
  const times: number[] = [];
  let spent = 0;
  for (let i = 0; i < RUNS; i++) {
    before();
    const t0 = performance.now();
    last = await work();
    const dt = performance.now() - t0;
    times.push(dt);
    spent += dt;
    if (times.length >= MIN_RUNS && spent + spent / times.length > BUDGET_MS) break;
  }
  return { timing: summarize(times), last };
}

interface Case {
  name: string;
  url: string;
  /** Overviews are cached per read-model version: measured cold (cache cleared before each run) and warm. */
  cached?: boolean;
  /** The same figures straight from the history; and how to compare them with the served body. */
  direct: () => Promise<unknown>;
  served: (body: string) => unknown;
}

async function main(): Promise<void> {
  const started = performance.now();
  const env = await benchEnvironment('bench_dashboard', {}, REUSE_DATABASE);
  const sql = new Client({ connectionString: env.databaseUrl });
  let app: NestFastifyApplication | undefined;
  const stop = (): void => void env.drop().finally(() => process.exit(130));
  process.once('SIGINT', stop);
  try {
    say(`throwaway database ${new URL(env.databaseUrl).pathname.slice(1)}; migrating …`);
    await sql.connect();
    app = await startAmbidex(env);
    const now = new Date();
    if (REUSE_DATABASE !== undefined) say(`reusing the seeded database ${REUSE_DATABASE}`);
    else
      say(
        `seeding ${int(INITIATIVES)} initiatives over ${PORTFOLIOS} portfolios (largest 25 %), ${int(OWNERS)} owners, batches of ${int(BATCH)} …`,
      );
    const { portfolioIds } =
      REUSE_DATABASE === undefined
        ? await seed(sql, now)
        : {
            portfolioIds: ((await sql.query(`SELECT id FROM portfolios ORDER BY id`)).rows as { id: string }[]).map(
              (r) => r.id,
            ),
          };

    say(`\nrefreshing the read model, portfolio by portfolio …`);
    const refresh = app.get(InsightsRefresh);
    const refreshRows: string[][] = [];
    const sizes = new Map<string, number>();
    let refreshTotal = 0;
    for (const portfolioId of portfolioIds) {
      const t0 = performance.now();
      const result = await refresh.refresh(portfolioId);
      const ms = performance.now() - t0;
      refreshTotal += ms;
      sizes.set(portfolioId, result.initiatives);
      refreshRows.push([portfolioId.slice(0, 8), int(result.initiatives), int(result.events), fmt(ms / 1000, 2)]);
      say(
        `  ${portfolioId.slice(0, 8)}: ${int(result.initiatives)} initiatives, ${int(result.events)} events in ${fmt(ms / 1000, 2)} s`,
      );
    }
    let t0 = performance.now();
    await sql.query(`VACUUM ANALYZE ${READ_MODEL_TABLES}`);
    const vacuumMs = performance.now() - t0;
    const largest = [...sizes.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? (portfolioIds[0] as string);
    // A second refresh of the largest portfolio: the steady state, replacing rows rather than filling empty tables.
    t0 = performance.now();
    const again = await refresh.refresh(largest);
    const againMs = performance.now() - t0;
    say(`  steady-state refresh of the largest, per step (ms): ${JSON.stringify(again.steps)}`);
    await sql.query(`VACUUM ANALYZE ${READ_MODEL_TABLES}`);
    const [rm] = (
      await sql.query(
        `SELECT pg_size_pretty(sum(pg_total_relation_size(c.oid))) AS size,
              (SELECT count(*) FROM insights_daily)::int AS cube_rows, (SELECT count(*) FROM insights_samples)::int AS samples
         FROM pg_class c WHERE c.relname LIKE 'insights\\_%' AND c.relkind = 'r'`,
      )
    ).rows as { size: string; cube_rows: number; samples: number }[];
    say(
      `refreshed ${PORTFOLIOS} portfolios in ${fmt(refreshTotal / 1000, 1)} s; VACUUM ANALYZE of the read model ${fmt(vacuumMs / 1000, 1)} s; ` +
        `the largest again (steady state) ${fmt(againMs / 1000, 2)} s; read model ${rm?.size} (cube ${int(rm?.cube_rows ?? 0)} rows, ${int(rm?.samples ?? 0)} duration samples)`,
    );

    // A leadership user, signed in over HTTP like the web page.
    const users = app.get(UsersService);
    const leaderExists = (await sql.query(`SELECT 1 FROM users WHERE email = 'leader@bench.local'`)).rowCount === 1;
    if (!leaderExists)
      await users.create(SYSTEM_ACTOR, {
        email: 'leader@bench.local',
        displayName: 'Bench Leader',
        password: PASSWORD,
        roles: ['leadership'],
      });
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'leader@bench.local', password: PASSWORD },
    });
    const token = login.json<{ accessToken: string }>().accessToken;
    const get = async (url: string): Promise<string> => {
      const response = await app?.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
      if (response === undefined || response.statusCode !== 200)
        throw new Error(`${url}: ${response?.statusCode} ${response?.body}`);
      return response.body;
    };

    const db = rowsOf(sql);
    const [owner] = (
      await sql.query(
        `SELECT owner_id, count(*)::int AS n FROM initiatives WHERE portfolio_id = $1 GROUP BY owner_id ORDER BY count(*) DESC, owner_id LIMIT 1`,
        [largest],
      )
    ).rows as { owner_id: string; n: number }[];
    const today = utcDay(now);
    const yearFrom = addDays(today, -365);
    const period: DirectFilters = { fromDay: yearFrom, toDay: addDays(today, 1) };
    const base = `/api/insights/portfolios/${largest}`;
    const overviewFigures = (body: string): unknown => {
      const { portfolio: _p, refreshedAt: _r, ...figures } = JSON.parse(body) as Record<string, unknown>;
      return figures;
    };
    // An event enters its to_stage unless it kills, or stays in a stage the initiative was already in (direct-computation.ts).
    const ENTERS = `e.to_status <> 'killed' AND NOT coalesce(e.from_stage = e.to_stage AND e.from_status <> 'killed', false)`;
    const ecvSql = `round((i.npv * i.probability_commercial - i.commercialization_cost) * i.probability_technical - i.remaining_development_cost, 2)`;
    const listed = (body: string): unknown => (JSON.parse(body) as { id: string }[]).map((r) => r.id);
    const cases: Case[] = [
      {
        cached: true,
        name: 'overview',
        url: `${base}/overview`,
        direct: () => directOverview(db, largest, { fromDay: null, toDay: null }),
        served: overviewFigures,
      },
      {
        cached: true,
        name: 'overview, ambition=transformational',
        url: `${base}/overview?ambition=transformational`,
        direct: () => directOverview(db, largest, { fromDay: null, toDay: null, ambition: 'transformational' }),
        served: overviewFigures,
      },
      {
        cached: true,
        name: 'overview, last 12 months',
        url: `${base}/overview?from=${yearFrom}&to=${today}`,
        direct: () => directOverview(db, largest, period),
        served: overviewFigures,
      },
      {
        cached: true,
        name: 'overview, 12 months + core + H1',
        url: `${base}/overview?from=${yearFrom}&to=${today}&ambition=core&horizon=H1`,
        direct: () => directOverview(db, largest, { ...period, ambition: 'core', horizon: 'H1' }),
        served: overviewFigures,
      },
      {
        cached: true,
        name: `overview, ownerId (${owner?.n ?? 0} initiatives)`,
        url: `${base}/overview?ownerId=${owner?.owner_id}`,
        direct: () => directOverview(db, largest, { fromDay: null, toDay: null, ownerId: owner?.owner_id as string }),
        served: overviewFigures,
      },
      {
        name: 'initiatives, stage=develop&status=active',
        url: `${base}/initiatives?stage=develop&status=active&limit=100`,
        direct: async () =>
          (
            (
              await sql.query(
                `SELECT i.id FROM initiatives i WHERE i.portfolio_id = $1 AND i.stage = 'develop' AND i.status = 'active'
              ORDER BY ${ecvSql} DESC NULLS LAST, i.id LIMIT 100`,
                [largest],
              )
            ).rows as { id: string }[]
          ).map((r) => r.id),
        served: listed,
      },
      {
        name: 'initiatives, G2 kill in 12 months',
        url: `${base}/initiatives?gate=G2&decision=kill&from=${yearFrom}&to=${today}&limit=100`,
        direct: async () =>
          (
            (
              await sql.query(
                `SELECT i.id FROM initiatives i
              WHERE i.portfolio_id = $1 AND EXISTS (SELECT 1 FROM stage_events e WHERE e.initiative_id = i.id AND e.kind = 'decision'
                                                     AND e.gate = 'G2' AND e.decision = 'kill' AND e.occurred_at >= $2 AND e.occurred_at < $3)
              ORDER BY ${ecvSql} DESC NULLS LAST, i.id LIMIT 100`,
                [largest, `${period.fromDay}T00:00:00Z`, `${period.toDay}T00:00:00Z`],
              )
            ).rows as { id: string }[]
          ).map((r) => r.id),
        served: listed,
      },
      {
        name: 'initiatives, entered develop in 12 months',
        url: `${base}/initiatives?entered=develop&from=${yearFrom}&to=${today}&limit=100`,
        direct: async () =>
          (
            (
              await sql.query(
                `SELECT i.id FROM initiatives i
              WHERE i.portfolio_id = $1 AND EXISTS (SELECT 1 FROM stage_events e WHERE e.initiative_id = i.id AND e.to_stage = 'develop' AND ${ENTERS}
                                                     AND e.occurred_at >= $2 AND e.occurred_at < $3)
              ORDER BY ${ecvSql} DESC NULLS LAST, i.id LIMIT 100`,
                [largest, `${period.fromDay}T00:00:00Z`, `${period.toDay}T00:00:00Z`],
              )
            ).rows as { id: string }[]
          ).map((r) => r.id),
        served: listed,
      },
      {
        name: 'initiatives, passed handover in 12 months',
        url: `${base}/initiatives?passed=handover&from=${yearFrom}&to=${today}&limit=100`,
        direct: async () =>
          (
            (
              await sql.query(
                `SELECT i.id FROM initiatives i
              WHERE i.portfolio_id = $1 AND EXISTS (
                SELECT 1 FROM stage_events e
                 CROSS JOIN LATERAL (SELECT x.occurred_at FROM stage_events x WHERE x.initiative_id = e.initiative_id AND x.seq > e.seq
                                        AND ${ENTERS.replaceAll('e.', 'x.')} ORDER BY x.seq LIMIT 1) n
                 WHERE e.initiative_id = i.id AND e.to_stage = 'handover' AND ${ENTERS} AND n.occurred_at >= $2 AND n.occurred_at < $3)
              ORDER BY ${ecvSql} DESC NULLS LAST, i.id LIMIT 100`,
                [largest, `${period.fromDay}T00:00:00Z`, `${period.toDay}T00:00:00Z`],
              )
            ).rows as { id: string }[]
          ).map((r) => r.id),
        served: listed,
      },
      {
        name: 'export funnel.csv, last 12 months',
        url: `${base}/export/funnel.csv?from=${yearFrom}&to=${today}`,
        direct: async () =>
          (await directFunnel(db, largest, period)).map((r) => `${r.stage},${r.current},${r.inflow},${r.outflow}`),
        served: (body) => body.trim().split('\r\n').slice(1),
      },
    ];

    say(
      `\nmeasuring ${cases.length} endpoints on the largest portfolio (up to ${RUNS} runs after warm-up, at least ${MIN_RUNS}, ${BUDGET_MS / 1000} s budget each) …`,
    );
    const queries = app.get(InsightsQueries);
    const rows: string[][] = [];
    for (const c of cases) {
      const cold = await time(
        () => get(c.url),
        WARMUP,
        () => queries.clearCache(),
      );
      const served = c.cached === true ? await time(() => get(c.url), WARMUP) : cold;
      const direct = await time(c.direct, 1);
      const same =
        JSON.stringify(c.served(served.last)) === JSON.stringify(direct.last) &&
        JSON.stringify(c.served(cold.last)) === JSON.stringify(direct.last);
      say(
        `  ${c.name}: cold p50 ${fmt(cold.timing.p50, 2)} ms, warm p50 ${fmt(served.timing.p50, 2)} ms vs direct ${fmt(direct.timing.p50, 0)} ms, ${same ? 'same figures' : 'FIGURES DIFFER'}`,
      );
      if (!same) {
        say(`    served: ${JSON.stringify(c.served(served.last)).slice(0, 600)}`);
        say(`    direct: ${JSON.stringify(direct.last).slice(0, 600)}`);
      }
      rows.push([
        c.name,
        String(cold.timing.runs),
        fmt(cold.timing.p50, 2),
        fmt(cold.timing.p95, 2),
        c.cached === true ? fmt(served.timing.p50, 2) : '(no cache)',
        c.cached === true ? fmt(served.timing.p95, 2) : '',
        String(direct.timing.runs),
        fmt(direct.timing.p50, 0),
        fmt(direct.timing.p95, 0),
        `${fmt(direct.timing.p50 / cold.timing.p50, 0)}×`,
        same ? 'yes' : 'NO',
      ]);
    }
    say();
    say(
      `${int(INITIATIVES)} initiatives; largest portfolio ${largest.slice(0, 8)}: ${int(again.initiatives)} initiatives, ${int(again.events)} history events. ` +
        `Latencies in ms. 'cold' = GET through the HTTP stack from the read model, overview cache cleared before each run; 'warm' = the ` +
        `same request again (the cache keyed by read-model version); 'direct' = the same figures straight from the history (SQL); ratio = direct p50 / cold p50.`,
    );
    say(
      table(
        [
          'endpoint',
          'runs',
          'cold p50',
          'cold p95',
          'warm p50',
          'warm p95',
          'direct runs',
          'direct p50',
          'direct p95',
          'direct/cold',
          'same figures',
        ],
        rows,
      ),
    );
    // Freshness: events through the outbox and a worker process, the incremental applies against full refreshes.
    const freshness: [string, FreshnessResult][] = [];
    let consistency = '';
    if (FRESHNESS_SECONDS > 0) {
      const pool = new Pool({ connectionString: env.databaseUrl, max: 8 });
      try {
        const candidates = await freshnessCandidates(
          pool,
          Math.ceil(FRESHNESS_RATE * (FRESHNESS_SECONDS + BASELINE_SECONDS) * 1.2) + 10,
        );
        const incremental = candidates.slice(0, Math.ceil(FRESHNESS_RATE * FRESHNESS_SECONDS * 1.2) + 5);
        const rest = candidates.slice(incremental.length);
        say(`\nfreshness: incremental applies (the worker as it ships) …`);
        freshness.push([
          'incremental apply',
          await measureFreshness(pool, incremental, {
            env,
            workerEnv: {},
            eventsPerSecond: FRESHNESS_RATE,
            seconds: FRESHNESS_SECONDS,
            drainSeconds: DRAIN_SECONDS,
            say,
          }),
        ]);
        // The read model the applies kept: the same figures as the history, and no drift from a full recompute.
        queries.clearCache();
        const served = overviewFigures(await get(`${base}/overview`));
        const direct = await directOverview(db, largest, { fromDay: null, toDay: null });
        const checked = await refresh.refresh(largest, { checkDrift: true });
        consistency =
          `after the incremental window: overview of the largest ${JSON.stringify(served) === JSON.stringify(direct) ? 'equals' : 'DIFFERS FROM'} ` +
          `the direct computation; safety check drift ${checked.drift?.rows ?? 'n/a'} rows (full recompute ${fmt(checked.ms / 1000, 1)} s)`;
        say(`  ${consistency}`);
        if (JSON.stringify(served) !== JSON.stringify(direct) || (checked.drift?.rows ?? 0) !== 0) process.exitCode = 1;
        if (BASELINE_SECONDS > 0) {
          say(`freshness: full refreshes per event (INSIGHTS_INCREMENTAL_APPLY=false, the baseline) …`);
          freshness.push([
            'full refresh (baseline)',
            await measureFreshness(pool, rest, {
              env,
              workerEnv: { INSIGHTS_INCREMENTAL_APPLY: 'false' },
              eventsPerSecond: FRESHNESS_RATE,
              seconds: BASELINE_SECONDS,
              drainSeconds: DRAIN_SECONDS,
              say,
            }),
          ]);
        }
      } finally {
        await pool.end();
      }
    }

    say(`\nread-model refresh per portfolio (s):`);
    say(table(['portfolio', 'initiatives', 'events', 'refresh s'], refreshRows));
    say(
      `steady-state refresh of the largest: ${fmt(againMs / 1000, 2)} s (${int(again.initiatives)} initiatives, ${int(again.events)} events)`,
    );
    if (freshness.length > 0) {
      say(
        `\nfreshness: commit of a gate decision → visible in its dashboard row, ${FRESHNESS_RATE} events/s spread over the portfolios ` +
          `through the outbox and a worker process; worker CPU in cores over the window and drain; not visible within the drain (${DRAIN_SECONDS} s) counts at the drain's end`,
      );
      say(
        table(
          ['path', 'events', 'rate/s', 'visible', 'p50 ms', 'p95 ms', 'max ms', 'worker cores'],
          freshness.map(([name, r]) => [
            name,
            int(r.events),
            fmt(r.rate, 1),
            int(r.visible),
            fmt(r.p50, 0),
            fmt(r.p95, 0),
            fmt(r.max, 0),
            fmt(r.workerCores, 2),
          ]),
        ),
      );
      const [inc, baseline] = freshness.map(([, r]) => r);
      if (inc !== undefined && baseline !== undefined)
        say(`freshness p95: baseline / incremental = ${fmt(baseline.p95 / inc.p95, 1)}×`);
      if (consistency !== '') say(consistency);
    }
    say(`\nbench:dashboard done in ${fmt((performance.now() - started) / 1000)} s`);
    if (rows.some((r) => r[10] !== 'yes')) process.exitCode = 1;
  } finally {
    await app?.close().catch((e: unknown) => console.error('closing Ambidex:', e));
    await sql.end().catch(() => undefined);
    if (KEEP_DATABASE) say(`kept the database ${new URL(env.databaseUrl).pathname.slice(1)} (--keep-database)`);
    else await env.drop().catch((e: unknown) => console.error('dropping the bench database:', e));
  }
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (error: unknown) => {
    console.error('bench:dashboard FAILED:', error);
    process.exit(1);
  },
);
