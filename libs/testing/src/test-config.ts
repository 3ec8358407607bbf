import { AppConfig, loadConfig } from '@ambidex/platform';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The run's config (DATABASE_URL and REDIS_URL come from npm test), with a queue prefix of its own per
 * suite so suites running side by side never see each other's jobs.
 */
export function testConfig(
  overrides: Partial<AppConfig['queues']> & { auth?: Partial<AppConfig['auth']> } = {},
): AppConfig {
  const base = loadConfig();
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
