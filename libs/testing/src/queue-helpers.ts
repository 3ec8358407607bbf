import { ALL_QUEUES, AppConfig } from '@ambidex/platform';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';

/** Polls until the condition holds or the deadline passes; returns the last value for the assertion. */
export async function eventually<T>(
  probe: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await probe();
  while (!done(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    value = await probe();
  }
  return value;
}

/** Removes every queue of the suite's prefix from Redis. */
export async function obliterateQueues(config: AppConfig): Promise<void> {
  const connection = new Redis(config.redis.url ?? '', { maxRetriesPerRequest: null });
  try {
    for (const name of ALL_QUEUES) {
      const queue = new Queue(name, { connection, prefix: config.queues.prefix });
      await queue.obliterate({ force: true });
      await queue.close();
    }
  } finally {
    await connection.quit();
  }
}
