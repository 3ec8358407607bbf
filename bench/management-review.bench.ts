/**
 * `npm run bench:management-review [-- --initiatives 100000 --nonconformities 10000 --batch 50000 --runs 10 --budget-seconds 60]`
 *
 * The management review pack at scale. In a throwaway database:
 *   1. seeds one portfolio of `initiatives` initiatives with legal stage histories (test/insights/generate-history.ts,
 *      as bench:dashboard does) and `nonconformities` nonconformities over the last two years (a tenth of them
 *      customer complaints, most closed, with corrective actions and effectiveness checks), in SQL;
 *   2. refreshes the portfolio's read model (as the worker's job does) and VACUUM ANALYZE;
 *   3. times the whole pack for the last 12 months (every section builder, in the pack's snapshot, hashed) against the
 *      dashboard queries alone for the same period and portfolio (InsightsQueries.overview, the code behind the
 *      dashboard endpoint and the pack's portfolio sections), the overview cache cleared before each run of either,
 *      and prints pack p50 / dashboard p50; then one real pack job (build, store, audit entry) and each section's time.
 * About 2 minutes on 2 cores at the defaults, most of it seeding.
 */
import 'reflect-metadata';
import { addDays, InsightsQueries, InsightsRefresh, overviewFilters, utcDay } from '@ambidex/insights';
import { Principal, UsersService } from '@ambidex/identity';
import { PackAssembly, ScheduleManagementReview } from '@ambidex/management-review';
import { SYSTEM_ACTOR } from '@ambidex/platform';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { generateHistories } from '../test/insights/generate-history';
import { startAmbidex } from './lib/bench-app';
import { benchEnvironment, numberArg, table } from './lib/bench-env';
import { seedPortfolios, seedProcessModel, seedUsers } from './lib/bench-seed';

const INITIATIVES = Math.round(numberArg('initiatives', 100_000));
const NONCONFORMITIES = Math.round(numberArg('nonconformities', 10_000));
const BATCH = Math.round(numberArg('batch', 50_000));
const RUNS = Math.round(numberArg('runs', 10));
const BUDGET_MS = numberArg('budget-seconds', 60) * 1000;
const WARMUP = 1;
const MIN_RUNS = 3;

const say = (line = ''): void => console.log(line);
const fmt = (n: number, digits = 1): string =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const int = (n: number): string => Math.round(n).toLocaleString('en-US');

const rowsOf = (client: Client) => ({
  query: async (text: string, params?: unknown[]): Promise<unknown> => (await client.query(text, params)).rows,
});

