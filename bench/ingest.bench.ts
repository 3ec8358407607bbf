/**
 * `npm run bench:ingest [-- --batches 5 --size 10000 --initiatives 20 --poll-ms 100 --no-kills]`
 *
 * Learnings ingested per second END TO END through the real app: API and worker in this process (as `npm start`
 * runs them, on a throwaway PostgreSQL database and the local Redis), one innovation lead owning `initiatives`
 * initiatives. Each batch of `size` learning entries is sent as NDJSON to POST /api/ingest/batches; the clock runs
 * from sending the request until GET /api/ingest/batches/:id (polled every `poll-ms`) answers `completed`.
 * One entry in 20 has decision 'kill' (`--no-kills`: none), one in four 'pivot'; a third
 * carry an evidence URL.
 *
 * The time is split into:
 *   accept      POST → 202 (upload, NDJSON parse, one transaction: batch row + raw entries + audit + outbox)
 *   hand-off    202 → the ingest job starts (the outbox relay's poll adds the job the batch recorded to its queue)
 *   processing  the ingest job, start → finish (BullMQ's own timestamps): chunks of 1,000, each one transaction
 *   seen        job finished → the poller saw `completed`
 * and, for the whole run, where the database time went, statement by statement (pg's Client.query is wrapped in
 * this process: no app code changes), with this process's CPU and the CPU of the database's backends.
 *
 * Baseline, in the same run after each batch: the same rows (new idempotency keys) into `learnings` through bare
 * `pg`, (a) as one INSERT … SELECT FROM jsonb_to_recordset($1) and (b) as multi-row INSERT … VALUES statements of
 * 1,000 rows in one transaction. pg-copy-streams is not installed, so there is no COPY baseline.
 */
import 'reflect-metadata';
import { checkEntry, INGEST_QUEUE, parseNdjson } from '@ambidex/experiments';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { ApiModule } from '../apps/api/src/api.module';
import { WorkerModule } from '../apps/worker/src/worker.module';
import { listenOnLoopback, seedModelAndPortfolio, signedInUser, startAmbidex } from './lib/bench-app';
import { BenchEnvironment, benchEnvironment, numberArg, table } from './lib/bench-env';

const BATCHES = Math.round(numberArg('batches', 5));
const SIZE = Math.round(numberArg('size', 10_000));
const INITIATIVES = Math.round(numberArg('initiatives', 20));
const POLL_MS = numberArg('poll-ms', 100);
const TIMEOUT_MS = numberArg('timeout-seconds', 600) * 1000;
const VALUES_CHUNK = 1000;
/** One entry in KILL_EVERY decides 'kill'; `--no-kills` for none. */
const KILL_EVERY = process.argv.includes('--no-kills') ? 0 : 20;

const say = (line = ''): void => console.log(line);
const fmt = (n: number, digits = 0): string =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/* ------------------------------------------------------------------ */
/* statement profile: pg's Client.query, wrapped in this process        */
/* ------------------------------------------------------------------ */

interface StatementStats {
  calls: number;
  ms: number;
  rows: number;
}
const statements = new Map<string, StatementStats>();
/** The same, per measured batch (index = batch), to show which statements grow as the table grows. */
const perBatch: Map<string, StatementStats>[] = [];
let currentBatch: Map<string, StatementStats> | undefined;
const UNPROFILED = Symbol('unprofiled');
let profiling = false;

/** A statement's label: its text with whitespace collapsed, cut after 90 characters. */
function labelOf(text: string): string {
  return text.replace(/\s+/g, ' ').trim().slice(0, 90);
}

function installProfile(): void {
  const proto = Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  proto.query = function profiledQuery(this: Client & { [UNPROFILED]?: boolean }, ...args: unknown[]): unknown {
    const first = args[0];
    const text =
      typeof first === 'string'
        ? first
        : typeof (first as { text?: unknown })?.text === 'string'
          ? (first as { text: string }).text
          : null;
    const result = original.apply(this, args);
    if (!profiling || this[UNPROFILED] === true || text === null || !(result instanceof Promise)) return result;
    const started = performance.now();
    const record = (rows: number): void => {
      const label = labelOf(text);
      const ms = performance.now() - started;
      for (const map of currentBatch === undefined ? [statements] : [statements, currentBatch]) {
        const stats = map.get(label) ?? { calls: 0, ms: 0, rows: 0 };
        stats.calls += 1;
        stats.ms += ms;
        stats.rows += rows;
        map.set(label, stats);
      }
    };
    return result.then(
      (r: { rowCount?: number | null }) => {
        record(r?.rowCount ?? 0);
        return r;
      },
      (error: unknown) => {
        record(0);
        throw error;
      },
    );
  };
}

