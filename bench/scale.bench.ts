/**
 * `npm run bench:scale [-- --decisions 4000 --warmup 400 --reads-per-decision 1 --concurrency 32 --races 200 --processes 1,2]`
 *
 * Horizontal scale: N API processes and N worker processes (real `node` processes, each API on its own port) on one
 * PostgreSQL database and one Redis prefix, for N = 1 and then N = 2 in the same run, under the same mixed load:
 * gate decisions through the API (POST /api/reviews/:id/decision, as in bench:decisions) interleaved with
 * authenticated reads (GET /api/auth/me, which checks the session), spread over the API ports by the load generator
 * (no load balancer). Each phase decides reviews of its own portfolio, seeded alike, after a discarded warm-up.
 * Printed per N: requests/s, decisions/s, p50/p99 of each kind, the CPU the API and worker processes and this
 * database's PostgreSQL backends used, and the whole machine's busy CPU meanwhile (other work on the machine counts
 * there); then the N=2 / N=1 ratios (N=1 is the baseline). On a machine of few cores the ratio is bounded by the
 * cores PostgreSQL, Redis and the load generator take from the same CPUs.
 *
 * The workers are part of the load: every decision's two outbox rows are relayed and delivered, and the stage change
 * fans out to a webhook subscribed to the phase's portfolio, received by this process. After each phase's load, the
 * bench waits for the workers to drain it, then checks that no decision was doubled (one decision event, two audit
 * entries, two outbox rows per review), that a decision sent to both APIs at once is taken by exactly one, and that
 * every job ran once: each outbox row published once and processed, none dead, each webhook received exactly once.
 * At the end the audit chains are verified. Runs on a throwaway database, dropped at the end.
 */
import 'reflect-metadata';
import { createLogger, PinoNestLogger, verifyAuditTrail } from '@ambidex/platform';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DataSource } from 'typeorm';
import { runMigrations } from '../apps/shared/src/migrations';
import { RootModule } from '../apps/shared/src/root.module';
import { chairAndOwner, checkDecided, seedAwaitingDecision } from './lib/awaiting-decisions';
import { seedModelAndPortfolio } from './lib/bench-app';
import { benchEnvironment, listArg, numberArg, table } from './lib/bench-env';
import { answerParent, askChild } from './lib/child-answer';
import { seedPortfolios } from './lib/bench-seed';
import { sleep, startChild, stopChild } from './lib/child-process';

// ---------------------------------------------------------------------------------------------------------------
// The load generator (a child process): decisions and reads, each kind round-robin over the API ports

type Kind = 'decision' | 'read';

interface ClientJob {
  ports: number[];
  token: string;
  reviewIds: string[];
  readsPerDecision: number;
  concurrency: number;
}

interface KindResult {
  count: number;
  latenciesMs: number[];
}

interface ClientResult {
  elapsedMs: number;
  /** CPU seconds the load generator itself used. */
  cpuSeconds: number;
  decision: KindResult;
  read: KindResult;
  failures: string[];
}

const DECISION_BODY = JSON.stringify({ decision: 'recycle' });

function requester(ports: number[], token: string, concurrency: number) {
  const agents = ports.map(() => new http.Agent({ keepAlive: true, maxSockets: concurrency }));
  const send = (portIndex: number, method: 'GET' | 'POST', path: string, body?: string) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const request = http.request(
        {
          host: '127.0.0.1',
          port: ports[portIndex],
          path,
          method,
          agent: agents[portIndex],
          headers: {
            authorization: `Bearer ${token}`,
            ...(body === undefined
              ? {}
              : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }),
          },
        },
        (response) => {
          let text = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => (text += chunk));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
        },
      );
      request.on('error', reject);
      request.end(body);
    });
  return {
    decide: (portIndex: number, reviewId: string) =>
      send(portIndex, 'POST', `/api/reviews/${reviewId}/decision`, DECISION_BODY),
    read: (portIndex: number) => send(portIndex, 'GET', '/api/auth/me'),
    close: () => agents.forEach((a) => a.destroy()),
  };
}

