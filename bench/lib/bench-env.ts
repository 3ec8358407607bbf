import { AppConfig } from '@ambidex/platform';
import { Redis } from 'ioredis';
import { createThrowawayDatabase } from '../../apps/shared/src/throwaway-database';
import { loadAppConfig } from '../../apps/shared/src/config-sections';

const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

export interface BenchEnvironment {
  config: AppConfig;
  databaseUrl: string;
  redisUrl: string;
  /** Drops the database and deletes the Redis keys under the bench's queue prefix. */
  drop(): Promise<void>;
}

/**
 * A throwaway PostgreSQL database next to the configured one (or the local default), and a config that
 * points at it. The environment is only ever read through loadAppConfig().
 */
export async function benchEnvironment(
  prefix: string,
  extra: Record<string, string> = {},
  existingDatabase?: string,
): Promise<BenchEnvironment> {
  const base = loadAppConfig();
  const redisUrl = base.redis.url ?? DEFAULT_REDIS_URL;
  const db =
    existingDatabase === undefined
      ? await createThrowawayDatabase(base.database.url ?? DEFAULT_DATABASE_URL, prefix)
      : existingDatabaseOf(base.database.url ?? DEFAULT_DATABASE_URL, existingDatabase);
  const queuePrefix = `bench-${process.pid}`;
  const config = loadAppConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: db.url,
    REDIS_URL: redisUrl,
    AUTH_TOKEN_SECRET: 'bench-secret-'.padEnd(48, 'x'),
    // Keeps BullMQ keys of the bench apart from any app running against the same Redis.
    QUEUE_PREFIX: queuePrefix,
    SEED_DEMO_DATA: 'false',
    ...extra,
  });
  return {
    config,
    databaseUrl: db.url,
    redisUrl,
    async drop() {
      await db.drop();
      await deleteKeys(redisUrl, `${queuePrefix}:*`);
    },
  };
}

/** A database a bench kept (--keep-database): reused as it is, and never dropped. */
function existingDatabaseOf(baseUrl: string, name: string): { url: string; drop(): Promise<void> } {
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: async () => undefined };
}

async function deleteKeys(redisUrl: string, pattern: string): Promise<void> {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/** `--name value` or `--name=value` from argv, as text; undefined when absent. */
export function stringArg(name: string): string | undefined {
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === `--${name}`) return argv[i + 1];
    if (arg.startsWith(`--${name}=`)) return arg.slice(name.length + 3);
  }
  return undefined;
}

/** `--name value` or `--name=value` from argv, as a positive number (or zero, where zero means "skip"). */
export function numberArg(name: string, fallback: number, { zero = false } = {}): number {
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    let raw: string | undefined;
    if (arg === `--${name}`) raw = argv[i + 1];
    else if (arg.startsWith(`--${name}=`)) raw = arg.slice(name.length + 3);
    if (raw === undefined) continue;
    const value = Number(raw);
    if (!Number.isFinite(value) || value < 0 || (value === 0 && !zero))
      throw new Error(`--${name} must be a ${zero ? 'non-negative' : 'positive'} number (got "${raw}")`);
    return value;
  }
  return fallback;
}

/** `--name a,b,c` as a list of positive integers. */
export function listArg(name: string, fallback: number[]): number[] {
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    let raw: string | undefined;
    if (arg === `--${name}`) raw = argv[i + 1];
    else if (arg.startsWith(`--${name}=`)) raw = arg.slice(name.length + 3);
    if (raw === undefined) continue;
    const values = raw.split(',').map(Number);
    if (values.some((v) => !Number.isInteger(v) || v <= 0))
      throw new Error(`--${name} must be positive integers (got "${raw}")`);
    return values;
  }
  return fallback;
}

export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