/* ------------------------------------------------------------------ */
/* CPU of this process and of the bench database's backends           */
/* ------------------------------------------------------------------ */

const TICK_MS = 10; // USER_HZ = 100 on Linux

function backendTicks(pids: number[]): Map<number, number> {
  const ticks = new Map<number, number>();
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks.set(pid, Number(fields[11]) + Number(fields[12])); // utime + stime
    } catch {
      // the backend exited, or /proc is not readable: not counted
    }
  }
  return ticks;
}

async function backendPids(client: Client): Promise<number[]> {
  const rows = (
    await client.query(
      `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
    )
  ).rows as { pid: number }[];
  return rows.map((r) => r.pid);
}

class CpuMeter {
  private node = process.cpuUsage();
  private pg = new Map<number, number>();
  private constructor(private readonly probe: Client) {}

  static async start(probe: Client): Promise<CpuMeter> {
    const meter = new CpuMeter(probe);
    meter.pg = backendTicks(await backendPids(probe));
    meter.node = process.cpuUsage();
    return meter;
  }

  /** CPU seconds of this process and of the database's backends (those alive at the end) since start. */
  async stop(): Promise<{ nodeS: number; pgS: number }> {
    const node = process.cpuUsage(this.node);
    const end = backendTicks(await backendPids(this.probe));
    let ticks = 0;
    for (const [pid, t] of end) ticks += t - (this.pg.get(pid) ?? 0);
    return { nodeS: (node.user + node.system) / 1e6, pgS: (ticks * TICK_MS) / 1000 };
  }
}

/* ------------------------------------------------------------------ */
/* data                                                               */
/* ------------------------------------------------------------------ */

const SUBJECTS = [
  'Clinic managers',
  'Pilot customers',
  'Night-shift nurses',
  'Fleet operators',
  'Warehouse leads',
  'Small bakeries',
  'Field engineers',
  'Procurement teams',
  'Pharmacists',
  'Trial users',
];
const VERBS = [
  'abandoned',
  'asked for',
  'ignored',
  'paid for',
  'praised',
  'complained about',
  'compared',
  'shared',
  'returned',
  'configured',
];
const OBJECTS = [
  'the onboarding checklist',
  'the monthly invoice',
  'the pricing page',
  'the kiosk',
  'the mobile app',
  'the self check-in',
  'the refill reminder',
  'the route planner',
  'the usage dashboard',
  'the starter kit',
];
const CONTEXTS = [
  'within the first week',
  'after the second visit',
  'during the pilot in two clinics',
  'when the price was shown',
  'once support called them',
  'in the A/B test',
  'at the trade fair',
  'before the renewal date',
];
const BELIEFS = [
  'Onboarding is the bottleneck, not the price',
  'Buyers want monthly invoices, so B2B first',
  'The kiosk works only with staff nearby',
  'Willingness to pay is below our cost to serve',
  'Reminders drive retention more than features',
  'Route planning saves less time than promised',
  'The dashboard is read weekly, not daily',
  'A starter kit shortens time to value',
];

/** One learning entry, deterministic in (batch, i). */
function learning(key: string, initiativeId: string, i: number): Record<string, unknown> {
  const pick = <T>(list: T[], salt: number): T => list[(i * salt + (i >> 3)) % list.length] as T;
  const decision = KILL_EVERY > 0 && i % KILL_EVERY === 7 ? 'kill' : i % 4 === 1 ? 'pivot' : 'persevere';
  return {
    type: 'learning',
    idempotencyKey: key,
    initiativeId,
    observed: `${pick(SUBJECTS, 7)} ${pick(VERBS, 13)} ${pick(OBJECTS, 17)} ${pick(CONTEXTS, 19)}: ${(i * 37) % 100}% of ${20 + ((i * 11) % 400)} respondents (sample ${i}).`,
    belief: `${pick(BELIEFS, 23)}; next we test it with ${pick(SUBJECTS, 29).toLowerCase()}.`,
    decision,
    confidence: (['low', 'medium', 'high'] as const)[i % 3],
    ...(i % 3 === 0
      ? { evidence: [{ kind: 'url', url: `https://wiki.example.test/experiments/${i}`, title: 'Interview notes' }] }
      : {}),
  };
}

/* ------------------------------------------------------------------ */
/* setup                                                              */
/* ------------------------------------------------------------------ */

