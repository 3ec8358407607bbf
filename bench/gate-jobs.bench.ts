/**
 * `npm run bench:gate-jobs [-- --reviews 1000 --warmup 100 --gatekeepers 10]`
 *
 * Gate-review jobs per second end to end through BullMQ: `reviews` reviews in status 'requested' are inserted by SQL
 * (ready initiatives: G1 deliverables done, financials complete), then as many 'prepare-review' jobs are added in one
 * addBulk, and the clock runs until PostgreSQL shows every review 'scoring' (readiness checked, evidence frozen and
 * hashed, two gatekeepers and a chair assigned, inbox items, audit entry, deadline jobs scheduled). The jobs run on the
 * real gates queue worker (GateJobs, concurrency 4) in this process, in the app `npm start` builds (API + worker).
 *
 * Baseline in the same run: as many no-op jobs on a queue of their own, consumed by a plain BullMQ Worker with the
 * same concurrency, connection role and stall settings, timed from addBulk to the last 'completed' event (median of
 * three runs, each being short).
 * Both are preceded by a discarded warm-up. Runs on a throwaway database, dropped at the end (with the Redis keys).
 */
import 'reflect-metadata';
import { UsersService } from '@ambidex/identity';
import {
  createRedisConnection,
  DEFAULT_JOB_OPTIONS,
  QueueProducer,
  MAX_STALLED_COUNT,
  SYSTEM_ACTOR,
} from '@ambidex/platform';
import { DEFAULT_PROCESS_MODEL } from '@ambidex/portfolio';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Queue, Worker } from 'bullmq';
import { performance } from 'node:perf_hooks';
import { DataSource } from 'typeorm';
import { ApiModule } from '../apps/api/src/api.module';
import { WorkerModule } from '../apps/worker/src/worker.module';
import { seedModelAndPortfolio, startAmbidex } from './lib/bench-app';
import { BenchEnvironment, benchEnvironment, numberArg, table } from './lib/bench-env';
import { GATES_QUEUE } from '@ambidex/gates';

const reviewsPerRun = Math.round(numberArg('reviews', 1000));
const warmup = Math.round(numberArg('warmup', 100));
const gatekeeperCount = Math.round(numberArg('gatekeepers', 10));
/** The gates queue's concurrency (libs/gates/src/gate-jobs.ts). */
const CONCURRENCY = 4;
const NOOP_QUEUE = 'bench-noop';

interface Run {
  jobs: number;
  elapsedMs: number;
}

const fmt = (n: number, digits = 0): string =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

interface Seed {
  portfolio: string;
  model: string;
  owner: string;
}

/** `count` ready initiatives in explore, each with a G1 review 'requested' (no outbox row: the bench adds the jobs). */
async function seedRequested(ds: DataSource, seed: Seed, count: number): Promise<string[]> {
  const g1 = DEFAULT_PROCESS_MODEL.gates.G1.deliverables;
  const rows = (await ds.query(
    `WITH ini AS (
       INSERT INTO initiatives (portfolio_id, process_model_id, title, problem, value_hypothesis, owner_id, horizon, ambition, innovation_type,
                                npv, probability_commercial, probability_technical, commercialization_cost, remaining_development_cost, cost_to_date)
       SELECT $1, $2, 'Bench initiative ' || g || ' ' || md5(random()::text), 'A problem worth solving', 'Customers will pay for it', $3,
              'H2', 'adjacent', 'product', 1000000, 0.6, 0.8, 100000, 200000, 10000
         FROM generate_series(1, $4::int) AS g
       RETURNING id
     ), deliverables AS (
       INSERT INTO initiative_deliverables (initiative_id, gate, key, name, status, note)
       SELECT ini.id, 'G1', d.key, d.name, 'done', 'attached' FROM ini CROSS JOIN jsonb_to_recordset($5::jsonb) AS d(key text, name text)
     ), created AS (
       INSERT INTO stage_events (initiative_id, seq, kind, to_stage, to_status, actor_id, actor_label)
       SELECT id, 1, 'created', 'explore', 'active', $3, 'bench' FROM ini
     ), reviews AS (
       INSERT INTO gate_reviews (initiative_id, gate, status, requested_by) SELECT id, 'G1', 'requested', $3 FROM ini RETURNING id
     )
     SELECT id FROM reviews`,
    [seed.portfolio, seed.model, seed.owner, count, JSON.stringify(g1.map(({ key, name }) => ({ key, name })))],
  )) as { id: string }[];
  return rows.map((r) => r.id);
}