/** Nonconformities in SQL (a bench seeds at a scale the use cases would take long for), consistent by construction. */
async function seedNonconformities(sql: Client, raisedBy: string, owners: string[]): Promise<void> {
  await sql.query(
    `INSERT INTO nonconformities (number, status, source, severity, probability, description, raised_by, raised_at,
                                  containment, contained_by, contained_at, whys, cause_category, root_cause_by, root_cause_at,
                                  effectiveness_after_days, effectiveness_round, closed_by, closed_at)
     SELECT 'NC-' || lpad(g::text, 5, '0'), CASE WHEN g % 5 = 0 THEN 'open' WHEN g % 7 = 0 THEN 'actions' ELSE 'closed' END,
            CASE WHEN g % 10 = 0 THEN 'customer_complaint' WHEN g % 3 = 0 THEN 'internal_audit'
                 WHEN g % 3 = 1 THEN 'process_monitoring' ELSE 'supplier' END,
            (ARRAY['minor', 'major', 'critical'])[1 + g % 3], 1 + g % 5, 'Bench nonconformity ' || g, $1,
            now() - (g % 730) * interval '1 day',
            'Contained', $1, now() - (g % 730) * interval '1 day', '["a","b","c"]', 'method', $1, now() - (g % 730) * interval '1 day',
            30, CASE WHEN g % 5 = 0 THEN 0 ELSE 1 END,
            CASE WHEN g % 5 <> 0 AND g % 7 <> 0 THEN $1::uuid END,
            CASE WHEN g % 5 <> 0 AND g % 7 <> 0 THEN now() - (g % 730) * interval '1 day' + interval '40 days' END
       FROM generate_series(1, $2::int) g`,
    [raisedBy, NONCONFORMITIES],
  );
  await sql.query(`SELECT setval('nonconformity_numbers', $1::int)`, [NONCONFORMITIES]).catch(() => undefined);
  await sql.query(
    `INSERT INTO nonconformity_actions (nonconformity_id, text, owner_id, due_at, done_at, done_by, done_note)
     SELECT n.id, 'Corrective action', ($1::uuid[])[1 + (abs(hashtext(n.id::text)) % cardinality($1::uuid[]))],
            n.raised_at + interval '14 days',
            CASE WHEN n.status = 'closed' THEN n.raised_at + interval '10 days' END,
            CASE WHEN n.status = 'closed' THEN n.raised_by END, CASE WHEN n.status = 'closed' THEN 'Done' END
       FROM nonconformities n WHERE n.status <> 'open'`,
    [owners],
  );
  await sql.query(
    `INSERT INTO nonconformity_effectiveness_checks (nonconformity_id, effective, comment, checked_by, checked_at)
     SELECT id, true, 'Effective', raised_by, closed_at FROM nonconformities WHERE status = 'closed'`,
  );
}

interface Timing {
  runs: number;
  p50: number;
  p95: number;
}

async function time(work: () => Promise<unknown>, before: () => void): Promise<Timing> {
  for (let i = 0; i < WARMUP; i++) {
    before();
    await work();
  }
  const times: number[] = [];
  let spent = 0;
  for (let i = 0; i < RUNS; i++) {
    before();
    const t0 = performance.now();
    await work();
    const dt = performance.now() - t0;
    times.push(dt);
    spent += dt;
    if (times.length >= MIN_RUNS && spent + spent / times.length > BUDGET_MS) break;
  }
  const sorted = times.sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
  return { runs: sorted.length, p50: at(0.5), p95: at(0.95) };
}

