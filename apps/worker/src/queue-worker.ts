import {
  AppConfig,
  createRedisConnection,
  DomainError,
  MAX_STALLED_COUNT,
  Metrics,
  RegisteredQueue,
} from '@ambidex/platform';
import { Logger } from '@nestjs/common';
import { Job, UnrecoverableError, Worker } from 'bullmq';
import { Redis } from 'ioredis';

export interface QueueWorkerOptions {
  queue: RegisteredQueue;
  redisUrl: string;
  config: AppConfig;
  metrics: Metrics;
}

/**
 * A BullMQ worker with Ambidex's rules: its own blocking connection (maxRetriesPerRequest: null),
 * raised stall limits, job durations in the metrics, and domain errors made unrecoverable (retrying cannot fix them).
 * Each job goes to the handler its context registered for the job's name.
 */
export function startQueueWorker({ queue, redisUrl, config, metrics }: QueueWorkerOptions): RunningWorker {
  const connection = createRedisConnection(redisUrl, 'worker');
  const logger = new Logger(`worker:${queue.name}`);
  const worker = new Worker(
    queue.name,
    async (job: Job) => {
      const stop = metrics.jobDuration.startTimer({ queue: queue.name, job: job.name });
      try {
        const handler = queue.handlers.get(job.name);
        // Not unrecoverable: during a rolling deploy a newer worker that knows the job may take the retry.
        if (handler === undefined) throw new Error(`No handler for job ${job.name} on queue ${queue.name}`);
        const result = await handler(job.data);
        stop({ outcome: 'completed' });
        return result;
      } catch (error) {
        stop({ outcome: 'failed' });
        if (error instanceof DomainError) throw new UnrecoverableError(`${error.code}: ${error.message}`);
        throw error;
      }
    },
    {
      connection,
      prefix: config.queues.prefix,
      concurrency: queue.concurrency,
      maxStalledCount: MAX_STALLED_COUNT,
      lockDuration: config.queues.lockDurationMs,
      stalledInterval: config.queues.stalledIntervalMs,
    },
  );
  worker.on('failed', (job, error) => logger.warn(`${job?.name ?? '?'} ${job?.id ?? '?'} failed: ${error.message}`));
  worker.on('failed', (job, error) => {
    const giveUp = job === undefined ? undefined : queue.onGiveUp.get(job.name);
    if (job === undefined || giveUp === undefined) return;
    const exhausted = job.attemptsMade >= (job.opts.attempts ?? 1) || error.name === 'UnrecoverableError';
    if (!exhausted) return;
    giveUp(job.data, error).catch((e: unknown) =>
      logger.warn(`could not record that ${job.name} ${job.id ?? '?'} gave up: ${(e as Error).message}`),
    );
  });
  worker.on('error', (error) => logger.error(`worker error: ${error.message}`));
  return { worker, connection };
}

/** How long a stopping worker waits for its running jobs to finish. */
export const GRACEFUL_STOP_MS = 10_000;

/**
 * Closes a worker and the connection it owns: active jobs finish first, for `graceMs` at most. A close still pending
 * then (a job still running, or a BullMQ connection parked in ioredis' reconnecting state, whose close waits for an
 * event that never comes) is not awaited further: the connections are dropped and the jobs still running are left, as
 * after a crash, to BullMQ's stalled-job check, which gives them to a worker again (every job is idempotent).
 */
export async function stopQueueWorker(
  { worker, connection }: RunningWorker,
  graceMs = GRACEFUL_STOP_MS,
): Promise<void> {
  if (await settlesWithin(worker.close(), graceMs)) {
    await connection.quit().catch(() => undefined);
    return;
  }
  new Logger(`worker:${worker.name}`).warn(`did not stop within ${graceMs} ms; its running jobs will be retried`);
  // A second close() only returns the pending one: BullMQ's own force-disconnect, then the connection we own.
  worker.disconnect().catch(() => undefined);
  connection.disconnect();
}

/** Whether the work ends (either way) within ms. */
async function settlesWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  const ended = work.then(
    () => true,
    () => true,
  );
  return Promise.race([ended, late]).finally(() => clearTimeout(timer));
}

export interface RunningWorker {
  worker: Worker;
  connection: Redis;
}