async function countWhere(ds: DataSource, ids: string[], status: string): Promise<number> {
  const [row] = (await ds.query(
    `SELECT count(*)::int AS n FROM gate_reviews WHERE id = ANY($1::uuid[]) AND status = $2`,
    [ids, status],
  )) as { n: number }[];
  return row?.n ?? 0;
}

/** Adds one prepare-review job per review (as the relay does from the request's job intent) and waits until PostgreSQL shows them all open. */
async function runPrepare(ds: DataSource, producer: QueueProducer, ids: string[]): Promise<Run> {
  const started = performance.now();
  await producer.addBulk(
    ids.map((reviewId) => ({
      job: { queue: GATES_QUEUE, name: 'prepare-review' as const, data: { reviewId } },
      options: { jobId: `prepare-${reviewId}` },
    })),
  );
  const deadline = Date.now() + 600_000;
  for (;;) {
    const opened = await countWhere(ds, ids, 'scoring');
    if (opened === ids.length) break;
    const notReady = await countWhere(ds, ids, 'not_ready');
    if (notReady > 0) throw new Error(`${notReady} reviews came out not_ready: the seed is wrong`);
    if (Date.now() > deadline) throw new Error(`only ${opened}/${ids.length} reviews opened in 10 minutes`);
    await sleep(5);
  }
  return { jobs: ids.length, elapsedMs: performance.now() - started };
}

/** The same number of jobs through a Worker that does nothing, with the same concurrency and settings. */
async function runNoop(env: BenchEnvironment, queue: Queue, count: number, label: string): Promise<Run> {
  const connection = createRedisConnection(env.redisUrl, 'worker');
  let completed = 0;
  let failed = 0;
  let done: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (done = resolve));
  const worker = new Worker(NOOP_QUEUE, async () => undefined, {
    connection,
    prefix: env.config.queues.prefix,
    concurrency: CONCURRENCY,
    maxStalledCount: MAX_STALLED_COUNT,
  });
  worker.on('completed', () => {
    completed += 1;
    if (completed + failed === count) done();
  });
  worker.on('failed', () => {
    failed += 1;
    if (completed + failed === count) done();
  });
  await worker.waitUntilReady();
  const started = performance.now();
  await queue.addBulk(
    Array.from({ length: count }, (_, i) => ({
      name: 'noop',
      data: { reviewId: `${label}-${i}` },
      opts: { jobId: `${label}-${i}` },
    })),
  );
  await finished;
  const elapsedMs = performance.now() - started;
  await worker.close();
  await connection.quit().catch(() => undefined);
  if (failed > 0) throw new Error(`${failed} no-op jobs failed`);
  return { jobs: count, elapsedMs };
}

