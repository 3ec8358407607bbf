import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createConnection } from 'node:net';

export interface ResolvedRedis {
  url: string;
  /** Stops the Redis this process started; a no-op for one it found running. */
  stop(): Promise<void>;
}

export class RedisUnavailableError extends Error {}

/** Answers whether something speaks Redis on host:port within the timeout. */
export function redisAnswers(host: string, port: number, timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port });
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (chunk) => done(chunk.toString().startsWith('+PONG')));
  });
}

/** 127.0.0.1:6379 if it answers, else a redis-server child on loopback with its data under dataDir. */
export async function resolveLocalRedis(dataDir: string, embeddedPort: number): Promise<ResolvedRedis> {
  if (await redisAnswers('127.0.0.1', 6379)) return { url: 'redis://127.0.0.1:6379', stop: async () => undefined };
  if (spawnSync('redis-server', ['--version']).error !== undefined) {
    throw new RedisUnavailableError(
      'No Redis answers on 127.0.0.1:6379 and no redis-server is on PATH. Install one ' +
        '(Debian/Ubuntu: sudo apt-get install redis-server; macOS: brew install redis) ' +
        'or start the bundled one with: docker compose up -d redis',
    );
  }
  const dir = `${dataDir}/redis`;
  mkdirSync(dir, { recursive: true });
  const child = spawn(
    'redis-server',
    [
      '--bind',
      '127.0.0.1',
      '--port',
      String(embeddedPort),
      '--dir',
      dir,
      '--appendonly',
      'yes',
      '--maxmemory-policy',
      'noeviction',
      '--save',
      '',
    ],
    { stdio: 'ignore' },
  );
  await waitFor(() => redisAnswers('127.0.0.1', embeddedPort), 10_000, child);
  return { url: `redis://127.0.0.1:${embeddedPort}`, stop: () => stopChild(child) };
}

async function waitFor(probe: () => Promise<boolean>, timeoutMs: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new RedisUnavailableError(`redis-server exited with code ${child.exitCode}`);
    if (await probe()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new RedisUnavailableError('redis-server did not answer within 10 s');
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
