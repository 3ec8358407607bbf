import {
  AppConfig,
  createRedisConnection,
  DomainError,
  JobContract,
  Metrics,
  QueueName,
  MAX_STALLED_COUNT,
} from '@ambidex/platform';
import { Logger } from '@nestjs/common';
import { Job, UnrecoverableError, Worker } from 'bullmq';
import { Redis } from 'ioredis';

type JobsOf<Q extends QueueName> = Extract<JobContract, { queue: Q }>;

export interface QueueWorkerOptions<Q extends QueueName> {
  queue: Q;
  redisUrl: string;
  config: AppConfig;
  metrics: Metrics;
  concurrency: number;
  handle: (job: JobsOf<Q>) => Promise<unknown>;
}

/**
 * A BullMQ worker with Ambidex's rules: its own blocking connection (maxRetriesPerRequest: null),
 * raised stall limits, job durations in the metrics, and domain errors made unrecoverable (retrying cannot fix them).
 */
export function startQueueWorker<Q extends QueueName>(options: QueueWorkerOptions<Q>): RunningWorker {
  const connection = createRedisConnection(options.redisUrl, 'worker');
  const logger = new Logger(`worker:${options.queue}`);
  const worker = new Worker(
    options.queue,
    async (job: Job) => {
      const stop = options.metrics.jobDuration.startTimer({ queue: options.queue, job: job.name });
      try {
        const result = await options.handle({ queue: options.queue, name: job.name, data: job.data } as JobsOf<Q>);
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
      prefix: options.config.queues.prefix,
      concurrency: options.concurrency,
      maxStalledCount: MAX_STALLED_COUNT,
      lockDuration: options.config.queues.lockDurationMs,
      stalledInterval: options.config.queues.stalledIntervalMs,
    },
  );
  worker.on('failed', (job, error) => logger.warn(`${job?.name ?? '?'} ${job?.id ?? '?'} failed: ${error.message}`));
  worker.on('error', (error) => logger.error(`worker error: ${error.message}`));
  return { worker, connection };
}

/** Closes a worker and the connection it owns: active jobs finish first. */
export async function stopQueueWorker({ worker, connection }: RunningWorker): Promise<void> {
  await worker.close();
  await connection.quit().catch(() => undefined);
}

export interface RunningWorker {
  worker: Worker;
  connection: Redis;
}
