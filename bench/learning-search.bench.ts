/**
 * `npm run bench:search [-- --rows 1000000 --initiatives 2000 --runs 50 --budget-seconds 20]`
 *
 * Latency of the organisation-wide learning search (LearningSearch.search: full-text match, the newest 1,000
 * matches at most ranked by ts_rank, ts_headline for the page of hits, initiative join, superseded check) over
 * `rows` learnings, against a bare
 * `SELECT id FROM learnings WHERE <the same FTS predicate and filters> LIMIT 20` through pg (no ranking, no
 * highlight), measured in the same run, runs interleaved.
 *
 * Seeding (a throwaway database, dropped at the end): `initiatives` initiatives over 5 portfolios (about 10 %
 * killed, 7 % on hold, 3 % handed over), three assumptions (one per risk kind) and three experiments each; then
 * the learnings with INSERT … SELECT generate_series in batches of 100,000, with the learnings' secondary indexes
 * dropped and rebuilt from their own definitions afterwards (the GIN index exactly as the migration declares it),
 * foreign-key triggers off while loading (session_replication_role = replica). Texts come from a vocabulary of a
 * few hundred words drawn with a skewed (power-law) distribution, so a few words are very common and most are
 * not; 15 % of learnings carry one of 20 two-word phrases; 0.5 % carry one of 50 rare words. 60 % of learnings
 * belong to an experiment, 1 % are corrections of the previous learning, created_at spreads over three years.
 *
 * Each query runs `runs` times (after 3 warm-up runs), unless its total time would pass `budget-seconds`: slow
 * queries then stop earlier, with at least 5 runs, and the table says how many ran.
 */
import 'reflect-metadata';
import { LearningSearch, LearningSearchQuery } from '@ambidex/experiments';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { startAmbidex } from './lib/bench-app';
import { benchEnvironment, numberArg, table } from './lib/bench-env';
import { portfolioNames, seedPortfolios, seedProcessModel, seedUsers } from './lib/bench-seed';

const ROWS = Math.round(numberArg('rows', 1_000_000));
const INITIATIVES = Math.round(numberArg('initiatives', 2000));
const RUNS = Math.round(numberArg('runs', 50));
const BUDGET_MS = numberArg('budget-seconds', 20) * 1000;
const BATCH = 100_000;
const WARMUP = 3;
const MIN_RUNS = 5;

const say = (line = ''): void => console.log(line);
const fmt = (n: number, digits = 1): string =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

// The vocabulary, most frequent first: word k is drawn with probability ≈ (√(k+1) − √k) / √N per draw.
const VOCABULARY = [
  ...new Set(
    `
customer pilot onboarding invoice clinic subscription retention churn kiosk dashboard nurse patient pharmacy refill reminder
warehouse fleet route driver delivery bakery supplier procurement contract renewal discount bundle trial signup activation
referral survey interview prototype landing conversion funnel checkout payment wallet mobile tablet sensor battery charger
installation maintenance technician engineer support ticket complaint feedback review rating adoption usage workflow approval
compliance audit regulation certification safety quality defect recall packaging label shelf retail store shop market segment
persona budget cost margin revenue profit forecast demand supply inventory stock order shipment container port rail truck van
bike scooter parking charging grid solar wind energy water waste recycling compost emission carbon footprint sustainability
hospital doctor dentist therapy appointment schedule calendar booking cancellation waitlist queue reception checkin badge
access login password account profile setting notification email message chat call video webinar training tutorial manual
guide template report export import integration plugin partner reseller distributor channel campaign advertising brand
awareness trust privacy security breach risk insurance claim policy premium loan credit bank accountant tax payroll employee
manager director owner founder investor board meeting workshop sprint backlog roadmap release version feature bug latency
outage uptime server cloud storage backup migration upgrade license seat tier freemium upsell loyalty reward voucher coupon
gift holiday season weather harvest farm crop cattle milk cheese bread coffee beverage brewery restaurant kitchen chef menu
recipe allergy nutrition fitness gym coach athlete school teacher student parent classroom exam library museum ticketing
event venue hotel guest room cleaning laundry uniform printer paper ink scanner document signature archive warranty repair
spare tool machine factory assembly robot automation inspection calibration laboratory specimen diagnostic imaging radiology
wearable tracker heartbeat sleep stress elderly caregiver family neighbour community volunteer donation charity municipality
citizen permit`
      .trim()
      .split(/\s+/),
  ),
];
const PHRASES = [
  'pricing page',
  'onboarding friction',
  'monthly invoice',
  'self service',
  'cold chain',
  'night shift',
  'waiting room',
  'spare parts',
  'route planning',
  'price anchoring',
  'free trial',
  'payback period',
  'switching cost',
  'early adopters',
  'unit economics',
  'lead time',
  'data quality',
  'shelf life',
  'user research',
  'repeat purchase',
];
const RARE =
  `zeppelin quokka marzipan obsidian tamarind xylophone zircon kumquat narwhal papyrus quasar saffron taffeta umami vellum
wombat yodel zither alpaca bergamot cardamom dulcimer ermine fennel gossamer hibiscus ibex jacquard kohlrabi lichen macadamia
nutmeg okapi pangolin quinoa rhubarb sorrel tapir ukulele verbena walrus yuzu azalea basalt chinchilla damask eucalyptus
flamingo gazelle heliotrope`.split(/\s+/);

