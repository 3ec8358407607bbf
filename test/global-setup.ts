import { spawnSync } from 'node:child_process';
import { createThrowawayDatabase } from '../apps/shared/src/throwaway-database';

/**
 * One database per test run, built by the real migrations (through `npm run migrate`'s script), so runs
 * never collide. Jest's workers inherit the environment: that is how they learn the run's database.
 */
export default async function globalSetup(): Promise<void> {
  // eslint-disable-next-line no-restricted-syntax -- the one hand-off of the run's database to the workers
  const env = process.env;
  const base = env.DATABASE_URL;
  if (base === undefined || env.REDIS_URL === undefined)
    throw new Error('Tests need DATABASE_URL and REDIS_URL; run them with npm test');
  const db = await createThrowawayDatabase(base, 'ambidex_test');
  const migrate = spawnSync(process.execPath, ['-r', '@swc-node/register', 'scripts/migrate.ts'], {
    env: { ...env, DATABASE_URL: db.url },
    stdio: 'inherit',
  });
  if (migrate.status !== 0) throw new Error(`migrations failed on the test database (exit ${migrate.status})`);
  env.DATABASE_URL = db.url;
  (globalThis as { dropTestDatabase?: () => Promise<void> }).dropTestDatabase = db.drop;
}