interface Fixture {
  app: NestFastifyApplication;
  url: string;
  token: string;
  userId: string;
  initiativeIds: string[];
}

async function startApp(env: BenchEnvironment, sql: Client): Promise<Fixture> {
  const app = await startAmbidex(env, [ApiModule, WorkerModule]);
  const url = await listenOnLoopback(app);
  const lead = await signedInUser(app, 'bench.lead@example.test', 'Bench Lead', 'innovation_lead');
  const { model, portfolio } = await seedModelAndPortfolio(sql, lead.id, 'Bench portfolio');
  const initiatives = (
    await sql.query(
      `INSERT INTO initiatives (portfolio_id, process_model_id, title, problem, value_hypothesis, owner_id, horizon, ambition, innovation_type, stage, status)
       SELECT $1, $4, 'Bench initiative ' || i, 'A problem worth solving', 'Customers will pay for it', $2,
              'H2', 'adjacent', 'product', 'experiment', 'active'
         FROM generate_series(1, $3::int) i
       RETURNING id`,
      [portfolio, lead.id, INITIATIVES, model],
    )
  ).rows as { id: string }[];
  return { app, url, token: lead.accessToken, userId: lead.id, initiativeIds: initiatives.map((r) => r.id) };
}

/* ------------------------------------------------------------------ */
/* one batch through the app                                          */
/* ------------------------------------------------------------------ */

interface BatchRun {
  batchId: string;
  totalMs: number;
  acceptMs: number;
  handoffMs: number;
  processingMs: number;
  seenMs: number;
  polls: number;
  nodeS: number;
  pgS: number;
  bytes: number;
}

interface BatchStatus {
  status: string;
  total: number;
  stored: number;
  duplicates: number;
  failed: number;
  problems: unknown[];
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function runBatch(fx: Fixture, sql: Client, queue: Queue, body: string, expected: number): Promise<BatchRun> {
  const meter = await CpuMeter.start(sql);
  profiling = true;
  const t0 = performance.now();
  const wall0 = Date.now();
  const response = await fetch(`${fx.url}/api/ingest/batches`, {
    method: 'POST',
    headers: { authorization: `Bearer ${fx.token}`, 'content-type': 'application/x-ndjson' },
    body,
  });
  const accepted = (await response.json()) as { id?: string };
  const acceptMs = performance.now() - t0;
  if (response.status !== 202 || accepted.id === undefined)
    throw new Error(`POST /api/ingest/batches answered ${response.status}: ${JSON.stringify(accepted)}`);
  const batchId = accepted.id;
  const wall202 = wall0 + acceptMs;

  let polls = 0;
  let status: BatchStatus;
  for (;;) {
    const poll = await fetch(`${fx.url}/api/ingest/batches/${batchId}`, {
      headers: { authorization: `Bearer ${fx.token}` },
    });
    polls += 1;
    status = (await poll.json()) as BatchStatus;
    if (poll.status !== 200) throw new Error(`GET batch answered ${poll.status}: ${JSON.stringify(status)}`);
    if (status.status === 'completed') break;
    if (performance.now() - t0 > TIMEOUT_MS)
      throw new Error(`batch ${batchId} not completed after ${TIMEOUT_MS / 1000} s: ${JSON.stringify(status)}`);
    await sleep(POLL_MS);
  }
  const totalMs = performance.now() - t0;
  const wallDone = wall0 + totalMs;
  profiling = false;
  const cpu = await meter.stop();

  if (status.stored !== expected || status.failed !== 0 || status.duplicates !== 0) {
    throw new Error(
      `batch ${batchId}: expected ${expected} stored, got ${JSON.stringify({ ...status, problems: status.problems.slice(0, 3) })}`,
    );
  }
  const [{ n }] = (await sql.query(`SELECT count(*)::int AS n FROM learnings WHERE batch_id = $1`, [batchId])).rows as [
    { n: number },
  ];
  if (n !== expected) throw new Error(`batch ${batchId}: ${n} learnings in the table, expected ${expected}`);

  const job = await queue.getJob(`ingest-${batchId}`);
  if (job?.processedOn === undefined || job.finishedOn === undefined)
    throw new Error(`ingest job of ${batchId} has no timestamps`);
  return {
    batchId,
    totalMs,
    acceptMs,
    handoffMs: job.processedOn - wall202,
    processingMs: job.finishedOn - job.processedOn,
    seenMs: wallDone - job.finishedOn,
    polls,
    nodeS: cpu.nodeS,
    pgS: cpu.pgS,
    bytes: Buffer.byteLength(body),
  };
}

/** Waits until every outbox event is processed, so batches do not overlap. */
async function drainOutbox(sql: Client): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const [{ n }] = (await sql.query(`SELECT count(*)::int AS n FROM outbox_events WHERE processed_at IS NULL`))
      .rows as [{ n: number }];
    if (n === 0) return;
    if (Date.now() > deadline) throw new Error(`${n} outbox events still unprocessed after 120 s`);
    await sleep(100);
  }
}

