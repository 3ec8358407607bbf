import { AppConfig, deriveAppDatabaseUrl, PlatformModule } from '@ambidex/platform';
import { testConfig } from '@ambidex/testing';
import { DynamicModule, INestApplicationContext, Module, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { ALL_ENTITIES } from '../../apps/shared/src/entities';
import { runMigrations } from '../../apps/shared/src/migrations';
import { createThrowawayDatabase } from '../../apps/shared/src/throwaway-database';

@Module({})
class ServiceRoot {
  static with(config: AppConfig, contexts: Type[]): DynamicModule {
    return {
      module: ServiceRoot,
      imports: [
        PlatformModule.forRoot({
          config,
          databaseUrl: config.database.appUrl ?? '',
          redisUrl: config.redis.url ?? '',
          entities: ALL_ENTITIES,
        }),
        ...contexts,
      ],
    };
  }
}

/**
 * The service tier's harness: the platform and the context modules a spec names (each brings the contexts it
 * imports), on real PostgreSQL (as the application role) and Redis, without HTTP and without a worker. Specs call
 * the use cases directly; the jobs a use case would enqueue are run by calling their services too.
 */
export class ServiceContext {
  private constructor(
    readonly nest: INestApplicationContext,
    readonly config: AppConfig,
    private readonly dropDatabase?: () => Promise<void>,
  ) {}

  /** On the run's database (test/global-setup.ts), shared with the other suites. */
  static async start(contexts: Type[], config: AppConfig = testConfig()): Promise<ServiceContext> {
    const nest = await NestFactory.createApplicationContext(ServiceRoot.with(config, contexts), { logger: false });
    return new ServiceContext(nest, config);
  }

  /**
   * On a database of its own, for specs that must know every row there is, or whose pending events must not be
   * relayed by another suite's worker (a worker relays every unpublished event of its database).
   */
  static async startIsolated(contexts: Type[], base: AppConfig = testConfig()): Promise<ServiceContext> {
    const db = await createThrowawayDatabase(base.database.url ?? '', 'ambidex_test_svc');
    const config = {
      ...base,
      database: { ...base.database, url: db.url, appUrl: deriveAppDatabaseUrl(db.url, base.database.appPassword) },
    };
    await runMigrations(config, db.url);
    const nest = await NestFactory.createApplicationContext(ServiceRoot.with(config, contexts), { logger: false });
    return new ServiceContext(nest, config, db.drop);
  }

  get<T>(type: Type<T>): T {
    return this.nest.get(type);
  }

  get dataSource(): DataSource {
    return this.nest.get(DataSource);
  }

  /** Rows by SQL, for assertions (the owner's view is not needed: the application role reads every table). */
  query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.dataSource.query(sql, params) as Promise<T[]>;
  }

  async close(): Promise<void> {
    await this.nest.close();
    await this.dropDatabase?.();
  }
}
