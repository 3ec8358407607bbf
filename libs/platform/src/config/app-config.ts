/** The one typed configuration object. Built once by loadConfig(); nothing else reads process.env. */
export interface AppConfig {
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
  /** How the dashboards' read model keeps up (libs/insights, docs/metrics.md). */
  insights: { refreshDebounceMs: number; safetyRefreshEveryMs: number; staleAfterMs: number };
  /** Possible-duplicate search on create: its budget there (0 = leave it all to the background check), and in the background. */
  duplicates: { checkBudgetMs: number; backgroundBudgetMs: number };
  auth: {
    tokenSecret: string;
    accessTokenTtlSeconds: number;
    sessionTtlSeconds: number;
    loginMaxFailures: number;
    loginWindowSeconds: number;
    bootstrapAdminEmail: string | undefined;
    bootstrapAdminPassword: string | undefined;
  };
  /**
   * E-mail about inbox items (libs/identity/src/mail). Off while smtpUrl is undefined: nothing is queued then.
   * Links in mails start with http.publicUrl.
   */
  mail: { smtpUrl: string | undefined; from: string; digestHourUtc: number; attempts: number; retryDelayMs: number };
  dataDir: string;
  seedDemoData: boolean;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  workerMetricsPort: number;
}
