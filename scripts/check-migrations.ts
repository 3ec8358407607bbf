/** CI step: migrate a fresh database, then fail if the entities still differ from what the migrations built. */
import { pendingSchemaDiff, runMigrations } from '../apps/shared/src/migrations';
import { createThrowawayDatabase } from '../apps/shared/src/throwaway-database';
import { loadAppConfig } from '../apps/shared/src/config-sections';

async function main(): Promise<void> {
  const config = loadAppConfig();
  if (config.database.url === undefined) throw new Error('migration:check needs DATABASE_URL (a PostgreSQL server)');
  const db = await createThrowawayDatabase(config.database.url, 'ambidex_migcheck');
  try {
    const applied = await runMigrations(config, db.url);
    const diff = await pendingSchemaDiff(config, db.url);
    if (diff.length > 0) {
      console.error(`Entities and migrations disagree; after ${applied.length} migrations TypeORM would still run:`);
      for (const sql of diff) console.error(`  ${sql};`);
      process.exitCode = 1;
    } else {
      console.log(`Entities and migrations agree (${applied.length} migrations applied to a fresh database).`);
    }
  } finally {
    await db.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
