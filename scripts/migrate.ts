/** `npm run migrate`: applies pending migrations to DATABASE_URL (the docker-compose one-shot service). */
import { runMigrations } from '../apps/shared/src/migrations';
import { loadAppConfig } from '../apps/shared/src/config-sections';

async function main(): Promise<void> {
  const config = loadAppConfig();
  if (config.database.url === undefined)
    throw new Error('npm run migrate needs DATABASE_URL; npm start migrates the embedded database itself');
  const applied = await runMigrations(config, config.database.url);
  console.log(applied.length === 0 ? 'Schema is up to date.' : `Applied: ${applied.join(', ')}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