/* ------------------------------------------------------------------ */
/* baselines through bare pg                                          */
/* ------------------------------------------------------------------ */

const COLUMNS = [
  'initiative_id',
  'experiment_id',
  'observed',
  'belief',
  'decision',
  'confidence',
  'evidence',
  'supersedes_id',
  'idempotency_key',
  'recorded_by',
  'batch_id',
];

interface Row {
  initiative_id: string;
  experiment_id: null;
  observed: string;
  belief: string;
  decision: string;
  confidence: string;
  evidence: unknown[];
  supersedes_id: null;
  idempotency_key: string;
}

function rowsOf(entries: Record<string, unknown>[], keyPrefix: string): Row[] {
  return entries.map((e, i) => ({
    initiative_id: e.initiativeId as string,
    experiment_id: null,
    observed: e.observed as string,
    belief: e.belief as string,
    decision: e.decision as string,
    confidence: e.confidence as string,
    evidence: (e.evidence as unknown[] | undefined) ?? [],
    supersedes_id: null,
    idempotency_key: `${keyPrefix}-${i}`,
  }));
}

/** (a) one INSERT … SELECT FROM jsonb_to_recordset, autocommit. */
async function baselineRecordset(sql: Client, rows: Row[], userId: string): Promise<number> {
  const t0 = performance.now();
  const result = await sql.query(
    `INSERT INTO learnings (initiative_id, experiment_id, observed, belief, decision, confidence, evidence, supersedes_id, idempotency_key, recorded_by)
     SELECT x.initiative_id, x.experiment_id, x.observed, x.belief, x.decision, x.confidence, x.evidence, x.supersedes_id, x.idempotency_key, $2
       FROM jsonb_to_recordset($1::jsonb) AS x(initiative_id uuid, experiment_id uuid, observed text, belief text, decision text,
                                                confidence text, evidence jsonb, supersedes_id uuid, idempotency_key text)`,
    [JSON.stringify(rows), userId],
  );
  const ms = performance.now() - t0;
  if (result.rowCount !== rows.length) throw new Error(`baseline (a) inserted ${result.rowCount} rows`);
  return ms;
}

