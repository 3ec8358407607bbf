/**
 * `npm start`: the whole product on its embedded defaults. Resolves PostgreSQL and Redis, migrates,
 * bootstraps an admin, seeds demo data into an empty database, then runs the API and the worker in this process.
 */
import 'reflect-metadata';
import { AdminBootstrap } from '@ambidex/identity';
import { AppConfig, ConfigError, createLogger, PinoNestLogger, RedisUnavailableError } from '@ambidex/platform';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ApiModule } from '../apps/api/src/api.module';
import { createHttpApp } from '../apps/api/src/http/create-http-app';
import { DEMO_PASSWORD, DEMO_USERS, seedDemoData } from '../apps/shared/src/demo-seed';
import { Infrastructure } from '../apps/shared/src/root.module';
import { resolveInfrastructure } from '../apps/shared/src/infrastructure';
import { ensureReferenceData } from '../apps/shared/src/reference-data';
import { runMigrations } from '../apps/shared/src/migrations';
import { RootModule } from '../apps/shared/src/root.module';
import { WorkerModule } from '../apps/worker/src/worker.module';
import { loadAppConfig } from '../apps/shared/src/config-sections';

const say = (line: string): void => console.log(`[ambidex] ${line}`);

async function main(): Promise<void> {
  const config = loadAppConfig();
  const infra = await resolveInfrastructure(config, say);
  const running: { app?: NestFastifyApplication } = {};
  let shuttingDown = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (shuttingDown) return;
    shuttingDown = true;
    say(`${signal}: stopping API, worker and the services this process started …`);
    await running.app?.close().catch(() => undefined);
    await infra.stop();
    say('stopped.');
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

  say('Applying migrations …');
  const applied = await runMigrations(config, infra.ownerDatabaseUrl);
  say(applied.length === 0 ? 'Schema is up to date.' : `Applied ${applied.length} migration(s): ${applied.join(', ')}`);

  const logger = createLogger(config);
  const seeded = config.seedDemoData ? await seedBeforeTheWorker(config, infra, logger) : false;
  const app = await createHttpApp(RootModule.forRoot(config, infra, [ApiModule, WorkerModule]), config, logger);
  running.app = app;
  const admin = await app.get(AdminBootstrap).ensureAdmin();
  await ensureReferenceData(app, say);
  await app.listen({ host: config.http.host, port: config.http.port });

  const url = config.http.publicUrl;
  say('');
  say(`Ambidex is running${infra.embeddedDatabase ? ' on its embedded PostgreSQL' : ''}.`);
  say(`  Web           ${url}/`);
  say(`  API docs      ${url}/api/docs   (OpenAPI: ${url}/api/openapi.json)`);
  say(`  Queues        ${url}/admin/queues   (admins)`);
  say(`  Health        ${url}/health/ready   Metrics ${url}/metrics`);
  if (admin.created) {
    say(`  Admin         ${admin.email} / ${admin.generatedPassword ?? '(the AMBIDEX_ADMIN_PASSWORD you set)'}`);
    if (admin.generatedPassword !== null) say('                (generated now and shown once: keep it)');
  }
  if (seeded || config.seedDemoData) {
    say(`  Demo logins   password "${DEMO_PASSWORD}" for: ${DEMO_USERS.map((u) => u.email).join(', ')}`);
  }
  say('Press Ctrl-C to stop.');
}

/**
 * The demo seed runs in a context of its own, before the worker starts: its few hundred events then reach the worker
 * as one burst (one dashboard refresh, not one a second while it seeds), and the embedded database's single
 * connection serves the seed alone. The seed calls the jobs' services itself, so it needs no worker.
 */
async function seedBeforeTheWorker(
  config: AppConfig,
  infra: Infrastructure,
  logger: ReturnType<typeof createLogger>,
): Promise<boolean> {
  const context = await NestFactory.createApplicationContext(RootModule.forRoot(config, infra, []), {
    logger: new PinoNestLogger(logger),
  });
  try {
    await ensureReferenceData(context, say);
    return await seedDemoData(context, say);
  } finally {
    await context.close();
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof RedisUnavailableError)
    console.error(`[ambidex] ${error.message}`);
  else console.error(error);
  process.exit(1);
});
