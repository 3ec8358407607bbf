import { APP_DATABASE_ROLE, AppConfig, resolveLocalRedis, startEmbeddedPostgres } from '@ambidex/platform';
import { Infrastructure } from './root.module';

export interface RunningInfrastructure extends Infrastructure {
  /** The owner's URL, for migrations; the app itself uses databaseUrl (the application role). */
  ownerDatabaseUrl: string;
  embeddedDatabase: boolean;
  stop(): Promise<void>;
}

/** DATABASE_URL / REDIS_URL when set; otherwise an embedded PostgreSQL and a local or child Redis. */
export async function resolveInfrastructure(
  config: AppConfig,
  log: (line: string) => void,
): Promise<RunningInfrastructure> {
  const stops: (() => Promise<void>)[] = [];
  let ownerDatabaseUrl = config.database.url;
  let databaseUrl = config.database.appUrl;
  if (ownerDatabaseUrl === undefined || databaseUrl === undefined) {
    log(`Starting the embedded PostgreSQL (PGlite) in ${config.database.embeddedDir} …`);
    const pg = await startEmbeddedPostgres(config.database.embeddedDir, config.database.embeddedPort);
    ownerDatabaseUrl = pg.url;
    databaseUrl = pg.url;
    stops.push(pg.stop);
  }
  let redisUrl = config.redis.url;
  if (redisUrl === undefined) {
    const redis = await resolveLocalRedis(config.dataDir, config.redis.embeddedPort);
    log(`Using Redis at ${redis.url}`);
    redisUrl = redis.url;
    stops.push(redis.stop);
  }
  return {
    databaseUrl,
    ownerDatabaseUrl,
    ...(config.database.url === undefined ? { databaseRole: APP_DATABASE_ROLE } : {}),
    redisUrl,
    embeddedDatabase: config.database.url === undefined,
    async stop() {
      for (const stop of stops.reverse()) await stop().catch(() => undefined);
    },
  };
}
