import 'reflect-metadata';
import { AdminBootstrap } from '@ambidex/identity';
import { createLogger } from '@ambidex/platform';
import { resolveInfrastructure } from '../../shared/src/infrastructure';
import { ensureReferenceData } from '../../shared/src/reference-data';
import { RootModule } from '../../shared/src/root.module';
import { ApiModule } from './api.module';
import { createHttpApp } from './http/create-http-app';
import { loadAppConfig } from '../../shared/src/config-sections';

/** The API alone, for deployments that run workers apart (docker-compose). `npm start` runs both in one. */
async function main(): Promise<void> {
  const config = loadAppConfig();
  const logger = createLogger(config, 'ambidex-api');
  const infra = await resolveInfrastructure(config, (line) => logger.info(line));
  const app = await createHttpApp(RootModule.forRoot(config, infra, [ApiModule]), config, logger);
  const admin = await app.get(AdminBootstrap).ensureAdmin();
  if (admin.created)
    logger.warn(
      `Created the first admin ${admin.email}${admin.generatedPassword === null ? '' : ` with the generated password ${admin.generatedPassword}`}`,
    );
  await ensureReferenceData(app, (line) => logger.info(line));
  await app.listen({ host: config.http.host, port: config.http.port });
  logger.info(`API listening on ${config.http.publicUrl}`);
  process.once('SIGTERM', () => void app.close().finally(() => infra.stop()));
  process.once('SIGINT', () => void app.close().finally(() => infra.stop()));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