/** (b) multi-row INSERT … VALUES of VALUES_CHUNK rows each, one transaction. */
async function baselineValues(sql: Client, rows: Row[], userId: string): Promise<number> {
  const t0 = performance.now();
  await sql.query('BEGIN');
  try {
    let inserted = 0;
    for (let from = 0; from < rows.length; from += VALUES_CHUNK) {
      const chunk = rows.slice(from, from + VALUES_CHUNK);
      const params: unknown[] = [];
      const tuples = chunk.map((r) => {
        const values = [
          r.initiative_id,
          r.experiment_id,
          r.observed,
          r.belief,
          r.decision,
          r.confidence,
          JSON.stringify(r.evidence),
          r.supersedes_id,
          r.idempotency_key,
          userId,
          null,
        ];
        const base = params.length;
        params.push(...values);
        return `(${values.map((_, k) => `$${base + k + 1}`).join(', ')})`;
      });
      const result = await sql.query(
        `INSERT INTO learnings (${COLUMNS.join(', ')}) VALUES ${tuples.join(', ')}`,
        params,
      );
      inserted += result.rowCount ?? 0;
    }
    await sql.query('COMMIT');
    if (inserted !== rows.length) throw new Error(`baseline (b) inserted ${inserted} rows`);
  } catch (error) {
    await sql.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
  return performance.now() - t0;
}

/* ------------------------------------------------------------------ */
/* main                                                               */
/* ------------------------------------------------------------------ */

async function main(): Promise<void> {
  const started = performance.now();
  installProfile();
  const env = await benchEnvironment('bench_ingest');
  const sql = new Client({ connectionString: env.databaseUrl }) as Client & { [UNPROFILED]?: boolean };
  sql[UNPROFILED] = true;
  const redis = new Redis(env.redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue(INGEST_QUEUE, { connection: redis, prefix: env.config.queues.prefix });
  let app: NestFastifyApplication | undefined;
  const stop = (): void => void env.drop().finally(() => process.exit(130));
  process.once('SIGINT', stop);
  try {
    await sql.connect();
    const fx = await startApp(env, sql);
    app = fx.app;
    say(`throwaway database ${new URL(env.databaseUrl).pathname.slice(1)}; API + worker in this process at ${fx.url}`);
    say(
      `${BATCHES} batches of ${fmt(SIZE)} learning entries (NDJSON) over ${INITIATIVES} initiatives; pool ${env.config.database.poolSize}, ` +
        `relay every ${env.config.queues.relayIntervalMs} ms, status polled every ${POLL_MS} ms, ${KILL_EVERY > 0 ? `1 entry in ${KILL_EVERY} a 'kill' learning` : "no 'kill' learnings"}`,
    );

    // Warm-up: a small batch through the whole path (JIT, pool connections, queues), not measured.
    const warm = Array.from({ length: 200 }, (_, i) =>
      learning(`warm-${i}`, fx.initiativeIds[i % INITIATIVES] ?? '', i),
    );
    await runBatch(fx, sql, queue, warm.map((e) => JSON.stringify(e)).join('\n'), warm.length);
    await drainOutbox(sql);
    statements.clear();

    const runs: (BatchRun & { baselineA: number; baselineB: number })[] = [];
    let probe = { parseMs: 0, checkMs: 0 };
    for (let b = 0; b < BATCHES; b++) {
      const entries = Array.from({ length: SIZE }, (_, i) =>
        learning(`b${b}-${i}`, fx.initiativeIds[i % INITIATIVES] ?? '', b * SIZE + i),
      );
      const body = entries.map((e) => JSON.stringify(e)).join('\n');
      currentBatch = new Map();
      perBatch.push(currentBatch);
      const run = await runBatch(fx, sql, queue, body, SIZE);
      currentBatch = undefined;
      await drainOutbox(sql);
      const baselineA = await baselineRecordset(sql, rowsOf(entries, `base-a-${b}`), fx.userId);
      const baselineB = await baselineValues(sql, rowsOf(entries, `base-b-${b}`), fx.userId);
      runs.push({ ...run, baselineA, baselineB });
      say(
        `  batch ${b + 1}/${BATCHES}: ${fmt(SIZE / (run.totalMs / 1000))} entries/s end to end (${fmt(run.totalMs)} ms: accept ${fmt(run.acceptMs)}, ` +
          `hand-off ${fmt(run.handoffMs)}, processing ${fmt(run.processingMs)}, seen ${fmt(run.seenMs)}); baseline ${fmt(SIZE / (baselineA / 1000))} / ${fmt(SIZE / (baselineB / 1000))} rows/s`,
      );
      if (b === 0) {
        // What the JavaScript side of the path costs for these entries, measured apart (no database).
        const t0 = performance.now();
        const parsed = parseNdjson(body);
        const t1 = performance.now();
        parsed.forEach((raw, i) => checkEntry(raw, i));
        probe = { parseMs: t1 - t0, checkMs: performance.now() - t1 };
      }
    }

    const mean = (f: (r: (typeof runs)[number]) => number): number => runs.reduce((s, r) => s + f(r), 0) / runs.length;
    const rate = (ms: number): number => SIZE / (ms / 1000);
    say();
    say(
      table(
        [
          'batch',
          'entries/s e2e',
          'total ms',
          'accept ms',
          'hand-off ms',
          'processing ms',
          'seen ms',
          'polls',
          'node CPU s',
          'pg CPU s',
          'base (a) rows/s',
          'base (b) rows/s',
        ],
        [
          ...runs.map((r, i) => [
            String(i + 1),
            fmt(rate(r.totalMs)),
            fmt(r.totalMs),
            fmt(r.acceptMs),
            fmt(r.handoffMs),
            fmt(r.processingMs),
            fmt(r.seenMs),
            String(r.polls),
            fmt(r.nodeS, 2),
            fmt(r.pgS, 2),
            fmt(rate(r.baselineA)),
            fmt(rate(r.baselineB)),
          ]),
          [
            'mean',
            fmt(SIZE / (mean((r) => r.totalMs) / 1000)),
            fmt(mean((r) => r.totalMs)),
            fmt(mean((r) => r.acceptMs)),
            fmt(mean((r) => r.handoffMs)),
            fmt(mean((r) => r.processingMs)),
            fmt(mean((r) => r.seenMs)),
            fmt(
              mean((r) => r.polls),
              1,
            ),
            fmt(
              mean((r) => r.nodeS),
              2,
            ),
            fmt(
              mean((r) => r.pgS),
              2,
            ),
            fmt(SIZE / (mean((r) => r.baselineA) / 1000)),
            fmt(SIZE / (mean((r) => r.baselineB) / 1000)),
          ],
        ],
      ),
    );
    const e2e = SIZE / (mean((r) => r.totalMs) / 1000);
    const baseA = SIZE / (mean((r) => r.baselineA) / 1000);
    const baseB = SIZE / (mean((r) => r.baselineB) / 1000);
    const best = Math.max(baseA, baseB);
    const total = mean((r) => r.totalMs);
    say();
    say(
      `end to end (mean of ${BATCHES}): ${fmt(e2e)} learnings/s; bare INSERT: (a) jsonb_to_recordset ${fmt(baseA)} rows/s, (b) VALUES × ${VALUES_CHUNK} ${fmt(baseB)} rows/s`,
    );
    say(
      `ratio app / bare INSERT: ${fmt(e2e / best, 3)} of the faster baseline (${fmt(e2e / baseA, 3)} of (a), ${fmt(e2e / baseB, 3)} of (b))`,
    );
    say(
      `split of the end-to-end time: accept ${fmt((100 * mean((r) => r.acceptMs)) / total, 1)} %, hand-off ${fmt((100 * mean((r) => r.handoffMs)) / total, 1)} %, ` +
        `processing ${fmt((100 * mean((r) => r.processingMs)) / total, 1)} %, seen ${fmt((100 * mean((r) => r.seenMs)) / total, 1)} %`,
    );
    say(
      `HTTP accept alone: ${fmt(rate(mean((r) => r.acceptMs)))} entries/s (mean ${fmt(mean((r) => r.acceptMs))} ms for ${fmt(mean((r) => r.bytes) / 1e6, 2)} MB of NDJSON); ` +
        `worker processing alone: ${fmt(rate(mean((r) => r.processingMs)))} entries/s`,
    );
    say(
      `JS only, per batch (measured apart): parseNdjson ${fmt(probe.parseMs)} ms, checkEntry × ${fmt(SIZE)} ${fmt(probe.checkMs)} ms`,
    );

    const profiled = [...statements.entries()].sort((a, b) => b[1].ms - a[1].ms);
    const dbMs = profiled.reduce((s, [, v]) => s + v.ms, 0);
    say();
    say(
      `database statements issued by the app during the ${BATCHES} measured batches (wall time per call incl. round trip; all ${BATCHES} batches summed; ` +
        `statement total ${fmt(dbMs)} ms vs ${fmt(runs.reduce((s, r) => s + r.totalMs, 0))} ms end to end):`,
    );
    say(
      table(
        ['statement', 'calls', 'total ms', 'ms/call', 'rows', '% of stmt time'],
        profiled
          .slice(0, 18)
          .map(([label, v]) => [
            label,
            String(v.calls),
            fmt(v.ms),
            fmt(v.ms / v.calls, 2),
            fmt(v.rows),
            fmt((100 * v.ms) / dbMs, 1),
          ]),
      ),
    );
    say();
    say(
      'ms per call of the heaviest statements, batch by batch (learnings grows by the batch and both baselines each time):',
    );
    const top = profiled.slice(0, 8).map(([label]) => label);
    say(
      table(
        ['statement', ...perBatch.map((_, i) => `b${i + 1}`)],
        top.map((label) => [
          label.slice(0, 70),
          ...perBatch.map((m) => {
            const v = m.get(label);
            return v === undefined ? '-' : fmt(v.ms / v.calls, 1);
          }),
        ]),
      ),
    );
    const [{ n: learningsAtEnd }] = (await sql.query(`SELECT count(*)::int AS n FROM learnings`)).rows as [
      { n: number },
    ];
    say(
      `learnings in the table at the end: ${fmt(learningsAtEnd)} (${fmt(learningsAtEnd / INITIATIVES)} per initiative)`,
    );
    say();
    say(`bench:ingest done in ${fmt((performance.now() - started) / 1000, 1)} s`);
  } finally {
    await app?.close().catch((e: unknown) => console.error('closing Ambidex:', e));
    await queue.close().catch(() => undefined);
    redis.disconnect();
    await sql.end().catch(() => undefined);
    await env.drop().catch((e: unknown) => console.error('dropping the bench database:', e));
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error('bench:ingest FAILED:', error);
    process.exit(1);
  },
);
