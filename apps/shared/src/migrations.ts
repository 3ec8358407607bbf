import { AppConfig, buildDataSourceOptions } from '@ambidex/platform';
import { DataSource } from 'typeorm';
import { ALL_ENTITIES } from './entities';

export function createDataSource(config: AppConfig, url: string): DataSource {
  return new DataSource(buildDataSourceOptions(config, url, ALL_ENTITIES));
}

/** Applies pending migrations; returns the names it applied. */
export async function runMigrations(config: AppConfig, url: string): Promise<string[]> {
  const dataSource = await createDataSource(config, url).initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
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
