import { AppConfig } from '@ambidex/platform';
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

/** Removes every queue of the suite's prefix from Redis: the queues found under it, whichever context declared them. */
export async function obliterateQueues(config: AppConfig): Promise<void> {
  const connection = new Redis(config.redis.url ?? '', { maxRetriesPerRequest: null });
  const prefix = config.queues.prefix;
  try {
    const names = new Set<string>();
    let cursor = '0';
    do {
      const [next, keys] = await connection.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      // BullMQ's keys are <prefix>:<queue>:<suffix>
      for (const key of keys) names.add(key.slice(prefix.length + 1).split(':')[0] ?? '');
    } while (cursor !== '0');
    for (const name of names) {
      if (name === '') continue;
      const queue = new Queue(name, { connection, prefix });
      await queue.obliterate({ force: true });
      await queue.close();
    }
  } finally {
    await connection.quit();
  }
}