const COMMON_WORD = VOCABULARY[3] ?? 'invoice';
const RARE_WORD = RARE[0] ?? 'zeppelin';
const PHRASE = `"${PHRASES[0] ?? 'pricing page'}"`;

/* ------------------------------------------------------------------ */
/* seeding                                                            */
/* ------------------------------------------------------------------ */

async function seed(sql: Client): Promise<void> {
  const started = performance.now();
  const elapsed = (): string => `${fmt((performance.now() - started) / 1000)} s`;
  const [firstLead = ''] = await seedUsers(sql, 'lead', 50, 'innovation_lead');
  await seedProcessModel(sql);
  await seedPortfolios(sql, portfolioNames(5), firstLead);
  await sql.query(
    `WITH p AS (SELECT array_agg(id ORDER BY name) AS ids FROM portfolios),
          o AS (SELECT array_agg(id ORDER BY email) AS ids FROM users)
     INSERT INTO initiatives (portfolio_id, process_model_id, title, problem, value_hypothesis, owner_id, horizon, ambition, innovation_type,
                              stage, status, created_at)
     SELECT p.ids[1 + i % 5], (SELECT id FROM process_models LIMIT 1), 'Initiative ' || lpad(i::text, 5, '0'), 'A problem worth solving',
            'Customers will pay for it', o.ids[1 + i % 50], 'H2', 'adjacent', 'product',
            CASE WHEN i % 100 < 3 THEN 'handover' ELSE 'experiment' END,
            CASE WHEN i % 100 < 3 THEN 'handed_over' WHEN i % 100 < 13 THEN 'killed' WHEN i % 100 < 20 THEN 'on_hold' ELSE 'active' END,
            now() - interval '3 years'
       FROM generate_series(1, $1::int) i, p, o`,
    [INITIATIVES],
  );
  // Three assumptions (one per risk kind) and three experiments per initiative, experiment k testing assumption k.
  await sql.query(`INSERT INTO assumptions (initiative_id, statement, risk_kind, importance, created_by)
    SELECT i.id, 'Assumption ' || k, (ARRAY['desirability','feasibility','viability'])[k], 6 - k, i.owner_id
      FROM initiatives i, generate_series(1, 3) k`);
  await sql.query(`INSERT INTO experiments (initiative_id, hypothesis, method, metric, comparison, threshold, created_by)
    SELECT i.id, 'Hypothesis ' || k, 'method', 'metric ' || k, '>=', 0.1, i.owner_id FROM initiatives i, generate_series(1, 3) k`);
  await sql.query(`INSERT INTO experiment_assumptions (experiment_id, assumption_id)
    SELECT e.id, a.id FROM experiments e JOIN assumptions a ON a.initiative_id = e.initiative_id AND a.statement = 'Assumption ' || substr(e.metric, 8)`);
  await sql.query(`CREATE TABLE bench_map AS
    SELECT row_number() OVER (ORDER BY i.title)::int AS ix, i.id AS initiative_id, i.owner_id,
           (SELECT array_agg(e.id ORDER BY e.metric) FROM experiments e WHERE e.initiative_id = i.id) AS experiments
      FROM initiatives i`);
  await sql.query(`CREATE UNIQUE INDEX ON bench_map (ix)`);
  say(
    `  ${INITIATIVES.toLocaleString('en')} initiatives, ${(INITIATIVES * 3).toLocaleString('en')} assumptions and experiments (${elapsed()})`,
  );

  const indexes = (
    await sql.query(
      `SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'learnings' AND indexname <> 'pk_learnings'`,
    )
  ).rows as {
    indexname: string;
    indexdef: string;
  }[];
  for (const { indexname } of indexes) await sql.query(`DROP INDEX ${indexname}`);
  await sql.query(`SET session_replication_role = replica`); // no FK triggers while loading; the rows are consistent by construction
  await sql.query(`SELECT setseed(0.56)`);
  for (let from = 1; from <= ROWS; from += BATCH) {
    const to = Math.min(ROWS, from + BATCH - 1);
    await sql.query(
      `WITH v AS (SELECT $3::text[] AS words, cardinality($3::text[]) AS n, $4::text[] AS phrases, $5::text[] AS rare)
       INSERT INTO learnings (id, initiative_id, experiment_id, observed, belief, decision, confidence, evidence, supersedes_id,
                              idempotency_key, recorded_by, created_at, search_vector)
       SELECT md5('l' || g)::uuid, m.initiative_id,
              CASE WHEN g % 10 < 6 THEN m.experiments[1 + (g / 7) % 3] END,
              w.observed || CASE WHEN random() < 0.15 THEN ' ' || v.phrases[1 + floor(random() * 20)::int] ELSE '' END
                || CASE WHEN random() < 0.005 THEN ' ' || v.rare[1 + floor(random() * 50)::int] ELSE '' END || '.',
              w.belief || '.',
              CASE WHEN g % 10 = 0 THEN 'kill' WHEN g % 10 < 4 THEN 'pivot' ELSE 'persevere' END,
              (ARRAY['low', 'medium', 'high'])[1 + g % 3], '[]',
              CASE WHEN g % 100 = 0 THEN md5('l' || (g - 1))::uuid END,
              'seed-' || g, m.owner_id, now() - make_interval(secs => (g::bigint * 104729) % 94608000),
              NULL  -- filled below: session_replication_role = replica also silences the trigger that sets it
         FROM generate_series($1::int, $2::int) g
         CROSS JOIN v
         JOIN bench_map m ON m.ix = 1 + ((g - CASE WHEN g % 100 = 0 THEN 1 ELSE 0 END)::bigint * 7919) % $6
         CROSS JOIN LATERAL (
           SELECT (SELECT string_agg(v.words[1 + floor(v.n * power(random(), 2))::int + 0 * k], ' ') FROM generate_series(1, 10 + g % 5) s(k)) AS observed,
                  (SELECT string_agg(v.words[1 + floor(v.n * power(random(), 2))::int + 0 * k], ' ') FROM generate_series(1, 6 + g % 4) s(k)) AS belief
         ) w  -- (+ 0 * k keeps each aggregate at its own level: its word is drawn per k, not once per row)`,
      [from, to, VOCABULARY, PHRASES, RARE, INITIATIVES],
    );
    say(`  seeded ${to.toLocaleString('en')} / ${ROWS.toLocaleString('en')} learnings (${elapsed()})`);
  }
  // What the insert trigger would have done (learnings are otherwise never updated; triggers are still off here).
  const tv = performance.now();
  await sql.query(`UPDATE learnings SET search_vector = to_tsvector('english', observed || ' ' || belief)`);
  say(`  search vectors computed (${fmt((performance.now() - tv) / 1000)} s)`);
  await sql.query(`SET session_replication_role = origin`);
  await sql.query(`DROP TABLE bench_map`);
  await sql.query(`SET maintenance_work_mem = '512MB'`);
  for (const { indexname, indexdef } of indexes) {
    const t0 = performance.now();
    await sql.query(indexdef);
    say(`  rebuilt ${indexname} (${fmt((performance.now() - t0) / 1000)} s)`);
  }
  await sql.query(`RESET maintenance_work_mem`);
  await sql.query(`VACUUM ANALYZE learnings`);
  await sql.query(`ANALYZE`);
  const [size] = (
    await sql.query(
      `SELECT pg_size_pretty(pg_table_size('learnings')) AS heap, pg_size_pretty(pg_relation_size('ix_learnings_search')) AS gin`,
    )
  ).rows as { heap: string; gin: string }[];
  say(`seeded and analyzed in ${elapsed()}: learnings heap ${size?.heap}, GIN index ${size?.gin}`);
}

