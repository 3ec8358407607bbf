import { join } from 'node:path';
import { DataSourceOptions, MixedList } from 'typeorm';
import { AppConfig } from '../config/app-config';

// TypeORM's EntitySchema-or-class list; kept loose because every context contributes its own classes.
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export type EntityList = MixedList<Function>;

export const MIGRATIONS_TABLE = 'schema_migrations';

/** One place that knows how Ambidex talks to PostgreSQL: never synchronize, migrations only. */
export function buildDataSourceOptions(config: AppConfig, url: string, entities: EntityList): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities,
    migrations: [join(__dirname, '..', '..', '..', '..', 'migrations', '*-*.{ts,js}')],
    migrationsTableName: MIGRATIONS_TABLE,
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    logging: config.database.logQueries ? 'all' : config.logLevel === 'silent' ? false : ['error'],
    // The embedded database serves one connection at a time (see docs/ARCHITECTURE.md).
    extra: { max: config.database.url === undefined ? 1 : config.database.poolSize },
  };
}