/** The work list: each decision followed by `readsPerDecision` reads; `concurrency` loops take the next item. */
async function runClient(job: ClientJob): Promise<ClientResult> {
  const http = requester(job.ports, job.token, job.concurrency);
  const work: { kind: Kind; reviewId?: string }[] = [];
  for (const reviewId of job.reviewIds) {
    work.push({ kind: 'decision', reviewId });
    for (let r = 0; r < job.readsPerDecision; r++) work.push({ kind: 'read' });
  }
  const result: ClientResult = {
    elapsedMs: 0,
    cpuSeconds: 0,
    decision: { count: 0, latenciesMs: [] },
    read: { count: 0, latenciesMs: [] },
    failures: [],
  };
  const sent = { decision: 0, read: 0 };
  let next = 0;
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  await Promise.all(
    Array.from({ length: job.concurrency }, async () => {
      while (next < work.length) {
        const item = work[next++];
        if (item === undefined) break;
        // Each kind goes round the ports on its own, so both kinds are spread evenly whatever the mix.
        const port = sent[item.kind]++ % job.ports.length;
        const t0 = performance.now();
        try {
          const answer =
            item.kind === 'decision' ? await http.decide(port, item.reviewId ?? '') : await http.read(port);
          if (answer.status !== 200) throw new Error(`${answer.status} ${answer.body.slice(0, 200)}`);
          result[item.kind].latenciesMs.push(performance.now() - t0);
          result[item.kind].count++;
        } catch (error) {
          result.failures.push(`${item.kind} ${item.reviewId ?? ''}: ${(error as Error).message}`);
        }
      }
    }),
  );
  result.elapsedMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  result.cpuSeconds = (cpu.user + cpu.system) / 1e6;
  http.close();
  return result;
}

/** The same review decided through every port at once: the statuses each answered, per review. */
async function runRaces(job: ClientJob): Promise<number[][]> {
  const http = requester(job.ports, job.token, job.concurrency);
  const statuses: number[][] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.max(1, Math.floor(job.concurrency / job.ports.length)) }, async () => {
      while (next < job.reviewIds.length) {
        const reviewId = job.reviewIds[next++] ?? '';
        const answers = await Promise.all(
          job.ports.map((_, port) => http.decide(port, reviewId).catch(() => ({ status: 0, body: '' }))),
        );
        statuses.push(answers.map((a) => a.status));
      }
    }),
  );
  http.close();
  return statuses;
}

function inChild<T>(mode: string, job: ClientJob): Promise<T> {
  return askChild<T>(__filename, mode, job, 'scale client');
}

// ---------------------------------------------------------------------------------------------------------------
// CPU accounting from /proc

const CLOCK_TICKS_PER_SECOND = 100;

/** utime + stime of a process, in seconds. */
function processCpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return NaN;
  }
}

/**
 * CPU seconds the whole machine was busy (every process: other work on it counts too), from the first eight fields
 * of /proc/stat's cpu line (guest time is already inside user time).
 */
function machineBusySeconds(): number {
  const [cpu] = readFileSync('/proc/stat', 'utf8').split('\n');
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = (cpu ?? '')
    .trim()
    .split(/\s+/)
    .slice(1, 9)
    .map(Number);
  return (user + nice + system + irq + softirq + steal) / CLOCK_TICKS_PER_SECOND;
}

// ---------------------------------------------------------------------------------------------------------------
// A webhook receiver: counts deliveries per outbox event

