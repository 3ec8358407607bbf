import { INSIGHTS_CONFIG } from '@ambidex/insights';
import { ConfigError, loadConfig } from '@ambidex/platform';
import { CONFIG_SECTIONS, loadAppConfig } from './config-sections';

describe('loadAppConfig', () => {
  it('starts on embedded defaults with nothing set', () => {
    const config = loadAppConfig({});
    expect(config.database.url).toBeUndefined();
    expect(config.redis.url).toBeUndefined();
    expect(config.http.port).toBe(3000);
    expect(config.database.embeddedDir).toMatch(/data[/\\]pglite$/);
    expect(config.auth.tokenSecret).toHaveLength(64);
  });

  it('lists every bad variable in one error', () => {
    const attempt = (): unknown =>
      loadAppConfig({
        PORT: 'eighty',
        DATABASE_URL: 'mysql://x',
        LOG_LEVEL: 'loud',
        SEED_DEMO_DATA: 'perhaps',
        AMBIDEX_ADMIN_EMAIL: 'a@b.c',
      });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      const problems = (error as ConfigError).problems;
      expect(problems).toHaveLength(5);
      for (const name of ['PORT', 'DATABASE_URL', 'LOG_LEVEL', 'SEED_DEMO_DATA', 'AMBIDEX_ADMIN_EMAIL']) {
        expect(problems.some((p) => p.startsWith(name))).toBe(true);
      }
    }
  });

  it('demands a real token secret in production', () => {
    expect(() => loadAppConfig({ NODE_ENV: 'production' })).toThrow(/AUTH_TOKEN_SECRET/);
    expect(loadAppConfig({ NODE_ENV: 'production', AUTH_TOKEN_SECRET: 's'.repeat(32) }).auth.tokenSecret).toBe(
      's'.repeat(32),
    );
  });

  it('reads explicit values', () => {
    const config = loadAppConfig({
      DATABASE_URL: 'postgres://u@h:5/d',
      REDIS_URL: 'redis://h:6',
      PORT: '8080',
      QUEUE_PREFIX: 'p',
    });
    expect(config.database.url).toBe('postgres://u@h:5/d');
    expect(config.redis.url).toBe('redis://h:6');
    expect(config.http.port).toBe(8080);
    expect(config.queues.prefix).toBe('p');
  });

  it('sets an outbox event aside as a dead letter after 10 failed deliveries unless OUTBOX_MAX_ATTEMPTS says otherwise', () => {
    expect(loadAppConfig({}).queues.outboxMaxAttempts).toBe(10);
    expect(loadAppConfig({ OUTBOX_MAX_ATTEMPTS: '3' }).queues.outboxMaxAttempts).toBe(3);
    expect(() => loadAppConfig({ OUTBOX_MAX_ATTEMPTS: '0' })).toThrow(/OUTBOX_MAX_ATTEMPTS/);
  });

  it('reads the dashboard refresh timings, within their bounds', () => {
    expect(loadAppConfig({}).insights).toEqual({
      refreshDebounceMs: 1000,
      safetyRefreshEveryMs: 900_000,
      staleAfterMs: 86_400_000,
      incrementalApply: true,
    });
    expect(
      loadAppConfig({
        INSIGHTS_REFRESH_DEBOUNCE_MS: '0',
        INSIGHTS_STALE_AFTER_MS: '60000',
        INSIGHTS_INCREMENTAL_APPLY: 'false',
      }).insights,
    ).toMatchObject({
      refreshDebounceMs: 0,
      staleAfterMs: 60_000,
      incrementalApply: false,
    });
    expect(() => loadAppConfig({ INSIGHTS_SAFETY_REFRESH_MS: '10' })).toThrow(/INSIGHTS_SAFETY_REFRESH_MS/);
  });

  it('reads the duplicate check budgets, where 0 leaves the check to the background, and the index setting', () => {
    expect(loadAppConfig({}).duplicates).toEqual({ checkBudgetMs: 1000, backgroundBudgetMs: 120_000, index: 'memory' });
    expect(loadAppConfig({ DUPLICATE_INDEX: 'off' }).duplicates.index).toBe('off');
    expect(() => loadAppConfig({ DUPLICATE_INDEX: 'disk' })).toThrow(/DUPLICATE_INDEX/);
    expect(loadAppConfig({ DUPLICATE_CHECK_BUDGET_MS: '0' }).duplicates.checkBudgetMs).toBe(0);
    expect(() =>
      loadAppConfig({ DUPLICATE_CHECK_BUDGET_MS: '60000', DUPLICATE_CHECK_BACKGROUND_BUDGET_MS: '5' }),
    ).toThrow(/DUPLICATE_CHECK_BUDGET_MS[\s\S]*DUPLICATE_CHECK_BACKGROUND_BUDGET_MS/);
  });

  it('connects the app as ambidex_app: derived from the owner URL, or DATABASE_APP_URL', () => {
    expect(loadAppConfig({}).database.appUrl).toBeUndefined();
    expect(loadAppConfig({ DATABASE_URL: 'postgres://postgres@h:5/d' }).database.appUrl).toBe(
      'postgres://ambidex_app@h:5/d',
    );
    expect(
      loadAppConfig({ DATABASE_URL: 'postgres://owner:secret@h:5/d', DATABASE_APP_PASSWORD: 'p@ss word' }).database,
    ).toMatchObject({
      appUrl: 'postgres://ambidex_app:p%40ss%20word@h:5/d',
      appPassword: 'p@ss word',
    });
    expect(
      loadAppConfig({ DATABASE_URL: 'postgres://o@h/d', DATABASE_APP_URL: 'postgres://app:x@pooler/d' }).database
        .appUrl,
    ).toBe('postgres://app:x@pooler/d');
    expect(() => loadAppConfig({ DATABASE_APP_URL: 'postgres://app@h/d' })).toThrow(
      /DATABASE_APP_URL needs DATABASE_URL/,
    );
  });

  it('reads from the primary unless DATABASE_READ_URL names a replica, which needs a real primary', () => {
    expect(loadAppConfig({ DATABASE_URL: 'postgres://o@h/d' }).database.readUrl).toBeUndefined();
    expect(
      loadAppConfig({ DATABASE_URL: 'postgres://o@h/d', DATABASE_READ_URL: 'postgres://ambidex_app@replica/d' })
        .database.readUrl,
    ).toBe('postgres://ambidex_app@replica/d');
    expect(() => loadAppConfig({ DATABASE_READ_URL: 'postgres://ambidex_app@replica/d' })).toThrow(
      /DATABASE_READ_URL needs DATABASE_URL/,
    );
  });

  it('keeps the audit checkpoints and their key under the data folder unless told otherwise', () => {
    expect(loadAppConfig({ AMBIDEX_DATA_DIR: '/srv/ambidex' }).audit).toEqual({
      checkpointFile: '/srv/ambidex/audit/checkpoints.jsonl',
      signingKeyFile: '/srv/ambidex/audit/checkpoint-signing-key.pem',
      checkpointEveryMs: 300_000,
    });
    expect(
      loadAppConfig({ AUDIT_CHECKPOINT_FILE: '/worm/cp.jsonl', AUDIT_CHECKPOINT_INTERVAL_MS: '60000' }).audit,
    ).toMatchObject({
      checkpointFile: '/worm/cp.jsonl',
      checkpointEveryMs: 60_000,
    });
    expect(() => loadAppConfig({ AUDIT_CHECKPOINT_INTERVAL_MS: '5' })).toThrow(/AUDIT_CHECKPOINT_INTERVAL_MS/);
  });

  it('trusts no proxy unless TRUSTED_PROXIES lists addresses or ranges, and names a bad entry', () => {
    expect(loadAppConfig({}).http.trustedProxies).toEqual([]);
    expect(loadAppConfig({ TRUSTED_PROXIES: '10.0.0.1, 10.1.0.0/16,::1,loopback' }).http.trustedProxies).toEqual([
      '10.0.0.1',
      '10.1.0.0/16',
      '::1',
      'loopback',
    ]);
    expect(() => loadAppConfig({ TRUSTED_PROXIES: '10.0.0.1,proxy.example,10.0.0.0/33' })).toThrow(
      /TRUSTED_PROXIES.*"proxy.example"[\s\S]*"10.0.0.0\/33"/,
    );
  });

  it('sends no mail unless SMTP_URL is set; reads the sender, digest hour and retries within their bounds', () => {
    expect(loadAppConfig({}).mail).toEqual({
      smtpUrl: undefined,
      from: 'Ambidex <ambidex@localhost>',
      digestHourUtc: 7,
      attempts: 10,
      retryDelayMs: 30_000,
    });
    expect(
      loadAppConfig({
        SMTP_URL: 'smtps://user:pw@mail.example:465',
        MAIL_FROM: 'Innovation <ims@example.org>',
        MAIL_DIGEST_HOUR: '0',
      }).mail,
    ).toMatchObject({
      smtpUrl: 'smtps://user:pw@mail.example:465',
      from: 'Innovation <ims@example.org>',
      digestHourUtc: 0,
    });
    expect(loadAppConfig({ MAIL_FROM: 'ims@example.org' }).mail.from).toBe('ims@example.org');
    const attempt = (): unknown =>
      loadAppConfig({
        SMTP_URL: 'http://mail.example',
        MAIL_FROM: 'nobody',
        MAIL_DIGEST_HOUR: '24',
        MAIL_SEND_ATTEMPTS: '0',
      });
    expect(attempt).toThrow(/SMTP_URL[\s\S]*MAIL_FROM[\s\S]*MAIL_DIGEST_HOUR[\s\S]*MAIL_SEND_ATTEMPTS/);
  });

  it('refuses a list that leaves a section out (at typecheck) or reads one twice', () => {
    const withoutMail = (): unknown =>
      // @ts-expect-error the mail, duplicates and insights sections are missing
      loadConfig([CONFIG_SECTIONS[0]], {});
    expect(withoutMail).toBeDefined();
    expect(() => loadConfig([...CONFIG_SECTIONS, INSIGHTS_CONFIG], {})).toThrow(/"insights" is read twice/);
  });
});
