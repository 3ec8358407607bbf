import { APP_DATABASE_ROLE, AppConfig, buildDataSourceOptions } from '@ambidex/platform';
import { DataSource } from 'typeorm';
import { ALL_ENTITIES } from './entities';

export function createDataSource(config: AppConfig, url: string): DataSource {
  return new DataSource(buildDataSourceOptions(config, url, ALL_ENTITIES));
}

/**
 * Applies pending migrations as the owner (url); returns the names it applied. When DATABASE_APP_PASSWORD is set,
 * it becomes the application role's password, so a server with password authentication lets the app log in.
 */
export async function runMigrations(config: AppConfig, url: string): Promise<string[]> {
  const dataSource = await createDataSource(config, url).initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    const password = config.database.appPassword;
    if (password !== undefined) {
      const [statement] = (await dataSource.query(
        `SELECT format('ALTER ROLE %I LOGIN PASSWORD %L', $1::text, $2::text) AS sql`,
        [APP_DATABASE_ROLE, password],
      )) as { sql: string }[];
      if (statement !== undefined) await dataSource.query(statement.sql);
    }
    return applied.map((m) => m.name);
  } finally {
    await dataSource.destroy();
  }
}

/** The SQL TypeORM would run to make the schema match the entities; empty when they agree. */
export async function pendingSchemaDiff(config: AppConfig, url: string): Promise<string[]> {
  const dataSource = await createDataSource(config, url).initialize();
  try {
    const sql = await dataSource.driver.createSchemaBuilder().log();
    return sql.upQueries.map((q) => q.query);
  } finally {
    await dataSource.destroy();
  }
}
