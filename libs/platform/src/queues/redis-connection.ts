import { Redis, RedisOptions } from 'ioredis';

export type RedisRole = 'producer' | 'worker';

/**
 * Workers block on Redis and must wait forever for it (maxRetriesPerRequest: null);
 * producers should fail fast instead of queueing commands while Redis is away.
 */
export function createRedisConnection(url: string, role: RedisRole): Redis {
  const options: RedisOptions =
    role === 'worker'
      ? { maxRetriesPerRequest: null, enableReadyCheck: true }
      : { maxRetriesPerRequest: 3, enableOfflineQueue: true };
  return new Redis(url, { ...options, retryStrategy: (times) => Math.min(times * 200, 2000) });
}