function webhookReceiver(): Promise<{ url: string; received: Map<string, number>; close(): Promise<void> }> {
  const received = new Map<string, number>();
  const server = http.createServer((request, response) => {
    const eventId = String(request.headers['x-ambidex-event-id'] ?? '');
    request.resume();
    request.on('end', () => {
      received.set(eventId, (received.get(eventId) ?? 0) + 1);
      response.writeHead(204).end();
    });
  });
  server.keepAliveTimeout = 60_000;
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}/hook`,
        received,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    }),
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Set-up, phases, checks

const decisionsPerPhase = Math.round(numberArg('decisions', 4000));
const warmupPerPhase = Math.round(numberArg('warmup', 400));
const readsPerDecision = Math.round(numberArg('reads-per-decision', 1));
const concurrency = Math.round(numberArg('concurrency', 32));
const racesPerPhase = Math.round(numberArg('races', 200));
const scales = listArg('processes', [1, 2]);

const fmt = (n: number, digits = 0): string =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

function percentile(values: number[], q: number): number {
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
}

interface Phase {
  n: number;
  load: ClientResult;
  apiCpu: number;
  workerCpu: number;
  /** This database's PostgreSQL backends. */
  postgresCpu: number;
  machineBusyCores: number;
  drainSeconds: number;
  problems: string[];
}

interface Shared {
  env: Awaited<ReturnType<typeof benchEnvironment>>;
  ds: DataSource;
  token: string;
  ids: { model: string; owner: string; chair: string };
  hook: Awaited<ReturnType<typeof webhookReceiver>>;
  dataDir: string;
}

async function startProcesses(
  shared: Shared,
  n: number,
): Promise<{ apis: ChildProcess[]; ports: number[]; workers: ChildProcess[] }> {
  const { env } = shared;
  const common = {
    NODE_ENV: 'production',
    MALLOC_ARENA_MAX: '2',
    LOG_LEVEL: 'warn',
    DATABASE_URL: env.databaseUrl,
    REDIS_URL: env.redisUrl,
    QUEUE_PREFIX: env.config.queues.prefix,
    AUTH_TOKEN_SECRET: env.config.auth.tokenSecret,
    AUTH_ACCESS_TOKEN_TTL_SECONDS: '86400',
    SEED_DEMO_DATA: 'false',
    AMBIDEX_DATA_DIR: shared.dataDir,
  };
  const apis: ChildProcess[] = [];
  const ports: number[] = [];
  const workers: ChildProcess[] = [];
  // The same connections in all at every N: the load's concurrency shared by the API processes.
  const apiPool = String(Math.ceil(concurrency / n) + 2);
  for (let i = 0; i < n; i++) {
    const api = await startChild('apps/api/src/main.ts', { ...common, DATABASE_POOL_SIZE: apiPool });
    apis.push(api.child);
    ports.push(Number(new URL(api.url).port));
    const worker = await startChild('apps/worker/src/main.ts', common, '/metrics', 'WORKER_METRICS_PORT');
    workers.push(worker.child);
  }
  return { apis, ports, workers };
}

/** Waits until every outbox row of the portfolio's decisions is processed and its webhook arrived, or 5 minutes. */
async function drain(shared: Shared, reviewIds: string[], stageChanges: () => Promise<string[]>): Promise<number> {
  const started = performance.now();
  const until = Date.now() + 300_000;
  while (Date.now() < until) {
    const [row] = (await shared.ds.query(
      `SELECT count(*)::int AS pending FROM outbox_events
        WHERE processed_at IS NULL AND dead_at IS NULL
          AND ((event_type = 'gates.review-decided' AND aggregate_id = ANY($1::text[]))
            OR (event_type = 'portfolio.stage-changed' AND payload->>'reviewId' = ANY($1::text[])))`,
      [reviewIds],
    )) as { pending: number }[];
    const events = await stageChanges();
    if (row?.pending === 0 && events.every((id) => shared.hook.received.has(id))) break;
    await sleep(200);
  }
  return (performance.now() - started) / 1000;
}

async function everyJobOnce(shared: Shared, reviewIds: string[], stageChangeIds: string[]): Promise<string[]> {
  const [row] = (await shared.ds.query(
    `SELECT count(*)::int AS events,
            count(*) FILTER (WHERE processed_at IS NULL)::int AS unprocessed,
            count(*) FILTER (WHERE publish_count <> 1)::int AS republished,
            count(*) FILTER (WHERE dead_at IS NOT NULL OR failed_attempts > 0)::int AS failed
       FROM outbox_events
      WHERE (event_type = 'gates.review-decided' AND aggregate_id = ANY($1::text[]))
         OR (event_type = 'portfolio.stage-changed' AND payload->>'reviewId' = ANY($1::text[]))`,
    [reviewIds],
  )) as { events: number; unprocessed: number; republished: number; failed: number }[];
  const problems: string[] = [];
  if (row === undefined) return ['no outbox rows'];
  if (row.events !== 2 * reviewIds.length) problems.push(`${row.events} outbox rows for ${reviewIds.length} decisions`);
  if (row.unprocessed > 0) problems.push(`${row.unprocessed} outbox rows never processed`);
  if (row.republished > 0) problems.push(`${row.republished} outbox rows published more than once`);
  if (row.failed > 0) problems.push(`${row.failed} outbox rows failed or dead`);
  const missing = stageChangeIds.filter((id) => !shared.hook.received.has(id)).length;
  const doubled = stageChangeIds.filter((id) => (shared.hook.received.get(id) ?? 0) > 1).length;
  if (missing > 0) problems.push(`${missing} stage changes whose webhook never arrived`);
  if (doubled > 0) problems.push(`${doubled} stage changes whose webhook arrived more than once`);
  return problems;
}

async function runPhase(shared: Shared, phase: number, n: number): Promise<Phase> {
  const { ds, ids } = shared;
  const [portfolio] = await seedPortfolios(ds, [`Scale phase ${phase} N=${n}`], ids.owner);
  if (portfolio === undefined) throw new Error('no portfolio');
  const seedIds = { ...ids, portfolio };
  const warm = await seedAwaitingDecision(ds, seedIds, warmupPerPhase);
  const measured = await seedAwaitingDecision(ds, seedIds, decisionsPerPhase);
  const raced = await seedAwaitingDecision(ds, seedIds, racesPerPhase);
  await ds.query(
    `INSERT INTO webhook_subscriptions (portfolio_id, url, secret, created_by) VALUES ($1, $2, 'bench-secret', $3)`,
    [portfolio, shared.hook.url, ids.owner],
  );
  await ds.query('VACUUM ANALYZE');

  const { apis, ports, workers } = await startProcesses(shared, n);
  try {
    const job = (reviewIds: string[]): ClientJob => ({
      ports,
      token: shared.token,
      reviewIds,
      readsPerDecision,
      concurrency,
    });
    const warmed = await inChild<ClientResult>('--scale-client', job(warm));
    if (warmed.failures.length > 0) throw new Error(`N=${n} warm-up: ${warmed.failures.slice(0, 3).join(' | ')}`);

    const pids = [...apis, ...workers].map((c) => c.pid ?? 0);
    const cpuBefore = pids.map(processCpuSeconds);
    // The server processes of this database's connections (the pools are open by now, after the warm-up).
    const backends = (
      (await ds.query(
        `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
      )) as {
        pid: number;
      }[]
    ).map((r) => r.pid);
    const backendsBefore = backends.map(processCpuSeconds);
    const machineBefore = { busy: machineBusySeconds(), at: performance.now() };
    const load = await inChild<ClientResult>('--scale-client', job(measured));
    const machineAfter = { busy: machineBusySeconds(), at: performance.now() };
    const cpuUsed = pids.map((pid, i) => processCpuSeconds(pid) - (cpuBefore[i] ?? 0));
    const postgresCpu =
      backends
        .map((pid, i) => processCpuSeconds(pid) - (backendsBefore[i] ?? 0))
        .filter(Number.isFinite)
        .reduce((a, b) => a + b, 0) /
      (load.elapsedMs / 1000);
    const seconds = load.elapsedMs / 1000;
    const apiCpu = cpuUsed.slice(0, apis.length).reduce((a, b) => a + b, 0) / seconds;
    const workerCpu = cpuUsed.slice(apis.length).reduce((a, b) => a + b, 0) / seconds;
    const machineBusyCores = (machineAfter.busy - machineBefore.busy) / ((machineAfter.at - machineBefore.at) / 1000);

    const races = await inChild<number[][]>('--scale-races', job(raced));
    const decided = [...warm, ...measured];
    const stageChanges = async (): Promise<string[]> =>
      (
        (await ds.query(
          `SELECT id FROM outbox_events WHERE event_type = 'portfolio.stage-changed' AND payload->>'portfolioId' = $1`,
          [portfolio],
        )) as { id: string }[]
      ).map((r) => r.id);
    const allDecided = [...decided, ...raced];
    const drainSeconds = await drain(shared, allDecided, stageChanges);

    const problems = [
      ...load.failures.slice(0, 5).map((f) => `failed request: ${f}`),
      ...(load.failures.length > 5 ? [`… ${load.failures.length} failed requests in all`] : []),
      ...(await checkDecided(ds, allDecided)),
      ...races.flatMap((statuses, i) =>
        statuses.filter((s) => s === 200).length === 1 && statuses.every((s) => s === 200 || s === 409)
          ? []
          : [`raced review ${raced[i] ?? ''} answered ${statuses.join(', ')} (one 200, the rest 409 expected)`],
      ),
      ...(await everyJobOnce(shared, allDecided, await stageChanges())),
    ];
    return { n, load, apiCpu, workerCpu, postgresCpu, machineBusyCores, drainSeconds, problems };
  } finally {
    await Promise.all([...apis, ...workers].map((c) => stopChild(c)));
  }
}

