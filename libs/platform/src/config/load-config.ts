import { resolve } from 'node:path';
import { deriveAppDatabaseUrl } from '../database/app-role';
import { AppConfig, PlatformConfig } from './app-config';
import { ConfigSection, MissingConfigSections } from './config-section';
import { CollectingEnvReader, Env, EnvReader } from './env-reader';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * The platform's sections, then every context's from `sections` (the list in apps/shared/src/config-sections.ts).
 * A list that leaves a context's section out does not typecheck; one that names a section twice throws.
 */
export function loadConfig<S extends readonly ConfigSection[]>(
  sections: S & ([MissingConfigSections<S>] extends [never] ? unknown : { missingSections: MissingConfigSections<S> }),
  env: Env = process.env,
): AppConfig {
  const read = new CollectingEnvReader(env);
  const config: Record<string, unknown> = { ...readPlatformConfig(read) };
  const base = { env: config.env as AppConfig['env'] };
  for (const section of sections) {
    if (section.key in config) throw new Error(`The config section "${section.key}" is read twice`);
    config[section.key] = section.read(read, base);
  }
  if (read.problems.length > 0) throw new ConfigError(read.problems);
  return config as unknown as AppConfig;
}

function readPlatformConfig(read: EnvReader): PlatformConfig {
  const nodeEnv = read.oneOf('NODE_ENV', ['development', 'test', 'production'] as const, 'development');
  const port = read.int('PORT', 3000, 0, 65535);
  const host = read.string('HOST', '127.0.0.1');
  const dataDir = resolve(read.string('AMBIDEX_DATA_DIR', 'data'));
  const databaseUrl = read.url('DATABASE_URL', ['postgres:', 'postgresql:']);
  const appPassword = read.optional('DATABASE_APP_PASSWORD');
  const appUrl = read.url('DATABASE_APP_URL', ['postgres:', 'postgresql:']);
  const readUrl = read.url('DATABASE_READ_URL', ['postgres:', 'postgresql:']);
  const config: PlatformConfig = {
    env: nodeEnv,
    http: {
      host,
      port,
      bodyLimitBytes: read.int('HTTP_BODY_LIMIT_BYTES', 1_048_576, 1024, 104_857_600),
      ingestBodyLimitBytes: read.int('INGEST_BODY_LIMIT_BYTES', 33_554_432, 1024, 536_870_912),
      publicUrl: read.string('PUBLIC_URL', `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`),
      trustedProxies: read.addressList('TRUSTED_PROXIES'),
    },
    database: {
      url: databaseUrl,
      appUrl: appUrl ?? (databaseUrl === undefined ? undefined : deriveAppDatabaseUrl(databaseUrl, appPassword)),
      appPassword,
      readUrl,
      embeddedDir: resolve(dataDir, 'pglite'),
      embeddedPort: read.int('EMBEDDED_PG_PORT', 54329, 0, 65535),
      poolSize: read.int('DATABASE_POOL_SIZE', 10, 1, 200),
      logQueries: read.bool('DATABASE_LOG_QUERIES', false),
    },
    redis: {
      url: read.url('REDIS_URL', ['redis:', 'rediss:']),
      embeddedPort: read.int('EMBEDDED_REDIS_PORT', 63799, 1, 65535),
    },
    queues: {
      prefix: read.string('QUEUE_PREFIX', 'ambidex'),
      relayIntervalMs: read.int('OUTBOX_RELAY_INTERVAL_MS', 200, 10, 60_000),
      sweepIntervalMs: read.int('OUTBOX_SWEEP_INTERVAL_MS', 30_000, 100, 3_600_000),
      // Failed deliveries of one outbox event before it is set aside as a dead letter for an admin.
      outboxMaxAttempts: read.int('OUTBOX_MAX_ATTEMPTS', 10, 1, 1000),
      // How soon a job whose worker died is taken over by another (BullMQ's lock and stall check).
      lockDurationMs: read.int('WORKER_LOCK_DURATION_MS', 30_000, 1000, 600_000),
      stalledIntervalMs: read.int('WORKER_STALLED_INTERVAL_MS', 30_000, 500, 600_000),
    },
    audit: {
      checkpointFile: resolve(read.string('AUDIT_CHECKPOINT_FILE', resolve(dataDir, 'audit', 'checkpoints.jsonl'))),
      signingKeyFile: resolve(
        read.string('AUDIT_SIGNING_KEY_FILE', resolve(dataDir, 'audit', 'checkpoint-signing-key.pem')),
      ),
      checkpointEveryMs: read.int('AUDIT_CHECKPOINT_INTERVAL_MS', 5 * 60_000, 1_000, 86_400_000),
    },
    dataDir,
    seedDemoData: read.bool('SEED_DEMO_DATA', nodeEnv !== 'production'),
    logLevel: read.oneOf('LOG_LEVEL', LOG_LEVELS, nodeEnv === 'test' ? 'silent' : 'info'),
    workerMetricsPort: read.int('WORKER_METRICS_PORT', 9465, 0, 65535),
  };
  if (appUrl !== undefined && databaseUrl === undefined) {
    read.problems.push(
      'DATABASE_APP_URL needs DATABASE_URL (the owner, for migrations); without both the embedded database is used',
    );
  }
  if (readUrl !== undefined && databaseUrl === undefined) {
    read.problems.push('DATABASE_READ_URL needs DATABASE_URL: the embedded database has no replica');
  }
  return config;
}
