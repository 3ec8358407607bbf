import { join } from 'node:path';
import { DataSourceOptions, MixedList } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { SILENT_QUERY_LOG, StructuredQueryLogger } from '../logging/query-logger';

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
    // JSON through the app's logger, never with the query's parameters (password hashes, document bodies).
    logger:
      config.logLevel === 'silent'
        ? new StructuredQueryLogger(false, SILENT_QUERY_LOG)
        : new StructuredQueryLogger(config.database.logQueries),
    // The embedded database serves one connection at a time (see docs/ARCHITECTURE.md).
    extra: { max: config.database.url === undefined ? 1 : config.database.poolSize },
  };
}
