import { mkdirSync } from 'node:fs';

export interface EmbeddedPostgres {
  url: string;
  stop(): Promise<void>;
}

/**
 * A PostgreSQL for newcomers: PGlite persisted under the data folder, served on loopback through
 * pglite-socket. It serves one connection at a time, so the app's pool is sized 1 in this mode.
 */
export async function startEmbeddedPostgres(dir: string, port: number): Promise<EmbeddedPostgres> {
  mkdirSync(dir, { recursive: true });
  // Loaded lazily: deployments with DATABASE_URL never pay for the WASM build.
  const { PGlite } = await import('@electric-sql/pglite');
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
  const db = await PGlite.create(dir, { extensions: { pg_trgm } });
  // The app uses one connection at a time; the second slot only lets a new connection in while the
  // previous one (the migration run) is still closing.
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port, maxConnections: 2 });
  await server.start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
