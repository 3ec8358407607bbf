/**
 * `npm run bench:initiatives [-- --rows 1000000 --runs 50 --ideas 30]`
 *
 * Seeds a throwaway database with `rows` initiatives (half of them in one big portfolio, the rest over 19 others,
 * 1,000 owners), ANALYZEs, then for each main filter/sort combination of the listing prints EXPLAIN (ANALYZE,
 * BUFFERS) and the latency (p50/p95 over `runs` runs) of the exact SQL the API issues (buildListingQuery), against
 * a plain `SELECT … ORDER BY id LIMIT 26` baseline measured the same way. Then the duplicate search of `ideas` new
 * ideas (explain-duplicates.ts), against the same baseline and the threshold scan it replaced. The database is
 * dropped at the end. Figures and plans are written up in docs/query-plans.md. `--keep` keeps the database (and
 * prints its URL) to explore; `--duplicates-only` skips the listing cases.
 */
import 'reflect-metadata';
import { buildListingQuery, DEFAULT_PROCESS_MODEL, ListingRequest, SUMMARY_COLUMNS } from '@ambidex/portfolio';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { runMigrations } from '../apps/shared/src/migrations';
import { createThrowawayDatabase } from '../apps/shared/src/throwaway-database';
import { numberArg, table } from '../bench/lib/bench-env';
import { loadAppConfig } from '../apps/shared/src/config-sections';
import { benchDuplicateIndex } from './explain-duplicate-index';
import { benchDuplicates, NewIdea } from './explain-duplicates';
import { explain, fmt, indent, planSummary } from './explain-helpers';

const ROWS = Math.round(numberArg('rows', 1_000_000));
const RUNS = Math.round(numberArg('runs', 50));
const BATCH = 100_000;
/** How deep the deep-page scenarios start: 100k rows in (a tenth of a smaller table). */
const DEEP = Math.min(100_000, Math.floor(ROWS / 10));
const KEEP = process.argv.includes('--keep');
const DUPLICATES_ONLY = process.argv.includes('--duplicates-only');
const IDEAS = Math.round(numberArg('ideas', 30));
const say = (line: string): void => console.log(line);

