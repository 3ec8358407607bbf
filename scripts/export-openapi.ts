/**
 * `npm run openapi:export`: boots the API (no listening socket) and writes the OpenAPI document to
 * artifacts/openapi.json, for `redocly lint` in CI and for client generators.
 */
import 'reflect-metadata';
import { createLogger } from '@ambidex/platform';
import { mkdirSync, writeFileSync } from 'node:fs';
import { ApiModule } from '../apps/api/src/api.module';
import { createHttpApp } from '../apps/api/src/http/create-http-app';
import { buildOpenApiDocument } from '../apps/api/src/http/openapi';
import { RootModule } from '../apps/shared/src/root.module';
import { loadAppConfig } from '../apps/shared/src/config-sections';

async function main(): Promise<void> {
  const config = { ...loadAppConfig(), logLevel: 'warn' as const };
  if (config.database.url === undefined || config.redis.url === undefined) {
    throw new Error('openapi:export needs DATABASE_URL and REDIS_URL (the API boots to describe itself)');
  }
  const infra = { databaseUrl: config.database.url, redisUrl: config.redis.url };
  const app = await createHttpApp(RootModule.forRoot(config, infra, [ApiModule]), config, createLogger(config));
  try {
    mkdirSync('artifacts', { recursive: true });
    writeFileSync('artifacts/openapi.json', `${JSON.stringify(buildOpenApiDocument(app), null, 2)}\n`);
    console.log('Wrote artifacts/openapi.json');
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