async function setUp(
  env: Shared['env'],
): Promise<{ context: INestApplicationContext; token: string; ids: Shared['ids'] }> {
  await runMigrations(env.config, env.databaseUrl);
  // The token outlives the run (AUTH_ACCESS_TOKEN_TTL_SECONDS given to benchEnvironment and to the children).
  const config = env.config;
  const context = await NestFactory.createApplicationContext(
    RootModule.forRoot(config, { databaseUrl: env.databaseUrl, redisUrl: env.redisUrl }, []),
    { logger: new PinoNestLogger(createLogger(config, 'ambidex-bench')) },
  );
  const { chair, ownerId, accessToken } = await chairAndOwner(context);
  const { model } = await seedModelAndPortfolio(context.get(DataSource), ownerId, 'Scale set-up');
  return { context, token: accessToken, ids: { model, owner: ownerId, chair: chair.id } };
}

function report(phases: Phase[]): void {
  const rows = phases.map(({ n, load, apiCpu, workerCpu, postgresCpu, machineBusyCores, drainSeconds }) => {
    const seconds = load.elapsedMs / 1000;
    return [
      `${n} API + ${n} worker`,
      fmt((load.decision.count + load.read.count) / seconds),
      fmt(load.decision.count / seconds),
      fmt(percentile(load.decision.latenciesMs, 0.5), 1),
      fmt(percentile(load.decision.latenciesMs, 0.99), 1),
      fmt(load.read.count / seconds),
      fmt(percentile(load.read.latenciesMs, 0.5), 1),
      fmt(percentile(load.read.latenciesMs, 0.99), 1),
      fmt(apiCpu, 2),
      fmt(workerCpu, 2),
      fmt(postgresCpu, 2),
      fmt(machineBusyCores, 2),
      fmt(drainSeconds, 1),
    ];
  });
  console.log();
  console.log(
    table(
      [
        'processes',
        'req/s',
        'decisions/s',
        'dec p50 ms',
        'dec p99 ms',
        'reads/s',
        'read p50 ms',
        'read p99 ms',
        'API cores',
        'worker cores',
        'PG cores',
        'machine busy cores',
        'drain s',
      ],
      rows,
    ),
  );
  console.log();
  for (const p of phases) {
    const requests = p.load.decision.count + p.load.read.count;
    const seconds = p.load.elapsedMs / 1000;
    const perRequest = (cores: number): number => (cores * seconds * 1000) / requests;
    const loadGen = perRequest(p.load.cpuSeconds / seconds);
    const ours = perRequest(p.apiCpu) + perRequest(p.workerCpu) + perRequest(p.postgresCpu) + loadGen;
    console.log(
      `N=${p.n}: CPU ms per request: API ${fmt(perRequest(p.apiCpu), 2)}, workers ${fmt(perRequest(p.workerCpu), 2)}, ` +
        `PostgreSQL ${fmt(perRequest(p.postgresCpu), 2)}, load generator ${fmt(loadGen, 2)}: ${fmt(ours, 2)} in all, ` +
        `so ${availableParallelism()} cores to ourselves would cap this mix at about ${fmt((availableParallelism() * 1000) / ours)} req/s ` +
        `whatever N; the bench's processes used ${fmt((ours * requests) / 1000 / seconds, 2)} of the ${fmt(p.machineBusyCores, 2)} busy cores`,
    );
  }
  const [base, ...others] = phases;
  if (base === undefined) return;
  const rate = (p: Phase, count: (l: ClientResult) => number): number => count(p.load) / p.load.elapsedMs;
  console.log();
  // `--processes 1,2,1` repeats the baseline last: its ratio to the first shows how much the machine drifted.
  for (const [i, p] of others.entries()) {
    const total = (l: ClientResult): number => l.decision.count + l.read.count;
    console.log(
      `phase ${i + 2} (N=${p.n}) / phase 1 (N=${base.n})   req/s: ${fmt(rate(p, total) / rate(base, total), 3)}   decisions/s: ${fmt(
        rate(p, (l) => l.decision.count) / rate(base, (l) => l.decision.count),
        3,
      )}   reads/s: ${fmt(rate(p, (l) => l.read.count) / rate(base, (l) => l.read.count), 3)}`,
    );
  }
  console.log(
    `(this machine has ${availableParallelism()} cores, shared by the processes above, PostgreSQL, Redis, the load generator and whatever else runs on it)`,
  );
}

