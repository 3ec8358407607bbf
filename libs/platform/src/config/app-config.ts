/** The platform's own sections of AppConfig. */
export interface PlatformConfig {
  env: 'development' | 'test' | 'production';
  /** http.trustedProxies: addresses/CIDRs whose X-Forwarded-For is believed (Fastify's trustProxy); empty = none. */
  http: {
    host: string;
    port: number;
    bodyLimitBytes: number;
    ingestBodyLimitBytes: number;
    publicUrl: string;
    trustedProxies: string[];
  };
  database: {
    /** The owner's URL: migrations run with it. Undefined: the embedded PGlite. */
    url: string | undefined;
    /** How the API and the worker connect: DATABASE_APP_URL, else `url` with the application role as user. */
    appUrl: string | undefined;
    /** The application role's password, set on the role by every migration run (docker-compose). */
    appPassword: string | undefined;
    /**
     * DATABASE_READ_URL: a read-only copy (a streaming replica) that the dashboards, the learning search and the
     * initiative listing read from; undefined = they read the primary. Used as given: log in as the application role.
     */
    readUrl: string | undefined;
    embeddedDir: string;
    embeddedPort: number;
    poolSize: number;
    logQueries: boolean;
  };
  /** Signed checkpoints of the audit chains, kept outside the database (docs/ARCHITECTURE.md, the audit trail). */
  audit: { checkpointFile: string; signingKeyFile: string; checkpointEveryMs: number };
  redis: { url: string | undefined; embeddedPort: number };
  /** outboxMaxAttempts: failed deliveries of one outbox event before it becomes a dead letter (OUTBOX_MAX_ATTEMPTS). */
  queues: {
    prefix: string;
    relayIntervalMs: number;
    sweepIntervalMs: number;
    outboxMaxAttempts: number;
    lockDurationMs: number;
    stalledIntervalMs: number;
  };
  dataDir: string;
  seedDemoData: boolean;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  workerMetricsPort: number;
}

/**
 * The one typed configuration object. Built once by loadConfig(); nothing else reads process.env. Each context adds
 * its own sections from a `<ctx>-config.ts` of its lib (`declare module '@ambidex/platform' { interface AppConfig {
 * … } }`) and exports a ConfigSection that reads them, so this file does not know every context.
 */
export interface AppConfig extends PlatformConfig {}

/** The sections the contexts add: each needs its ConfigSection in the list given to loadConfig. */
export type ContextConfigKey = Exclude<keyof AppConfig, keyof PlatformConfig>;
