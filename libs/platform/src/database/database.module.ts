import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Pool, PoolClient } from 'pg';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { buildDataSourceOptions, EntityList } from './data-source-options';
import { ReadSource, readSourceProvider } from './read-source';
import { TransactionRunner } from './transaction-runner';

@Global()
@Module({})
export class DatabaseModule {
  /**
   * databaseUrl is resolved by the entry point (it may be the embedded server's address). sessionRole is for the
   * embedded PGlite only, which has one session user whatever the client logs in as: there every connection
   * switches to the application role with SET ROLE. A real server gets a login of that role instead, which injected
   * SQL cannot undo with RESET ROLE.
   */
  static forRoot(databaseUrl: string, entities: EntityList, sessionRole?: string): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => buildDataSourceOptions(config, databaseUrl, entities),
          dataSourceFactory: async (options) => {
            const dataSource = await new DataSource(options as NonNullable<typeof options>).initialize();
            if (sessionRole !== undefined) await assumeRole(dataSource, sessionRole);
            return dataSource;
          },
        }),
      ],
      providers: [TransactionRunner, readSourceProvider(entities)],
      exports: [TransactionRunner, ReadSource],
    };
  }
}

async function assumeRole(dataSource: DataSource, role: string): Promise<void> {
  const pool = (dataSource.driver as unknown as { master: Pool }).master;
  const setRole = `SET ROLE "${role.replace(/"/g, '""')}"`;
  pool.on('connect', (client: PoolClient) => void client.query(setRole).catch(() => undefined));
  // The connection TypeORM opened while initialising is already in the pool.
  await dataSource.query(setRole);
}