async function main(): Promise<void> {
  const env = await benchEnvironment('bench_scale', { AUTH_ACCESS_TOKEN_TTL_SECONDS: '86400' });
  const dataDir = mkdtempSync(join(tmpdir(), 'ambidex-bench-scale-'));
  const hook = await webhookReceiver();
  let context: INestApplicationContext | undefined;
  try {
    const set = await setUp(env);
    context = set.context;
    const shared: Shared = { env, ds: context.get(DataSource), token: set.token, ids: set.ids, hook, dataDir };
    console.log(
      `${fmt(decisionsPerPhase)} decisions per phase (${fmt(warmupPerPhase)} warm-up discarded), ${readsPerDecision} read(s) per decision, ` +
        `concurrency ${concurrency} spread over the API ports, ${fmt(racesPerPhase)} decisions raced over every port; processes: ${scales.join(', ')}`,
    );
    const phases: Phase[] = [];
    for (const [i, n] of scales.entries()) {
      const phase = await runPhase(shared, i + 1, n);
      phases.push(phase);
      console.log(
        `N=${n}: ${fmt(phase.load.decision.count)} decisions and ${fmt(phase.load.read.count)} reads in ${fmt(phase.load.elapsedMs / 1000, 1)} s; ` +
          `workers drained in ${fmt(phase.drainSeconds, 1)} s; checks ${phase.problems.length === 0 ? 'OK' : 'FAILED'}`,
      );
      for (const problem of phase.problems) console.error(`  ${problem}`);
    }
    report(phases);

    const verification = await shared.ds.transaction('REPEATABLE READ', (em) => verifyAuditTrail(em));
    const failed = phases.some((p) => p.problems.length > 0);
    console.log(
      `checks: no decision doubled (one decision event, two audit entries, two outbox rows each; raced decisions taken once): ` +
        `${failed ? 'FAILED' : 'OK'}; every job once (outbox published once and processed, each webhook received once): ` +
        `${failed ? 'FAILED' : 'OK'}; verifyAuditTrail: ${verification.ok ? 'OK' : 'BROKEN'} ` +
        `(${fmt(verification.entries)} entries in ${fmt(verification.chains)} chains)`,
    );
    if (failed || !verification.ok) throw new Error('the processes did not leave exactly the rows they should');
  } finally {
    await context?.close().catch((e: unknown) => console.error('closing the set-up context:', e));
    await hook.close().catch(() => undefined);
    await env.drop().catch((e: unknown) => console.error('dropping the bench database:', e));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv.includes('--scale-client') || process.argv.includes('--scale-races')) {
  if (process.argv.includes('--scale-races')) answerParent(runRaces);
  else answerParent(runClient);
} else {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error('bench:scale FAILED:', error);
      process.exit(1);
    },
  );
}
