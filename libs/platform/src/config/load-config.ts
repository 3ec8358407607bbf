import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { deriveAppDatabaseUrl } from '../database/app-role';
import { AppConfig } from './app-config';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/** Collects every problem instead of stopping at the first, so one start shows all bad variables. */
class EnvReader {
  readonly problems: string[] = [];
  constructor(private readonly env: Env) {}

  string(name: string, fallback: string): string {
    const raw = this.env[name];
    return raw === undefined || raw === '' ? fallback : raw;
  }

  optional(name: string): string | undefined {
    const raw = this.env[name];
    return raw === undefined || raw === '' ? undefined : raw;
  }

  int(name: string, fallback: number, min: number, max: number): number {
    const raw = this.optional(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      this.problems.push(`${name} must be an integer between ${min} and ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  }

  bool(name: string, fallback: boolean): boolean {
    const raw = this.optional(name);
    if (raw === undefined) return fallback;
    if (['true', '1', 'yes'].includes(raw.toLowerCase())) return true;
    if (['false', '0', 'no'].includes(raw.toLowerCase())) return false;
    this.problems.push(`${name} must be true or false (got "${raw}")`);
    return fallback;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const raw = this.optional(name);
    if (raw === undefined) return fallback;
    if ((allowed as readonly string[]).includes(raw)) return raw as T;
    this.problems.push(`${name} must be one of ${allowed.join(', ')} (got "${raw}")`);
    return fallback;
  }

  /** Comma-separated IP addresses, CIDR ranges or proxy-addr's names (loopback, linklocal, uniquelocal). */
  addressList(name: string): string[] {
    const entries = (this.optional(name) ?? '')
      .split(',')
      .map((entry) => entry.trim())
      .filter((entry) => entry !== '');
    for (const entry of entries) {
      if (!isAddressOrRange(entry))
        this.problems.push(`${name} must list IP addresses or CIDR ranges (got "${entry}")`);
    }
    return entries;
  }

  /** An address, bare or as `Name <address>`: what a From header takes. */
  mailbox(name: string, fallback: string): string {
    const raw = this.string(name, fallback);
    if (/^(?:[^<>\r\n]*<[^<>@\s]+@[^<>@\s]+>|[^<>@\s]+@[^<>@\s]+)$/.test(raw.trim())) return raw.trim();
    this.problems.push(`${name} must be an e-mail address, bare or as "Name <address>" (got "${raw}")`);
    return fallback;
  }

  url(name: string, protocols: string[]): string | undefined {
    const raw = this.optional(name);
    if (raw === undefined) return undefined;
    try {
      const parsed = new URL(raw);
      if (!protocols.includes(parsed.protocol)) throw new Error('protocol');
      return raw;
    } catch {
      this.problems.push(`${name} must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`);
      return undefined;
    }
  }
}

const ADDRESS_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

function isAddressOrRange(entry: string): boolean {
  if (ADDRESS_NAMES.includes(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return /^\d+$/.test(prefix) && bits <= (version === 4 ? 32 : 128);
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export function loadConfig(env: Env = process.env): AppConfig {
  const read = new EnvReader(env);
  const nodeEnv = read.oneOf('NODE_ENV', ['development', 'test', 'production'] as const, 'development');
  const port = read.int('PORT', 3000, 0, 65535);
  const host = read.string('HOST', '127.0.0.1');
  const dataDir = resolve(read.string('AMBIDEX_DATA_DIR', 'data'));
  const tokenSecret = read.optional('AUTH_TOKEN_SECRET');
  const databaseUrl = read.url('DATABASE_URL', ['postgres:', 'postgresql:']);
  const appPassword = read.optional('DATABASE_APP_PASSWORD');
  const appUrl = read.url('DATABASE_APP_URL', ['postgres:', 'postgresql:']);
  if (nodeEnv === 'production' && (tokenSecret === undefined || tokenSecret.length < 32)) {
    read.problems.push('AUTH_TOKEN_SECRET must be set to at least 32 characters in production');
  }
  const config: AppConfig = {
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
    insights: {
      refreshDebounceMs: read.int('INSIGHTS_REFRESH_DEBOUNCE_MS', 1_000, 0, 600_000),
      safetyRefreshEveryMs: read.int('INSIGHTS_SAFETY_REFRESH_MS', 15 * 60_000, 1_000, 86_400_000),
      staleAfterMs: read.int('INSIGHTS_STALE_AFTER_MS', 60 * 60_000, 1_000, 7 * 86_400_000),
    },
    audit: {
      checkpointFile: resolve(read.string('AUDIT_CHECKPOINT_FILE', resolve(dataDir, 'audit', 'checkpoints.jsonl'))),
      signingKeyFile: resolve(
        read.string('AUDIT_SIGNING_KEY_FILE', resolve(dataDir, 'audit', 'checkpoint-signing-key.pem')),
      ),
      checkpointEveryMs: read.int('AUDIT_CHECKPOINT_INTERVAL_MS', 5 * 60_000, 1_000, 86_400_000),
    },
    duplicates: {
      checkBudgetMs: read.int('DUPLICATE_CHECK_BUDGET_MS', 1_000, 0, 10_000),
      backgroundBudgetMs: read.int('DUPLICATE_CHECK_BACKGROUND_BUDGET_MS', 120_000, 1_000, 3_600_000),
    },
    auth: {
      // A random per-process secret keeps a newcomer safe; sessions then end on restart.
      tokenSecret: tokenSecret ?? randomBytes(32).toString('hex'),
      accessTokenTtlSeconds: read.int('AUTH_ACCESS_TOKEN_TTL_SECONDS', 900, 10, 86_400),
      sessionTtlSeconds: read.int('AUTH_SESSION_TTL_SECONDS', 7 * 86_400, 60, 90 * 86_400),
      loginMaxFailures: read.int('AUTH_LOGIN_MAX_FAILURES', 5, 1, 1000),
      loginWindowSeconds: read.int('AUTH_LOGIN_WINDOW_SECONDS', 900, 1, 86_400),
      bootstrapAdminEmail: read.optional('AMBIDEX_ADMIN_EMAIL'),
      bootstrapAdminPassword: read.optional('AMBIDEX_ADMIN_PASSWORD'),
    },
    mail: {
      smtpUrl: read.url('SMTP_URL', ['smtp:', 'smtps:']),
      from: read.mailbox('MAIL_FROM', 'Ambidex <ambidex@localhost>'),
      digestHourUtc: read.int('MAIL_DIGEST_HOUR', 7, 0, 23),
      attempts: read.int('MAIL_SEND_ATTEMPTS', 10, 1, 100),
      retryDelayMs: read.int('MAIL_RETRY_DELAY_MS', 30_000, 100, 3_600_000),
    },
    dataDir,
    seedDemoData: read.bool('SEED_DEMO_DATA', nodeEnv !== 'production'),
    logLevel: read.oneOf('LOG_LEVEL', LOG_LEVELS, nodeEnv === 'test' ? 'silent' : 'info'),
    workerMetricsPort: read.int('WORKER_METRICS_PORT', 9465, 0, 65535),
  };
  const adminPassword = config.auth.bootstrapAdminPassword;
  if (adminPassword !== undefined && adminPassword.length < 12) {
    read.problems.push('AMBIDEX_ADMIN_PASSWORD must be at least 12 characters');
  }
  if ((config.auth.bootstrapAdminEmail === undefined) !== (adminPassword === undefined)) {
    read.problems.push('AMBIDEX_ADMIN_EMAIL and AMBIDEX_ADMIN_PASSWORD must be set together');
  }
  if (appUrl !== undefined && databaseUrl === undefined) {
    read.problems.push(
      'DATABASE_APP_URL needs DATABASE_URL (the owner, for migrations); without both the embedded database is used',
    );
  }
  if (read.problems.length > 0) throw new ConfigError(read.problems);
  return config;
}
