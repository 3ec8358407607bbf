import { PasswordHasher, UsersService } from '@ambidex/identity';
import { InsightsRefresh } from '@ambidex/insights';
import { SYSTEM_ACTOR, TransactionRunner } from '@ambidex/platform';
import { INestApplicationContext } from '@nestjs/common';
import { performance } from 'node:perf_hooks';
import { DataSource } from 'typeorm';
import { DEMO_PASSWORD, DEMO_USERS, loadDemoCast } from './demo-cast';
import { seedDemoPortfolio } from './demo-portfolio';
import { seedDemoQualityLoop } from './demo-quality-loop';

export { DEMO_PASSWORD, DEMO_USERS } from './demo-cast';

/** Seeds demo data into an empty database (no users but the bootstrap admin); prints each step. */
export async function seedDemoData(
  app: INestApplicationContext,
  log: (line: string) => void,
  now: Date = new Date(),
): Promise<boolean> {
  const [row] = (await app.get(DataSource).query(`SELECT count(*)::int AS n FROM users`)) as { n: number }[];
  if ((row?.n ?? 0) > 1) return false;
  const started = performance.now();
  const users = app.get(UsersService);
  const hash = await app.get(PasswordHasher).hash(DEMO_PASSWORD);
  for (const [index, user] of DEMO_USERS.entries()) {
    await app
      .get(TransactionRunner)
      .run((em) => users.insert(em, SYSTEM_ACTOR, { ...user, password: DEMO_PASSWORD }, hash));
    log(`  seeding demo users ${index + 1}/${DEMO_USERS.length}: ${user.email}`);
  }
  const cast = await loadDemoCast(app);
  if (cast === null) return true;
  const portfolioId = await seedDemoPortfolio(app, cast, log, now);
  await seedDemoQualityLoop(app, cast, portfolioId, now);
  log('  seeding the quality loop: a customer complaint in CAPA, an internal audit planned, a management review');
  // The worker refreshes the dashboard after each burst of events; refreshing here too means the dashboard shows the
  // back-dated history as soon as the seed returns, whichever refresh the worker was in.
  await app.get(InsightsRefresh).refresh(portfolioId);
  log(`  demo data seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return true;
}