/* ------------------------------------------------------------------ */
/* measurement                                                        */
/* ------------------------------------------------------------------ */

interface Case {
  name: string;
  query: LearningSearchQuery;
}

/** The bare baseline: the same FTS predicate and filters, no ranking, highlight, join or superseded check. */
function baselineOf(query: LearningSearchQuery): { sql: string; params: unknown[] } {
  const params: unknown[] = [query.q];
  const where = [`l.search_vector @@ websearch_to_tsquery('english', $1)`];
  if (query.decision !== undefined) where.push(`l.decision = $${params.push(query.decision)}`);
  if (query.from !== undefined) where.push(`l.created_at >= $${params.push(query.from)}`);
  if (query.to !== undefined) where.push(`l.created_at < $${params.push(query.to)}`);
  if (query.riskKind !== undefined) {
    where.push(`EXISTS (SELECT 1 FROM experiment_assumptions ea JOIN assumptions a ON a.id = ea.assumption_id
                        WHERE ea.experiment_id = l.experiment_id AND a.risk_kind = $${params.push(query.riskKind)})`);
  }
  return { sql: `SELECT l.id FROM learnings l WHERE ${where.join(' AND ')} LIMIT ${query.limit}`, params };
}

interface Timing {
  runs: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
}

function summarize(times: number[]): Timing {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number): number =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
  return {
    runs: sorted.length,
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    mean: sorted.reduce((s, t) => s + t, 0) / sorted.length,
  };
}