// Vocabulary: titles combine one word of each list (37 × 41 × 43 combinations); 'platform' is a common noun
// (in about 1 title in 41, and in problems), 'zephyrine' a rare word (1 row in 10,000). Each title ends in a code
// name and problems are sentences from several lists, so rows differ the way free text does. The vocabulary is still
// far smaller than real text: trigram similarity finds more near-matches here than it would in practice.
const ADJECTIVES = [
  'smart',
  'green',
  'modular',
  'predictive',
  'remote',
  'circular',
  'autonomous',
  'digital',
  'low-carbon',
  'connected',
  'adaptive',
  'secure',
  'portable',
  'hybrid',
  'lean',
  'open',
  'shared',
  'personal',
  'rapid',
  'silent',
  'solar',
  'urban',
  'rural',
  'mobile',
  'cloud',
  'edge',
  'quantum',
  'bio-based',
  'recycled',
  'wireless',
  'augmented',
  'voice',
  'visual',
  'sensor',
  'compact',
  'flexible',
  'instant',
];
const NOUNS = [
  'platform',
  'service',
  'sensor',
  'pump',
  'valve',
  'dashboard',
  'marketplace',
  'subscription',
  'kiosk',
  'robot',
  'drone',
  'battery',
  'charger',
  'coating',
  'packaging',
  'assistant',
  'twin',
  'ledger',
  'gateway',
  'scanner',
  'printer',
  'membrane',
  'filter',
  'engine',
  'controller',
  'app',
  'portal',
  'network',
  'module',
  'kit',
  'lab',
  'studio',
  'hub',
  'bundle',
  'plan',
  'loop',
  'cell',
  'grid',
  'tag',
  'beacon',
  'scale',
];
const DOMAINS = [
  'for hospitals',
  'for farms',
  'for retail',
  'for logistics',
  'for utilities',
  'for schools',
  'for factories',
  'for insurers',
  'for banks',
  'for fleets',
  'for hotels',
  'for airports',
  'for ports',
  'for mines',
  'for clinics',
  'for pharmacies',
  'for bakeries',
  'for breweries',
  'for gyms',
  'for offices',
  'for homes',
  'for cities',
  'for rail',
  'for shipping',
  'for labs',
  'for dentists',
  'for vets',
  'for museums',
  'for stadiums',
  'for theatres',
  'for warehouses',
  'for garages',
  'for laundries',
  'for kitchens',
  'for data centres',
  'for wind farms',
  'for solar parks',
  'for water works',
  'for recyclers',
  'for printers',
  'for publishers',
  'for studios',
  'for telecoms',
];
const SUBJECTS = [
  'Nurses',
  'Farmers',
  'Store managers',
  'Dispatchers',
  'Field engineers',
  'Teachers',
  'Plant operators',
  'Claims handlers',
  'Pharmacists',
  'Drivers',
  'Buyers',
  'Lab technicians',
  'Hotel staff',
  'Planners',
  'Maintenance crews',
  'Call centre agents',
  'Accountants',
  'Site managers',
  'Caregivers',
  'Inspectors',
  'Chefs',
  'Sales reps',
  'Installers',
  'Warehouse pickers',
  'Auditors',
  'Recruiters',
  'Architects',
  'Veterinarians',
  'Pilots',
  'Librarians',
];
const VERBS = [
  'waste time on',
  'struggle with',
  'pay too much for',
  'cannot trust',
  'wait days for',
  'manually track',
  'lose money on',
  'are blocked by',
  'keep repairing',
  'complain about',
  'double-check',
  'throw away',
  'cannot find',
  'over-order',
  'reconcile by hand',
  'queue for',
  'rent extra',
  're-enter data from',
  'miss alerts from',
  'argue over',
];
const REASONS = [
  'because data arrives late',
  'since suppliers changed',
  'after the new regulation',
  'during peak season',
  'when staff rotate',
  'as prices keep rising',
  'because nobody owns them',
  'when the network drops',
  'after every audit',
  'because spare parts are scarce',
  'in the night shift',
  'because forms are on paper',
  'when customers call back',
  'since the merger',
  'because of weather swings',
  'as volumes double',
  'because tools do not talk',
  'when batteries run flat',
  'after each recall',
  'because training is short',
  'at month end',
  'when stock runs out',
  'because of language gaps',
  'after software updates',
  'in remote sites',
];
const CONNECTORS = [
  'today they improvise with a',
  'the workaround is a',
  'nobody has tried a',
  'competitors sell a',
  'a pilot tested a',
  'customers asked for a',
  'the budget allows a',
  'regulators expect a',
  'partners offer a',
  'the old answer was a',
  'a start-up pitched a',
  'engineers sketched a',
];
const sqlArray = (words: string[]): string => `(ARRAY[${words.map((w) => `'${w}'`).join(',')}])`;
/** One word of the list, picked by a hash expression (so fields do not correlate with each other or with time). */
const pick = (words: string[], hash: string): string => `${sqlArray(words)}[1 + (${hash}) % ${words.length}]`;

interface Scenario {
  name: string;
  request: ListingRequest;
  /** Starts after this many rows of the same query (a keyset page deep in the list). */
  skip?: number;
}

