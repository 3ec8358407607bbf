import { AppConfig, resolveLocalRedis, startEmbeddedPostgres } from '@ambidex/platform';
import { Infrastructure } from './root.module';

export interface RunningInfrastructure extends Infrastructure {
  embeddedDatabase: boolean;
  stop(): Promise<void>;
}

/** DATABASE_URL / REDIS_URL when set; otherwise an embedded PostgreSQL and a local or child Redis. */
export async function resolveInfrastructure(config: AppConfig, log: (line: string) => void): Promise<RunningInfrastructure> {
  const stops: (() => Promise<void>)[] = [];
  let databaseUrl = config.database.url;
  if (databaseUrl === undefined) {
    log(`Starting the embedded PostgreSQL (PGlite) in ${config.database.embeddedDir} …`);
    const pg = await startEmbeddedPostgres(config.database.embeddedDir, config.database.embeddedPort);
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
    redisUrl,
    embeddedDatabase: config.database.url === undefined,
    async stop() {
      for (const stop of stops.reverse()) await stop().catch(() => undefined);
    },
  };
}
