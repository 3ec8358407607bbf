/**
 * `npm run bench:memory [-- --seconds 60 --rate 900 --connections 10 --idle 5 --with-swc-node]`
 *
 * Resident memory (RSS) of the API process, idle and after a bounded load of authenticated reads
 * (GET /api/auth/me with a bearer token, which checks the session in PostgreSQL), against a bare Fastify process
 * started the same way and measured the same way in this run. Both run as child processes on loopback, on a
 * throwaway database of the local PostgreSQL and the local Redis; the load stops by itself after --seconds.
 * The API runs as production runs it: compiled by `npm run build` (done here first) under MALLOC_ARENA_MAX=2 (the
 * Dockerfile's setting; glibc's default of 8 arenas per core keeps freed memory spread over many arenas).
 * --with-swc-node also measures it the old way, TypeScript compiled at run time by @swc-node/register.
 * Fails (exit 1) if any response is not 2xx.
 */
import 'reflect-metadata';
import { transformFileSync } from '@swc/core';
import { ChildProcess, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { runMigrations } from '../apps/shared/src/migrations';
import { benchEnvironment, numberArg, table } from './lib/bench-env';
import { ROOT, sleep, startChild, stopChild } from './lib/child-process';
import { runLoad } from './lib/load-generator';

const seconds = numberArg('seconds', 60);
const rate = numberArg('rate', 900);
const connections = Math.round(numberArg('connections', 10));
const idleSeconds = numberArg('idle', 5);
const withSwcNode = process.argv.includes('--with-swc-node');
const PRODUCTION_ENV = { MALLOC_ARENA_MAX: '2' };
const ADMIN = { email: 'bench.memory@example.test', password: 'bench-memory-password-0' };

interface Measured {
  name: string;
  idleMb: number;
  afterLoadMb: number;
  peakMb: number;
  requestsPerSecond: number;
}

/** VmRSS and VmHWM (peak) of a process, in MB, from /proc. */
function residentMb(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string): number => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

/** Compiles the API (npm run build) and the bare server, as plain JS. */
function build(): string {
  const built = spawnSync(process.execPath, ['-r', '@swc-node/register', 'scripts/build.ts'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (built.status !== 0) throw new Error(`npm run build failed (exit ${built.status})`);
  const bare = join(ROOT, 'dist', 'bench', 'bare-server.js');
  mkdirSync(dirname(bare), { recursive: true });
  const { code } = transformFileSync(join(ROOT, 'bench', 'lib', 'bare-server.ts'), {
    module: { type: 'commonjs' },
    jsc: { target: 'es2022' },
  });
  writeFileSync(bare, code);
  return bare;
}

async function measure(
  name: string,
  child: ChildProcess,
  url: string,
  headers: Record<string, string>,
): Promise<Measured> {
  await sleep(idleSeconds * 1000);
  const idle = residentMb(child.pid ?? 0);
  const result = await runLoad({ url: `${url}/api/auth/me`, connections, headers, warmupSeconds: 1, seconds, rate });
  const failed =
    result.non2xx +
    result.errors +
    result.timeouts +
    result.warmup.non2xx +
    result.warmup.errors +
    result.warmup.timeouts;
  if (failed > 0 || result.responses === 0) {
    throw new Error(
      `${name}: ${result.responses} responses, ${failed} failed; status codes ${JSON.stringify(result.statusCodes)}`,
    );
  }
  await sleep(1000);
  const after = residentMb(child.pid ?? 0);
  return {
    name,
    idleMb: idle.rss,
    afterLoadMb: after.rss,
    peakMb: after.peak,
    requestsPerSecond: result.requestsPerSecond,
  };
}

async function measureApi(name: string, entry: string, env: Record<string, string>): Promise<Measured> {
  const api = await startChild(entry, {
    ...env,
    NODE_ENV: 'production',
    AMBIDEX_ADMIN_EMAIL: ADMIN.email,
    AMBIDEX_ADMIN_PASSWORD: ADMIN.password,
    SEED_DEMO_DATA: 'false',
  });
  try {
    const login = await fetch(`${api.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    if (!login.ok) throw new Error(`login: ${login.status} ${await login.text()}`);
    const { accessToken } = (await login.json()) as { accessToken: string };
    return await measure(name, api.child, api.url, { authorization: `Bearer ${accessToken}` });
  } finally {
    await stopChild(api.child);
  }
}

async function main(): Promise<void> {
  const env = await benchEnvironment('ambidex_bench_memory');
  const measured: Measured[] = [];
  try {
    await runMigrations(env.config, env.databaseUrl);
    const bareEntry = build();
    const apiEnv = {
      DATABASE_URL: env.databaseUrl,
      REDIS_URL: env.redisUrl,
      QUEUE_PREFIX: env.config.queues.prefix,
      AUTH_TOKEN_SECRET: env.config.auth.tokenSecret,
    };
    measured.push(
      await measureApi('Ambidex API (compiled)', 'dist/apps/api/src/main.js', { ...apiEnv, ...PRODUCTION_ENV }),
    );
    if (withSwcNode) measured.push(await measureApi('Ambidex API (swc-node)', 'apps/api/src/main.ts', apiEnv));
    const bare = await startChild(bareEntry, PRODUCTION_ENV);
    try {
      measured.push(await measure('bare Fastify', bare.child, bare.url, {}));
    } finally {
      await stopChild(bare.child);
    }
  } finally {
    await env.drop();
  }
  const baseline = measured[measured.length - 1];
  console.log(
    `\nRSS of one process, idle ${idleSeconds} s after start and after ${seconds} s at ${rate} req/s (${connections} connections)\n`,
  );
  console.log(
    table(
      ['process', 'idle MB', 'after load MB', 'peak MB', 'req/s'],
      measured.map((m) => [
        m.name,
        m.idleMb.toFixed(0),
        m.afterLoadMb.toFixed(0),
        m.peakMb.toFixed(0),
        m.requestsPerSecond.toFixed(0),
      ]),
    ),
  );
  for (const api of measured.slice(0, -1)) {
    if (baseline === undefined) break;
    console.log(
      `${api.name} / bare Fastify: idle ${(api.idleMb / baseline.idleMb).toFixed(2)}x, ` +
        `after load ${(api.afterLoadMb / baseline.afterLoadMb).toFixed(2)}x, peak ${(api.peakMb / baseline.peakMb).toFixed(2)}x`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