async function main(): Promise<void> {
  const base = loadAppConfig();
  const baseUrl = base.database.url ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const db = await createThrowawayDatabase(baseUrl, 'ambidex_bench_initiatives');
  const stop = (): void => void db.drop().finally(() => process.exit(130));
  process.once('SIGINT', stop);
  const client = new Client({ connectionString: db.url });
  try {
    say(`throwaway database ${new URL(db.url).pathname.slice(1)}; migrating …`);
    await runMigrations(loadAppConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: db.url }), db.url);
    await client.connect();
    await seed(client);
    const [bigPortfolio, smallPortfolio] = (
      await client.query(`SELECT id FROM portfolios ORDER BY name LIMIT 2`)
    ).rows.map((r: { id: string }) => r.id);
    const [owner] = (
      await client.query(`SELECT owner_id FROM initiatives GROUP BY owner_id ORDER BY count(*) DESC LIMIT 1`)
    ).rows as { owner_id: string }[];
    const desc = { sort: 'createdAt', direction: 'desc', limit: 25 } as const;
    const scenarios: Scenario[] = [
      { name: 'all, createdAt desc', request: { filters: {}, ...desc } },
      {
        name: `all, createdAt desc, page after ${DEEP.toLocaleString('en')} rows`,
        request: { filters: {}, ...desc },
        skip: DEEP,
      },
      { name: 'all, updatedAt desc', request: { filters: {}, sort: 'updatedAt', direction: 'desc', limit: 25 } },
      { name: 'all, title asc', request: { filters: {}, sort: 'title', direction: 'asc', limit: 25 } },
      { name: 'big portfolio, createdAt desc', request: { filters: { portfolioId: bigPortfolio }, ...desc } },
      {
        name: `big portfolio, createdAt desc, page after ${DEEP.toLocaleString('en')} rows`,
        request: { filters: { portfolioId: bigPortfolio }, ...desc },
        skip: DEEP,
      },
      {
        name: 'big portfolio, updatedAt desc',
        request: { filters: { portfolioId: bigPortfolio }, sort: 'updatedAt', direction: 'desc', limit: 25 },
      },
      {
        name: 'big portfolio, title asc',
        request: { filters: { portfolioId: bigPortfolio }, sort: 'title', direction: 'asc', limit: 25 },
      },
      {
        name: 'big portfolio, title asc, page 2',
        request: { filters: { portfolioId: bigPortfolio }, sort: 'title', direction: 'asc', limit: 25 },
        skip: 25,
      },
      { name: 'small portfolio, createdAt desc', request: { filters: { portfolioId: smallPortfolio }, ...desc } },
      {
        name: 'big portfolio, stage develop + status active',
        request: { filters: { portfolioId: bigPortfolio, stage: 'develop', status: 'active' }, ...desc },
      },
      {
        name: 'big portfolio, stage handover (any status)',
        request: { filters: { portfolioId: bigPortfolio, stage: 'handover' }, ...desc },
      },
      {
        name: 'big portfolio, status on_hold',
        request: { filters: { portfolioId: bigPortfolio, status: 'on_hold' }, ...desc },
      },
      {
        name: 'big portfolio, H3 + transformational',
        request: { filters: { portfolioId: bigPortfolio, horizon: 'H3', ambition: 'transformational' }, ...desc },
      },
      { name: 'owner, createdAt desc', request: { filters: { ownerId: owner?.owner_id }, ...desc } },
      {
        name: 'owner, title asc',
        request: { filters: { ownerId: owner?.owner_id }, sort: 'title', direction: 'asc', limit: 25 },
      },
      { name: 'q rare word (≈0.01 %)', request: { filters: { q: 'zephyrine' }, ...desc } },
      { name: 'q common word (≈2.4 %)', request: { filters: { q: 'platform' }, ...desc } },
      {
        name: 'big portfolio, q common word',
        request: { filters: { portfolioId: bigPortfolio, q: 'platform' }, ...desc },
      },
    ];

    const baselineSql = `SELECT ${SUMMARY_COLUMNS} FROM initiatives ORDER BY id LIMIT 26`;
    const baseline = await measure(client, baselineSql, []);
    say(
      `\nbaseline: ${baselineSql.replace(/\s+/g, ' ').slice(0, 60)}… ORDER BY id LIMIT 26: p50 ${fmt(baseline.p50)} ms, p95 ${fmt(baseline.p95)} ms`,
    );
    say(indent(await explain(client, baselineSql, [])));

    const rows: string[][] = [];
    for (const scenario of DUPLICATES_ONLY ? [] : scenarios) {
      const { sql, params } = await withCursor(client, scenario);
      const timing = await measure(client, sql, params);
      const plan = await explain(client, sql, params);
      say(
        `\n### ${scenario.name}\np50 ${fmt(timing.p50)} ms, p95 ${fmt(timing.p95)} ms, ${timing.rows} rows, ${fmt(timing.p50 / baseline.p50)}× baseline\n${indent(plan)}`,
      );
      rows.push([
        scenario.name,
        fmt(timing.p50),
        fmt(timing.p95),
        String(timing.rows),
        fmt(timing.p50 / baseline.p50),
        planSummary(plan),
      ]);
    }

    // Duplicate detection, as the API runs it, for new ideas of three kinds (explain-duplicates.ts).
    const ideas = await newIdeas(client, IDEAS);
    const walk = await benchDuplicates(client, ideas, {
      baselineP50: baseline.p50,
      checkBudgetMs: base.duplicates.checkBudgetMs,
      backgroundBudgetMs: base.duplicates.backgroundBudgetMs,
      say,
    });
    rows.push(...walk.rows);
    // The same ideas through the in-memory index, against the walk just measured (explain-duplicate-index.ts).
    rows.push(
      ...(await benchDuplicateIndex(client, ideas, {
        config: base,
        url: db.url,
        walkP50: walk.p50,
        walkSimilarities: walk.similarities,
        say,
      })),
    );

    say(
      `\n${ROWS.toLocaleString('en')} initiatives; ${RUNS} runs each after 5 warm-up runs; baseline p50 ${fmt(baseline.p50)} ms\n`,
    );
    say(table(['query', 'p50 ms', 'p95 ms', 'rows', '× baseline', 'plan'], rows));
  } finally {
    await client.end().catch(() => undefined);
    if (KEEP) say(`kept ${db.url}`);
    else await db.drop();
  }
}

