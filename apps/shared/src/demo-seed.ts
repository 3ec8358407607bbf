import { PasswordHasher, UsersService } from '@ambidex/identity';
import { InsightsRefresh } from '@ambidex/insights';
import { RETRYABLE_SQL_STATES, sqlStateOf, SYSTEM_ACTOR, TransactionRunner } from '@ambidex/platform';
import { INestApplicationContext } from '@nestjs/common';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
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
  await refreshUntilSerialised(app.get(InsightsRefresh), portfolioId);
  log(`  demo data seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return true;
}

/**
 * A refresh fails to serialise when the worker marks one of the portfolio's initiatives for an apply meanwhile (the
 * seed's own events do); the worker's refresh job is retried then, and so is this one.
 */
async function refreshUntilSerialised(refresh: InsightsRefresh, portfolioId: string, attempts = 5): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await refresh.refresh(portfolioId);
      return;
    } catch (error) {
      if (attempt >= attempts || !RETRYABLE_SQL_STATES.has(sqlStateOf(error))) throw error;
      await sleep(100 * attempt);
    }
  }
}