async function main(): Promise<void> {
  const started = performance.now();
  const env = await benchEnvironment('bench_mr');
  const sql = new Client({ connectionString: env.databaseUrl });
  let app: NestFastifyApplication | undefined;
  const stop = (): void => void env.drop().finally(() => process.exit(130));
  process.once('SIGINT', stop);
  try {
    say(`throwaway database ${new URL(env.databaseUrl).pathname.slice(1)}; migrating …`);
    await sql.connect();
    app = await startAmbidex(env);
    const now = new Date();

    let t0 = performance.now();
    const owners = await seedUsers(sql, 'owner', 200, 'innovation_lead');
    const quality = await seedUsers(sql, 'quality', 5, 'quality_head');
    const model = await seedProcessModel(sql);
    const [portfolio] = await seedPortfolios(sql, ['Bench portfolio'], owners[0] ?? '');
    if (portfolio === undefined) throw new Error('no portfolio');
    await sql.query(`SET session_replication_role = replica`);
    await sql.query(`SET work_mem = '256MB'`);
    await sql.query(`SELECT setseed(0.2026)`);
    let events = 0;
    for (let from = 1; from <= INITIATIVES; from += BATCH) {
      const to = Math.min(INITIATIVES, from + BATCH - 1);
      const batch = await generateHistories(rowsOf(sql), {
        tag: 'mr',
        fromIx: from,
        toIx: to,
        portfolioIds: [portfolio],
        ownerIds: owners,
        processModelId: model,
        start: new Date(now.getTime() - 3 * 365 * 86_400_000),
        end: new Date(now.getTime() - 10 * 86_400_000),
        now,
        stopProbability: 0.02,
        maxStepDays: 45,
      });
      events += batch.events;
      say(
        `  ${int(to)} / ${int(INITIATIVES)} initiatives, ${int(events)} history events (${fmt((performance.now() - t0) / 1000)} s)`,
      );
    }
    await sql.query(`SET session_replication_role = origin`);
    await seedNonconformities(sql, quality[0] ?? '', owners);
    await sql.query(`RESET work_mem`);
    await sql.query(`VACUUM ANALYZE`);
    say(
      `seeded ${int(INITIATIVES)} initiatives and ${int(NONCONFORMITIES)} nonconformities in ${fmt((performance.now() - t0) / 1000)} s`,
    );

    t0 = performance.now();
    await app.get(InsightsRefresh).refresh(portfolio);
    await sql.query(`VACUUM ANALYZE insights_initiatives, insights_daily, insights_samples, insights_learning`);
    say(`read model refreshed in ${fmt((performance.now() - t0) / 1000)} s`);

    const leader = await app.get(UsersService).create(SYSTEM_ACTOR, {
      email: 'leader@bench.local',
      displayName: 'Bench Leader',
      password: 'bench-password-0123',
      roles: ['leadership'],
    });
    const principal: Principal = {
      userId: leader.id,
      email: 'leader@bench.local',
      displayName: 'Bench Leader',
      roles: ['leadership'],
      sessionId: null,
      apiTokenId: null,
    };
    const today = utcDay(now);
    const from = addDays(today, -365);
    const reviewId = await app.get(ScheduleManagementReview).schedule(principal, {
      meetingOn: addDays(today, 7),
      from,
      to: today,
      portfolioId: portfolio,
      ambition: null,
      horizon: null,
      contextChanges: 'Bench context',
    });
    const packs = app.get(PackAssembly);
    const insights = app.get(InsightsQueries);
    const cold = (): void => insights.clearCache();

    say(
      `\ntiming the pack and the dashboard queries for ${from} to ${today} (overview cache cleared before each run) …`,
    );
    const dashboard = await time(() => insights.overview(portfolio, overviewFilters({ from, to: today })), cold);
    const timings = new Map<string, number>();
    const pack = await time(() => packs.preview(reviewId, timings), cold);
    cold();
    t0 = performance.now();
    const stored = await packs.assemble(reviewId, 1);
    const jobMs = performance.now() - t0;
    const [size] = (
      await sql.query(`SELECT length(pack::text) AS bytes FROM management_reviews WHERE id = $1`, [reviewId])
    ).rows as { bytes: number }[];

    say();
    say(
      table(
        ['measured', 'runs', 'p50 ms', 'p95 ms'],
        [
          ['dashboard queries alone (overview)', String(dashboard.runs), fmt(dashboard.p50), fmt(dashboard.p95)],
          ['whole pack (every section, hashed)', String(pack.runs), fmt(pack.p50), fmt(pack.p95)],
        ],
      ),
    );
    say(`pack / dashboard (p50): ${fmt(pack.p50 / dashboard.p50, 2)}×`);
    say(
      `one pack job (build, store ${int(size?.bytes ?? 0)} bytes of JSON, audit entry): ${fmt(jobMs)} ms, stored: ${stored}`,
    );
    say(`\nsections of the last run (ms):`);
    say(
      table(
        ['section', 'ms'],
        [...timings.entries()].map(([key, ms]) => [key, fmt(ms)]),
      ),
    );
    say(`\nbench:management-review done in ${fmt((performance.now() - started) / 1000)} s`);
    if (!stored) process.exitCode = 1;
  } finally {
    await app?.close().catch((e: unknown) => console.error('closing Ambidex:', e));
    await sql.end().catch(() => undefined);
    await env.drop().catch((e: unknown) => console.error('dropping the bench database:', e));
  }
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (error: unknown) => {
    console.error('bench:management-review FAILED:', error);
    process.exit(1);
  },
);