/** Owners, portfolios, the default model, then the initiatives in batches with the secondary indexes dropped and rebuilt. */
async function seed(client: Client): Promise<void> {
  const started = performance.now();
  await client.query(`INSERT INTO users (email, display_name, password_hash, roles)
    SELECT 'owner' || i || '@bench.local', 'Owner ' || i, 'not-a-hash', ARRAY['innovation_lead'] FROM generate_series(1, 1000) i`);
  const [creator] = (await client.query(`SELECT id FROM users LIMIT 1`)).rows as { id: string }[];
  await client.query(
    `INSERT INTO portfolios (name, ambition_targets, horizon_targets, created_by)
     SELECT 'Portfolio ' || lpad(i::text, 2, '0'), '{"core":70,"adjacent":20,"transformational":10}', '{"H1":70,"H2":20,"H3":10}', $1
       FROM generate_series(1, 20) i`,
    [creator?.id],
  );
  await client.query(
    `INSERT INTO process_models (key, version, name, status, definition, activated_at) VALUES ('default', 1, 'Default', 'active', $1, now())`,
    [JSON.stringify(DEFAULT_PROCESS_MODEL)],
  );
  const indexes = (
    await client.query(
      `SELECT indexname, indexdef FROM pg_indexes
        WHERE tablename IN ('initiatives', 'initiative_duplicate_texts') AND indexname NOT LIKE 'pk\\_%'`,
    )
  ).rows as {
    indexname: string;
    indexdef: string;
  }[];
  for (const { indexname } of indexes) await client.query(`DROP INDEX ${indexname}`);
  // The duplicate texts are filled in one statement after the seed, as the migration's backfill does, rather than
  // row by row by the trigger.
  await client.query(`ALTER TABLE initiatives DISABLE TRIGGER trg_initiatives_sync_duplicate_text`);
  for (let from = 1; from <= ROWS; from += BATCH) {
    const to = Math.min(ROWS, from + BATCH - 1);
    await client.query(
      `WITH p AS (SELECT array_agg(id ORDER BY name) AS ids FROM portfolios),
            o AS (SELECT array_agg(id ORDER BY email) AS ids FROM users WHERE email LIKE '%@bench.local'),
            m AS (SELECT id FROM process_models LIMIT 1),
            h AS (SELECT i, abs(hashtext(i || ':a')) AS a, abs(hashtext(i || ':b')) AS b, abs(hashtext(i || ':c')) AS c,
                         abs(hashtext(i || ':d')) AS d FROM generate_series($1::int, $2::int) i),
            s AS (SELECT h.*, a % 100 AS r1, b % 100 AS r2,
                         now() - make_interval(secs => (c % 94608000) + (i % 997) / 997.0) AS created FROM h)
       INSERT INTO initiatives (portfolio_id, process_model_id, title, problem, value_hypothesis, owner_id, horizon, ambition,
                                innovation_type, npv, probability_commercial, probability_technical, commercialization_cost,
                                remaining_development_cost, cost_to_date, stage, status, stage_entered_at, created_at, updated_at)
       SELECT p.ids[CASE WHEN d % 2 = 0 THEN 1 ELSE 2 + (d / 2) % 19 END], m.id,
              initcap(${pick(ADJECTIVES, 'c / 7')}) || ' ' || ${pick(NOUNS, 'd / 11')} || ' ' || ${pick(DOMAINS, 'a / 13')} ||
                CASE WHEN i % 10000 = 0 THEN ' zephyrine' ELSE '' END || ' ' || initcap(translate(substr(md5(i::text), 1, 7), '0123456789', 'aeiouyrstl')),
              ${pick(SUBJECTS, 'a / 17')} || ' ' || ${pick(VERBS, 'b / 19')} || ' ' || ${pick(ADJECTIVES, 'c / 23')} || ' ' ||
                ${pick(NOUNS, 'd / 29')} || 's ' || ${pick(REASONS, 'a / 31')} || '; ' || ${pick(CONNECTORS, 'b / 37')} || ' ' ||
                ${pick(NOUNS, 'c / 41')} || ' ' || ${pick(DOMAINS, 'd / 43')} || ' (' || translate(substr(md5(i::text || 'p'), 1, 9), '0123456789', 'aeiouyrstl') || ').',
              'They will pay for it', o.ids[1 + d % 1000],
              (ARRAY['H1','H2','H3'])[1 + (c / 3) % 3],
              CASE WHEN r2 < 70 THEN 'core' WHEN r2 < 90 THEN 'adjacent' ELSE 'transformational' END,
              (ARRAY['product','service','process','business_model'])[1 + (d / 1000) % 4],
              CASE WHEN i % 10 = 0 THEN NULL ELSE (i % 5000) * 1000 END, 0.5, 0.7, 100000, 50000, 1000,
              CASE WHEN r1 < 55 THEN 'explore' WHEN r1 < 80 THEN 'experiment' WHEN r1 < 92 THEN 'develop' WHEN r1 < 96 THEN 'handover' ELSE 'in_operation' END,
              CASE WHEN r1 >= 96 THEN 'handed_over' WHEN (b / 100) % 10 = 0 THEN 'killed' WHEN (b / 100) % 10 = 1 THEN 'on_hold' ELSE 'active' END,
              created, created, least(now(), created + make_interval(days => (a / 100) % 90))
         FROM s, p, o, m`,
      [from, to],
    );
    say(
      `  seeded ${to.toLocaleString('en')} / ${ROWS.toLocaleString('en')} initiatives (${fmt((performance.now() - started) / 1000)} s)`,
    );
  }
  await client.query(`ALTER TABLE initiatives ENABLE TRIGGER trg_initiatives_sync_duplicate_text`);
  await client.query(`INSERT INTO initiative_duplicate_texts (initiative_id, title_norm, problem_norm)
    SELECT id, duplicate_text_norm(title), duplicate_text_norm(problem) FROM initiatives`);
  await client.query(`SET maintenance_work_mem = '512MB'`);
  for (const { indexname, indexdef } of indexes) {
    const t0 = performance.now();
    await client.query(indexdef);
    say(`  rebuilt ${indexname} (${fmt((performance.now() - t0) / 1000)} s)`);
  }
  await client.query(`VACUUM ANALYZE initiatives`);
  await client.query(`VACUUM ANALYZE initiative_duplicate_texts`);
  const [size] = (
    await client.query(
      `SELECT pg_size_pretty(pg_table_size('initiatives')) AS heap, pg_size_pretty(pg_indexes_size('initiatives')) AS indexes,
              pg_size_pretty(pg_table_size('initiative_duplicate_texts')) AS texts,
              pg_size_pretty(pg_indexes_size('initiative_duplicate_texts')) AS text_indexes`,
    )
  ).rows as { heap: string; indexes: string; texts: string; text_indexes: string }[];
  say(
    `seeded and analyzed in ${fmt((performance.now() - started) / 1000)} s: heap ${size?.heap}, indexes ${size?.indexes}; ` +
      `duplicate texts ${size?.texts}, their indexes ${size?.text_indexes}`,
  );
}

