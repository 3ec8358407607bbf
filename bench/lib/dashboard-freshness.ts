/**
 * Dashboard freshness under a steady stream of events, for bench:dashboard: a worker in a child process (as `npm run
 * start:worker` runs it: outbox relay, domain-event delivery, insights jobs) on the bench's database and queues; the
 * bench commits gate decisions (a stage event and its outbox row in one statement, as a use case's transaction does)
 * at a fixed rate on initiatives spread over every portfolio, and polls the read model until each shows in its
 * initiative's dashboard row (the apply or refresh writes the row, the cube and the histograms in one transaction).
 * The worker's CPU comes from /proc/<pid>/stat over the window.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { Pool } from 'pg';
import { BenchEnvironment } from './bench-env';

export interface FreshnessOptions {
  env: BenchEnvironment;
  /** The worker's extra environment (INSIGHTS_INCREMENTAL_APPLY=false for the full-refresh baseline). */
  workerEnv: Record<string, string>;
  eventsPerSecond: number;
  seconds: number;
  /** How long to wait after the last event for the stragglers. */
  drainSeconds: number;
  say: (line: string) => void;
}

export interface FreshnessResult {
  events: number;
  visible: number;
  p50: number;
  p95: number;
  max: number;
  /** Worker CPU over the window and the drain, in cores (CPU seconds per wall second). */
  workerCores: number;
  /** Events committed per second, as achieved. */
  rate: number;
}

interface Candidate {
  id: string;
  stage: string;
  portfolio_id: string;
}

interface Pending {
  id: string;
  expected: number;
  committedAt: number;
}

const GATE_OF: Record<string, string> = { explore: 'G1', experiment: 'G2', develop: 'G3' };
const CLOCK_TICKS = 100;