async function measure(
  search: LearningSearch,
  sql: Client,
  c: Case,
): Promise<{ app: Timing; bare: Timing; hits: number; bareRows: number }> {
  const bare = baselineOf(c.query);
  let hits = 0;
  let bareRows = 0;
  for (let i = 0; i < WARMUP; i++) {
    hits = (await search.search(c.query)).length;
    bareRows = (await sql.query(bare.sql, bare.params)).rowCount ?? 0;
  }
  const appTimes: number[] = [];
  const bareTimes: number[] = [];
  let spent = 0;
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await search.search(c.query);
    const t1 = performance.now();
    await sql.query(bare.sql, bare.params);
    const t2 = performance.now();
    appTimes.push(t1 - t0);
    bareTimes.push(t2 - t1);
    spent += t2 - t0;
    if (appTimes.length >= MIN_RUNS && spent + spent / appTimes.length > BUDGET_MS) break;
  }
  return { app: summarize(appTimes), bare: summarize(bareTimes), hits, bareRows };
}

/** The exact SQL and parameters LearningSearch sends, captured from its DataSource once. */
async function capturedSql(
  search: LearningSearch,
  ds: DataSource,
  query: LearningSearchQuery,
): Promise<{ sql: string; params: unknown[] }> {
  const original = ds.query.bind(ds);
  let captured: { sql: string; params: unknown[] } | undefined;
  (ds as unknown as { query: (sql: string, params?: unknown[]) => Promise<unknown> }).query = async (
    sql: string,
    params?: unknown[],
  ) => {
    // The search first asks the planner how common the words are; the candidates query is the one to explain.
    if (sql.includes('candidates')) captured = { sql, params: params ?? [] };
    return original(sql, params);
  };
  try {
    await search.search(query);
  } finally {
    (ds as unknown as { query: unknown }).query = original;
  }
  if (captured === undefined) throw new Error('LearningSearch sent no query');
  return captured;
}

