import { QueueName, QueueProducer, verifyAuditTrail } from '@ambidex/platform';
import { newInitiative, obliterateQueues } from '@ambidex/testing';
import { Job } from 'bullmq';
import { ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { TestApp } from '../support/test-app';
import { Cast, castFor, requestReview } from './support';
import { GATES_QUEUE } from '@ambidex/gates';

/**
 * Crash safety of gate jobs: a worker process killed with SIGKILL in the middle of its gate-review jobs never doubles anything.
 *
 * The API runs in this process without a worker; the worker is `apps/worker/src/main.ts` in a child process, on the
 * suite's own database and queue prefix. It is killed once some reviews are open and others are not, and a second
 * worker process finishes the work. The dead worker's transactions roll back in PostgreSQL; the jobs it held stay
 * 'active' in Redis until their lock expires and BullMQ's stall check hands them to the second worker, which re-runs
 * them. The children run with a short lock and stall interval (WORKER_LOCK_DURATION_MS, WORKER_STALLED_INTERVAL_MS) so
 * that hand-over takes seconds, not the production default of about a minute.
 */

const ROOT = resolve(__dirname, '../..');
const REVIEWS = 30;
/** Kill once at least this many reviews are open: far enough in that many jobs are in flight, before the end. */
const KILL_WHEN_OPENED = 10;
/**
 * The dead worker's locks expire within lockDuration; a stall check marks its jobs, the next one (a stalledInterval
 * later) hands them over. BullMQ's check key lives exactly one stalledInterval, so a check sometimes finds it still
 * there and waits one interval more: typically 62 s here, sometimes 92 s.
 */
const LOCK_MS = 2000;
const STALLED_INTERVAL_MS = 1000;
const STALL_RECOVERY_MS = LOCK_MS + 3 * STALLED_INTERVAL_MS + 20_000;

interface WorkerProcess {
  label: string;
  child: ChildProcess;
  output: string[];
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

describe('a worker process killed with SIGKILL in the middle of gate-review jobs', () => {
  let app: TestApp;
  let cast: Cast;
  const workers: WorkerProcess[] = [];

  beforeAll(async () => {
    app = await TestApp.startIsolated();
    cast = await castFor(app);
  });

  afterAll(async () => {
    for (const worker of workers) {
      if (worker.child.exitCode === null && worker.child.signalCode === null) worker.child.kill('SIGKILL');
      await worker.exit;
    }
    await app?.close();
    if (app !== undefined) await obliterateQueues(app.config);
  });

  function startWorker(label: string): WorkerProcess {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/worker/src/main.ts'], {
      cwd: ROOT,
      // Only what the worker's loadConfig reads: the suite's database and queue prefix, fast relay and sweeps.
      env: {
        NODE_ENV: 'test',
        DATABASE_URL: app.config.database.url ?? '',
        REDIS_URL: app.config.redis.url ?? '',
        QUEUE_PREFIX: app.config.queues.prefix,
        LOG_LEVEL: 'silent',
        WORKER_METRICS_PORT: '0',
        HOST: '127.0.0.1',
        OUTBOX_RELAY_INTERVAL_MS: '50',
        OUTBOX_SWEEP_INTERVAL_MS: '1000',
        WORKER_LOCK_DURATION_MS: String(LOCK_MS),
        WORKER_STALLED_INTERVAL_MS: String(STALLED_INTERVAL_MS),
        SEED_DEMO_DATA: 'false',
        AUTH_TOKEN_SECRET: app.config.auth.tokenSecret,
        // The suite's own audit checkpoints, never the developer's ./data.
        AUDIT_CHECKPOINT_FILE: app.config.audit.checkpointFile,
        AUDIT_SIGNING_KEY_FILE: app.config.audit.signingKeyFile,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output: string[] = [];
    child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
      child.once('exit', (code, signal) => done({ code, signal })),
    );
    const worker = { label, child, output, exit };
    workers.push(worker);
    return worker;
  }

  async function count(sql: string, params: unknown[] = []): Promise<number> {
    const [row] = (await app.dataSource.query(`SELECT count(*)::int AS n FROM (${sql}) AS q`, params)) as {
      n: number;
    }[];
    return row?.n ?? 0;
  }

  const openedReviews = (): Promise<number> => count(`SELECT 1 FROM gate_reviews WHERE status = 'scoring'`);

  /** Polls as fast as the database answers, so the kill lands while the worker is busy. */
  async function until<T>(
    probe: () => Promise<T>,
    done: (value: T) => boolean,
    timeoutMs: number,
    what: string,
    worker: WorkerProcess,
  ): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe();
      if (done(value)) return value;
      if (worker.child.exitCode !== null || worker.child.signalCode !== null) {
        throw new Error(
          `${worker.label} worker exited (${worker.child.exitCode ?? worker.child.signalCode}) while waiting for ${what}:\n${worker.output.join('')}`,
        );
      }
      if (Date.now() > deadline)
        throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(value)}):\n${worker.output.join('')}`);
      await new Promise((r) => setTimeout(r, 2));
    }
  }

  it(
    'the second worker finishes the reviews: each opened once, with two assignments, one evidence snapshot, one audit entry',
    async () => {
      const reviewIds: string[] = [];
      for (let i = 0; i < REVIEWS; i++) {
        const id = await newInitiative(app.dataSource, { ownerId: cast.owner.id, deliverablesDone: true });
        reviewIds.push(await requestReview(app, cast.owner, id));
      }
      expect(
        await count(`SELECT 1 FROM outbox_events WHERE event_type = 'gates.review-requested' AND published_at IS NULL`),
      ).toBe(REVIEWS);

      const first = startWorker('first');
      await until(openedReviews, (n) => n >= KILL_WHEN_OPENED, 30_000, `${KILL_WHEN_OPENED} open reviews`, first);
      first.child.kill('SIGKILL');
      expect(await first.exit).toEqual({ code: null, signal: 'SIGKILL' });
      const killedAt = Date.now();

      // The kill happened mid-way: some reviews are open, some are not, and the dead worker left jobs active.
      const openedAtKill = await openedReviews();
      const producer = app.app.get(QueueProducer);
      const gates = producer.queue(GATES_QUEUE);
      const events = producer.queue(QueueName.DomainEvents);
      const activeAtKill = { gates: await gates.getActiveCount(), domainEvents: await events.getActiveCount() };
      expect(openedAtKill).toBeGreaterThanOrEqual(1);
      expect(openedAtKill).toBeLessThan(REVIEWS);
      expect(activeAtKill.gates + activeAtKill.domainEvents).toBeGreaterThanOrEqual(1);

      const second = startWorker('second');
      await until(
        openedReviews,
        (n) => n === REVIEWS,
        STALL_RECOVERY_MS + 15_000,
        `all ${REVIEWS} reviews open`,
        second,
      );
      const recoveredAfterMs = Date.now() - killedAt;

      // Each review opened exactly once, whatever the dead worker had half done.
      const perReview = (await app.dataSource.query(
        `SELECT r.status,
                (SELECT count(*) FROM gate_review_assignments a WHERE a.review_id = r.id)::int AS assignments,
                (SELECT count(*) FROM evidence_snapshots e WHERE e.review_id = r.id)::int AS snapshots,
                (SELECT count(*) FROM audit_entries x WHERE x.action = 'gates.review.opened' AND x.after->>'reviewId' = r.id::text)::int AS opened,
                (SELECT count(*) FROM inbox_items i WHERE i.subject_id = r.id AND i.kind = 'score_review')::int AS inbox
           FROM gate_reviews r ORDER BY r.id`,
      )) as object[];
      expect(perReview).toEqual(
        Array.from({ length: REVIEWS }, () => ({
          status: 'scoring',
          assignments: 2,
          snapshots: 1,
          opened: 1,
          inbox: 2,
        })),
      );
      expect(await count(`SELECT 1 FROM gate_reviews`)).toBe(REVIEWS);
      expect(await count(`SELECT 1 FROM audit_entries WHERE action = 'gates.review.requested'`)).toBe(REVIEWS);
      expect(await count(`SELECT DISTINCT review_id FROM gate_review_assignments`)).toBe(REVIEWS);

      // Every outbox event is delivered (once: processed_at is set only while it is null).
      const unprocessed = await until(
        () => count(`SELECT 1 FROM outbox_events WHERE processed_at IS NULL`),
        (n) => n === 0,
        10_000,
        'every outbox event processed',
        second,
      );
      expect(unprocessed).toBe(0);

      // The jobs the dead worker held were re-run by the second one (BullMQ's stall recovery), and none failed.
      const prepareJobs = (await Promise.all(reviewIds.map((id) => gates.getJob(`prepare-${id}`)))).filter(
        (j): j is Job => j !== undefined && j !== null,
      );
      expect(prepareJobs).toHaveLength(REVIEWS);
      const stalledAndRerun = prepareJobs.filter((j) => j.stalledCounter > 0).length;
      const retried = prepareJobs
        .filter((j) => j.attemptsMade > 1)
        .map((j) => `${j.id}: ${j.attemptsMade} attempts, ${(j.stacktrace ?? []).join(' | ')}`);
      if (activeAtKill.gates > 0) expect(stalledAndRerun).toBeGreaterThanOrEqual(1);
      expect(await gates.getFailedCount()).toBe(0);
      expect(await events.getFailedCount()).toBe(0);

      const audit = await app.dataSource.transaction('REPEATABLE READ', (em) => verifyAuditTrail(em));
      expect(audit.problems).toEqual([]);

      console.log(
        `killed the first worker with ${openedAtKill}/${REVIEWS} reviews open and ${activeAtKill.gates} gate + ${activeAtKill.domainEvents} ` +
          `event jobs active; ${stalledAndRerun} prepare job(s) stalled and re-ran; all ${REVIEWS} open ${Math.round(recoveredAfterMs / 1000)} s after the kill` +
          (retried.length > 0 ? `; retried after errors: ${retried.join('; ')}` : ''),
      );
    },
    STALL_RECOVERY_MS + 45_000,
  );
});