async function main(): Promise<void> {
  const env = await benchEnvironment('bench_gate_jobs');
  let app: NestFastifyApplication | undefined;
  let noopQueue: Queue | undefined;
  const noopProducer = createRedisConnection(env.redisUrl, 'producer');
  try {
    app = await startAmbidex(env, [ApiModule, WorkerModule]);
    const ds = app.get(DataSource);
    const producer = app.get(QueueProducer);

    const password = 'correct horse battery staple';
    const users = app.get(UsersService);
    const owner = await users.create(SYSTEM_ACTOR, {
      email: 'bench.owner@example.test',
      displayName: 'Bench Owner',
      password,
      roles: ['innovation_lead'],
    });
    await users.create(SYSTEM_ACTOR, {
      email: 'bench.chair@example.test',
      displayName: 'Bench Chair',
      password,
      roles: ['leadership'],
    });
    for (let i = 0; i < gatekeeperCount; i++) {
      await users.create(SYSTEM_ACTOR, {
        email: `bench.gk${i}@example.test`,
        displayName: `Bench Gatekeeper ${i}`,
        password,
        roles: ['gatekeeper'],
      });
    }
    const { model, portfolio } = await seedModelAndPortfolio(ds, owner.id);
    const seed = { portfolio, model, owner: owner.id };

    const seeding = performance.now();
    const warmIds = await seedRequested(ds, seed, warmup);
    const ids = await seedRequested(ds, seed, reviewsPerRun);
    await ds.query('VACUUM ANALYZE');
    console.log(
      `${fmt(warmup + reviewsPerRun)} requested reviews seeded by SQL in ${fmt((performance.now() - seeding) / 1000, 1)} s; ` +
        `${fmt(reviewsPerRun)} jobs per run after ${fmt(warmup)} discarded; worker concurrency ${CONCURRENCY}; ${gatekeeperCount} gatekeepers`,
    );

    noopQueue = new Queue(NOOP_QUEUE, {
      connection: noopProducer,
      prefix: env.config.queues.prefix,
      defaultJobOptions: DEFAULT_JOB_OPTIONS,
    });
    await runNoop(env, noopQueue, warmup, 'warm');
    // A no-op run is short (well under a second), so take the median of three.
    const noopRuns: Run[] = [];
    for (let round = 0; round < 3; round++) noopRuns.push(await runNoop(env, noopQueue, reviewsPerRun, `run${round}`));
    const noop = [...noopRuns].sort((a, b) => a.elapsedMs - b.elapsedMs)[1] ?? noopRuns[0];
    if (noop === undefined) throw new Error('no no-op run');

    await runPrepare(ds, producer, warmIds);
    const prepare = await runPrepare(ds, producer, ids);

    const perSecond = (r: Run): number => (r.jobs * 1000) / r.elapsedMs;
    console.log();
    console.log(
      table(
        ['jobs', 'jobs/s', 'count', 'seconds', 'ms per job x concurrency'],
        [
          [
            'no-op BullMQ jobs (Worker, concurrency 4), median of 3',
            fmt(perSecond(noop)),
            fmt(noop.jobs),
            fmt(noop.elapsedMs / 1000, 2),
            fmt((noop.elapsedMs * CONCURRENCY) / noop.jobs, 2),
          ],
          [
            'prepare-review → scoring (gates queue worker)',
            fmt(perSecond(prepare)),
            fmt(prepare.jobs),
            fmt(prepare.elapsedMs / 1000, 2),
            fmt((prepare.elapsedMs * CONCURRENCY) / prepare.jobs, 2),
          ],
        ],
      ),
    );
    console.log();
    console.log(`gate jobs / no-op jobs   jobs/s: ${fmt(perSecond(prepare) / perSecond(noop), 4)}`);

    const [check] = (await ds.query(
      `SELECT (SELECT count(*) FROM gate_reviews WHERE status = 'scoring')::int AS scoring,
              (SELECT count(*) FROM gate_review_assignments)::int AS assignments,
              (SELECT count(*) FROM evidence_snapshots)::int AS snapshots,
              (SELECT count(*) FROM audit_entries WHERE action = 'gates.review.opened')::int AS opened,
              (SELECT count(*) FROM inbox_items WHERE kind = 'score_review')::int AS inbox`,
    )) as { scoring: number; assignments: number; snapshots: number; opened: number; inbox: number }[];
    const total = warmup + reviewsPerRun;
    const expected = { scoring: total, assignments: 2 * total, snapshots: total, opened: total, inbox: 2 * total };
    const ok = JSON.stringify(check) === JSON.stringify(expected);
    console.log(`checks: ${JSON.stringify(check)} ${ok ? 'OK' : `FAILED, expected ${JSON.stringify(expected)}`}`);
    if (!ok) throw new Error('the prepared reviews do not have exactly the rows they should');
  } finally {
    await noopQueue?.close().catch(() => undefined);
    await noopProducer.quit().catch(() => undefined);
    await app?.close().catch((e: unknown) => console.error('closing Ambidex:', e));
    await env.drop().catch((e: unknown) => console.error('dropping the bench database:', e));
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error('bench:gate-jobs FAILED:', error);
    process.exit(1);
  },
);