/** The scenario's SQL; for a deep page, the cursor is the row `skip` rows in (found once with OFFSET, outside the timing). */
async function withCursor(client: Client, scenario: Scenario): Promise<{ sql: string; params: unknown[] }> {
  if (scenario.skip === undefined) return buildListingQuery(scenario.request);
  const probe = buildListingQuery({ ...scenario.request, limit: 0 });
  const sql = probe.sql.replace(/LIMIT \$(\d+)$/, (_, n: string) => `OFFSET ${scenario.skip! - 1} LIMIT $${n}`);
  const [row] = (await client.query(sql, probe.params)).rows as { id: string; sortValue: string }[];
  if (row === undefined) throw new Error(`${scenario.name}: fewer than ${scenario.skip} rows`);
  return buildListingQuery({
    ...scenario.request,
    cursor: { sort: scenario.request.sort, direction: scenario.request.direction, value: row.sortValue, id: row.id },
  });
}

async function measure(
  client: Client,
  sql: string,
  params: unknown[],
  runs = RUNS,
): Promise<{ p50: number; p95: number; rows: number }> {
  let rows = 0;
  for (let i = 0; i < Math.min(5, runs); i++) rows = (await client.query(sql, params)).rowCount ?? 0;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await client.query(sql, params);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const at = (q: number): number => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)] ?? NaN;
  return { p50: at(0.5), p95: at(0.95), rows };
}