async function main(): Promise<void> {
  const started = performance.now();
  const env = await benchEnvironment('bench_search');
  const sql = new Client({ connectionString: env.databaseUrl });
  let app: NestFastifyApplication | undefined;
  const stop = (): void => void env.drop().finally(() => process.exit(130));
  process.once('SIGINT', stop);
  try {
    say(`throwaway database ${new URL(env.databaseUrl).pathname.slice(1)}; migrating …`);
    await sql.connect();
    // The app first (API only, not listening: LearningSearch is called directly), so a start failure costs no seeding.
    app = await startAmbidex(env);
    const search = app.get(LearningSearch);
    const ds = app.get(DataSource);
    say(
      `seeding ${ROWS.toLocaleString('en')} learnings over ${INITIATIVES.toLocaleString('en')} initiatives (vocabulary ${VOCABULARY.length} words, ${PHRASES.length} phrases, ${RARE.length} rare words) …`,
    );
    await seed(sql);

    const counts: Record<string, number> = {};
    for (const q of [RARE_WORD, COMMON_WORD, PHRASE]) {
      const [row] = (
        await sql.query(
          `SELECT count(*)::int AS n FROM learnings WHERE search_vector @@ websearch_to_tsquery('english', $1)`,
          [q],
        )
      ).rows as { n: number }[];
      counts[q] = row?.n ?? 0;
    }
    const [killed] = (
      await sql.query(
        `SELECT count(*)::int AS n FROM learnings l JOIN initiatives i ON i.id = l.initiative_id WHERE i.status IN ('killed', 'on_hold')`,
      )
    ).rows as { n: number }[];
    say(
      `matching learnings: rare '${RARE_WORD}' ${counts[RARE_WORD]}, common '${COMMON_WORD}' ${counts[COMMON_WORD]?.toLocaleString('en')}, ` +
        `phrase ${PHRASE} ${counts[PHRASE]?.toLocaleString('en')}; learnings of killed or held initiatives: ${killed?.n.toLocaleString('en')}`,
    );

    const now = Date.now();
    const last90 = { from: new Date(now - 90 * 86_400_000), to: new Date(now + 86_400_000) };
    const cases: Case[] = [];
    for (const [label, q] of [
      ['rare word', RARE_WORD],
      ['common word', COMMON_WORD],
      ['phrase', PHRASE],
    ] as const) {
      cases.push(
        { name: `${label}`, query: { q, limit: 20 } },
        { name: `${label} + decision=kill`, query: { q, decision: 'kill', limit: 20 } },
        { name: `${label} + riskKind=desirability`, query: { q, riskKind: 'desirability', limit: 20 } },
        { name: `${label} + last 90 days`, query: { q, ...last90, limit: 20 } },
        {
          name: `${label} + kill + desirability + 90 days`,
          query: { q, decision: 'kill', riskKind: 'desirability', ...last90, limit: 20 },
        },
      );
    }

    say(
      `\nmeasuring ${cases.length} queries: up to ${RUNS} runs each after ${WARMUP} warm-up runs (at least ${MIN_RUNS}, stop at a ${BUDGET_MS / 1000} s budget), ` +
        `LearningSearch.search and the bare SELECT interleaved, limit 20`,
    );
    const rows: string[][] = [];
    for (const c of cases) {
      const m = await measure(search, sql, c);
      say(
        `  ${c.name}: p50 ${fmt(m.app.p50)} ms vs bare ${fmt(m.bare.p50, 2)} ms (${m.app.runs} runs, ${m.hits} hits)`,
      );
      rows.push([
        c.name,
        String(m.app.runs),
        String(m.hits),
        fmt(m.app.p50),
        fmt(m.app.p95),
        fmt(m.app.p99),
        fmt(m.bare.p50, 2),
        fmt(m.bare.p95, 2),
        fmt(m.bare.p99, 2),
        fmt(m.app.p50 / m.bare.p50, 1),
      ]);
    }
    say();
    say(
      `${ROWS.toLocaleString('en')} learnings; latencies in ms; 'bare' = SELECT l.id … WHERE <same FTS predicate + filters> LIMIT 20 through pg`,
    );
    say(
      table(
        ['query', 'runs', 'hits', 'app p50', 'app p95', 'app p99', 'bare p50', 'bare p95', 'bare p99', 'app/bare p50'],
        rows,
      ),
    );

    const common = await capturedSql(search, ds, { q: COMMON_WORD, limit: 20 });
    const plan = (await sql.query(`EXPLAIN (ANALYZE, BUFFERS) ${common.sql}`, common.params)).rows as {
      'QUERY PLAN': string;
    }[];
    say(`\nEXPLAIN (ANALYZE, BUFFERS) of LearningSearch.search({ q: '${COMMON_WORD}', limit: 20 }):`);
    say(plan.map((r) => `  ${r['QUERY PLAN']}`).join('\n'));
    const barePlan = (
      await sql.query(`EXPLAIN (ANALYZE, BUFFERS) ${baselineOf({ q: COMMON_WORD, limit: 20 }).sql}`, [COMMON_WORD])
    ).rows as { 'QUERY PLAN': string }[];
    say(`\nEXPLAIN (ANALYZE, BUFFERS) of the bare baseline for '${COMMON_WORD}':`);
    say(barePlan.map((r) => `  ${r['QUERY PLAN']}`).join('\n'));
    say(`\nbench:search done in ${fmt((performance.now() - started) / 1000)} s`);
  } finally {
    await app?.close().catch((e: unknown) => console.error('closing Ambidex:', e));
    await sql.end().catch(() => undefined);
    await env.drop().catch((e: unknown) => console.error('dropping the bench database:', e));
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error('bench:search FAILED:', error);
    process.exit(1);
  },
);