function cpuSeconds(pid: number): number {
  // Fields after the command name: state is the 3rd field; utime and stime are the 14th and 15th.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

function startWorker(env: BenchEnvironment, extra: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['-r', '@swc-node/register', 'apps/worker/src/main.ts'], {
    env: {
      // eslint-disable-next-line no-restricted-syntax -- the child inherits PATH and the like; its settings are given here
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DATABASE_URL: env.databaseUrl,
      REDIS_URL: env.redisUrl,
      AUTH_TOKEN_SECRET: 'bench-secret-'.padEnd(48, 'x'),
      QUEUE_PREFIX: `bench-${process.pid}`,
      SEED_DEMO_DATA: 'false',
      WORKER_METRICS_PORT: '0',
      ...extra,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function percentile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
}

/** Active initiatives at a gate, in random order, from every portfolio (in proportion to its size). */
export async function freshnessCandidates(pool: Pool, n: number): Promise<Candidate[]> {
  const { rows } = await pool.query<Candidate>(
    `SELECT id, stage, portfolio_id FROM initiatives
      WHERE status = 'active' AND stage IN ('explore', 'experiment', 'develop')
      ORDER BY md5(id::text) LIMIT $1`,
    [n],
  );
  return rows;
}

export async function measureFreshness(
  pool: Pool,
  candidates: Candidate[],
  o: FreshnessOptions,
): Promise<FreshnessResult> {
  const worker = startWorker(o.env, o.workerEnv);
  const pid = worker.pid;
  if (pid === undefined) throw new Error('the worker did not start');
  let exited = false;
  worker.once('exit', () => (exited = true));
  try {
    const pending = new Map<string, Pending>();
    const latencies: number[] = [];
    let nextCandidate = 0;
    const commit = async (): Promise<void> => {
      const c = candidates[nextCandidate++];
      if (c === undefined) throw new Error('out of candidate initiatives: raise the candidate count');
      const { rows } = await pool.query<{ n: number | null }>(
        `SELECT cardinality(mark_days) AS n FROM insights_initiatives WHERE initiative_id = $1`,
        [c.id],
      );
      // A recycle decision at the initiative's gate: a legal event that keeps its stage, one mark on its timeline.
      await pool.query(
        `WITH e AS (
           INSERT INTO stage_events (initiative_id, seq, kind, from_stage, from_status, to_stage, to_status, gate, decision, actor_label, occurred_at)
           SELECT $1, max(seq) + 1, 'decision', $2, 'active', $2, 'active', $3, 'recycle', 'bench', now() FROM stage_events WHERE initiative_id = $1
           RETURNING initiative_id)
         INSERT INTO outbox_events (id, event_type, aggregate_type, aggregate_id, payload, occurred_at)
         SELECT gen_random_uuid(), 'portfolio.stage-changed', 'initiative', $1,
                jsonb_build_object('initiativeId', $1::text, 'portfolioId', $4::text), now()
           FROM e`,
        [c.id, c.stage, GATE_OF[c.stage], c.portfolio_id],
      );
      pending.set(c.id, { id: c.id, expected: (rows[0]?.n ?? 0) + 1, committedAt: performance.now() });
    };
    const poll = async (): Promise<void> => {
      if (pending.size === 0) return;
      const { rows } = await pool.query<{ initiative_id: string; n: number }>(
        `SELECT initiative_id, cardinality(mark_days) AS n FROM insights_initiatives WHERE initiative_id = ANY($1::uuid[])`,
        [[...pending.keys()]],
      );
      const seenAt = performance.now();
      for (const row of rows) {
        const p = pending.get(row.initiative_id);
        if (p !== undefined && row.n >= p.expected) {
          latencies.push(seenAt - p.committedAt);
          pending.delete(row.initiative_id);
        }
      }
    };

    // Warm-up: the worker is up when a first event shows.
    await commit();
    const ready = performance.now();
    while (pending.size > 0) {
      if (exited) throw new Error('the worker exited');
      if (performance.now() - ready > 120_000) throw new Error('the worker did not apply the warm-up event in 2 min');
      await sleep(50);
      await poll();
    }
    latencies.length = 0;

    o.say(`    ${o.eventsPerSecond} events/s for ${o.seconds} s …`);
    const cpuStart = cpuSeconds(pid);
    const started = performance.now();
    const total = Math.round(o.eventsPerSecond * o.seconds);
    const interval = 1000 / o.eventsPerSecond;
    let committed = 0;
    const producer = (async () => {
      for (let i = 0; i < total; i++) {
        const due = started + i * interval;
        const wait = due - performance.now();
        if (wait > 0) await sleep(wait);
        // Commits are not awaited one after the other: a slow one must not hold back the schedule.
        void commit().then(() => committed++);
      }
    })();
    const pollEvery = 25;
    while (performance.now() - started < o.seconds * 1000) {
      await sleep(pollEvery);
      await poll();
    }
    await producer;
    const drainUntil = performance.now() + o.drainSeconds * 1000;
    while ((pending.size > 0 || committed < total) && performance.now() < drainUntil) {
      await sleep(pollEvery * 4);
      await poll();
    }
    const wall = (performance.now() - started) / 1000;
    const cores = (cpuSeconds(pid) - cpuStart) / wall;
    const sorted = [...latencies].sort((a, b) => a - b);
    // Not seen within the drain: counted at the drain's end, so the percentiles never flatter.
    for (const p of pending.values()) sorted.push(performance.now() - p.committedAt);
    sorted.sort((a, b) => a - b);
    return {
      events: total,
      visible: latencies.length,
      p50: percentile(sorted, 0.5),
      p95: percentile(sorted, 0.95),
      max: sorted[sorted.length - 1] ?? NaN,
      workerCores: cores,
      rate: committed / o.seconds,
    };
  } finally {
    worker.kill('SIGTERM');
    const deadline = performance.now() + 10_000;
    while (!exited && performance.now() < deadline) await sleep(100);
    if (!exited) worker.kill('SIGKILL');
  }
}