/**
 * New ideas as people would enter them, a third of each kind: fresh (words of the seed's lists in new combinations,
 * a new code name), one whose title is an existing one reworded, one whose problem is an existing one reworded
 * (with an unrelated title, so only the problem can find it). Deterministic, so runs compare.
 */
async function newIdeas(client: Client, count: number): Promise<NewIdea[]> {
  let state = 12345;
  const random = (): number => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  const one = (words: string[]): string => words[Math.floor(random() * words.length)] ?? '';
  const code = (): string => Array.from({ length: 7 }, () => 'aeiouyrstlbcdfk'[Math.floor(random() * 15)]).join('');
  const freshTitle = (): string =>
    `${one(ADJECTIVES).replace(/^./, (c) => c.toUpperCase())} ${one(NOUNS)} ${one(DOMAINS)} ${code()}`;
  const freshProblem = (): string =>
    `${one(SUBJECTS)} ${one(VERBS)} ${one(ADJECTIVES)} ${one(NOUNS)}s ${one(REASONS)}; ${one(CONNECTORS)} ${one(NOUNS)} ${one(DOMAINS)} (${code()}).`;
  const third = Math.ceil(count / 3);
  const existing = (
    await client.query(
      `SELECT title, problem FROM initiatives WHERE id IN (SELECT id FROM initiatives TABLESAMPLE SYSTEM (1) REPEATABLE (7) LIMIT $1)`,
      [2 * third],
    )
  ).rows as { title: string; problem: string }[];
  const ideas: NewIdea[] = [];
  for (let i = 0; i < count; i++) {
    const kind = (['fresh', 'similar title', 'similar problem'] as const)[i % 3]!;
    const source = existing[i % existing.length];
    if (kind === 'fresh' || source === undefined)
      ideas.push({ kind: 'fresh', title: freshTitle(), problem: freshProblem() });
    else if (kind === 'similar title')
      ideas.push({ kind, title: `${source.title.replace(/ \S+$/, '')} ${code()} pilot`, problem: freshProblem() });
    else
      ideas.push({
        kind,
        title: `Ticketing ${code()} for volunteers`,
        problem: source.problem.replace(/\(\w+\)\.$/, `(${code()}), again.`).replace(/^\S+/, one(SUBJECTS)),
      });
  }
  return ideas;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
