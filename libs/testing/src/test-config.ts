import { AUTH_CONFIG, MAIL_CONFIG } from '@ambidex/identity';
import { INSIGHTS_CONFIG } from '@ambidex/insights';
import { LEAN_CONFIG } from '@ambidex/lean';
import { MARKET_CONFIG } from '@ambidex/market';
import { AppConfig, loadConfig } from '@ambidex/platform';
import { DUPLICATES_CONFIG } from '@ambidex/portfolio';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The run's config (DATABASE_URL and REDIS_URL come from npm test), with a queue prefix of its own per
 * suite so suites running side by side never see each other's jobs.
 */
/**
 * The sections of apps/shared/src/config-sections.ts, which a lib cannot import; loadConfig's typecheck keeps the two
 * lists complete.
 */
const TEST_CONFIG_SECTIONS = [
  AUTH_CONFIG,
  MAIL_CONFIG,
  DUPLICATES_CONFIG,
  INSIGHTS_CONFIG,
  LEAN_CONFIG,
  MARKET_CONFIG,
] as const;

export function testConfig(
  overrides: Partial<AppConfig['queues']> & { auth?: Partial<AppConfig['auth']> } = {},
): AppConfig {
  const base = loadConfig(TEST_CONFIG_SECTIONS);
  if (base.database.url === undefined || base.redis.url === undefined) {
    throw new Error('Tests need DATABASE_URL and REDIS_URL; run them with npm test');
  }
  const { auth, ...queues } = overrides;
  // Checkpoints describe one database: each suite keeps its own file and test key, never the developer's ./data.
  const auditDir = join(tmpdir(), `ambidex-audit-test-${randomBytes(4).toString('hex')}`);
  return {
    ...base,
    logLevel: 'silent',
    seedDemoData: false,
    queues: { ...base.queues, prefix: `test-${randomBytes(4).toString('hex')}`, relayIntervalMs: 50, ...queues },
    auth: { ...base.auth, tokenSecret: 'test-secret-test-secret-test-secret-00', ...auth },
    audit: {
      ...base.audit,
      checkpointFile: join(auditDir, 'checkpoints.jsonl'),
      signingKeyFile: join(auditDir, 'signing-key.pem'),
    },
  };
}

export function uniqueEmail(label: string): string {
  return `${label}-${randomBytes(5).toString('hex')}@test.ambidex.local`;
}
