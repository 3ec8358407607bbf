/**
 * `npm run bench:http [-- --seconds 10 --warmup 2 --connections 10 --breakdown --profile <dir>]`
 *
 * Throughput and latency of an authenticated read (GET /api/auth/me, which checks the session row in
 * PostgreSQL on every request) on the real Ambidex HTTP stack, against a bare Fastify route that returns
 * the same small JSON. Both servers run in this process; autocannon runs in a child process (see
 * lib/load-generator.ts) so the load generator does not share the servers' event loop.
 * Fails (exit 1) if any response, warm-up included, is not 2xx.
 */
import 'reflect-metadata';
import { ApiTokensService, AuthenticationService } from '@ambidex/identity';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import Fastify, { FastifyInstance } from 'fastify';
import { AddressInfo } from 'node:net';
import { listenOnLoopback, signedInUser, startAmbidex } from './lib/bench-app';
import { BenchEnvironment, benchEnvironment, numberArg, table } from './lib/bench-env';
import { profiled, profileDirArg } from './lib/cpu-profile';
import { LoadResult, runLoad } from './lib/load-generator';

interface Measured extends LoadResult {
  name: string;
}

const seconds = numberArg('seconds', 10);
const warmupSeconds = numberArg('warmup', 2);
const connections = Math.round(numberArg('connections', 10));
/**
 * Also measures GET /health/live (public, no database), which splits the gap into framework and session-check
 * cost, and GET /api/auth/me with a personal API token (whose check is an UPDATE of last_used_at).
 */
const breakdown = process.argv.includes('--breakdown');
/** Writes a CPU profile of each Ambidex target's measured window into this directory (see lib/cpu-profile.ts). */
const profileDir = profileDirArg();

async function load(
  name: string,
  url: string,
  headers: Record<string, string>,
  profileName?: string,
): Promise<Measured> {
  const result = await profiled(profileName === undefined ? undefined : profileDir, profileName ?? '', () =>
    runLoad({ url, connections, headers, warmupSeconds, seconds }),
  );
  const w = result.warmup;
  const failed = result.non2xx + result.errors + result.timeouts + w.non2xx + w.errors + w.timeouts;
  if (failed > 0 || result.responses === 0) {
    throw new Error(
      `${name}: ${result.responses} responses, ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts ` +
        `(warm-up: ${w.non2xx} non-2xx, ${w.errors} errors, ${w.timeouts} timeouts); status codes ${JSON.stringify(result.statusCodes)}`,
    );
  }
  return { name, ...result };
}

async function startBare(body: unknown): Promise<FastifyInstance> {
  const bare = Fastify({ logger: false });
  bare.get('/api/auth/me', async () => body);
  await bare.listen({ host: '127.0.0.1', port: 0 });
  return bare;
}

interface RunningAmbidex {
  app: NestFastifyApplication;
  url: string;
  token: string;
  apiToken: string;
  body: unknown;
}

async function startHttpAmbidex(env: BenchEnvironment): Promise<RunningAmbidex> {
  const app = await startAmbidex(env);
  const url = await listenOnLoopback(app);
  const reader = await signedInUser(app, 'bench.reader@example.test', 'Bench Reader', 'innovation_lead');
  const auth = app.get(AuthenticationService);
  const { token: apiToken } = await app
    .get(ApiTokensService)
    .create(await auth.authenticate(reader.accessToken), 'bench', null);

  // One request by hand: the route answers 200 with the signed-in user before any load is applied.
  const check = await fetch(`${url}/api/auth/me`, { headers: { authorization: `Bearer ${reader.accessToken}` } });
  const body = (await check.json()) as unknown;
  if (check.status !== 200) throw new Error(`GET /api/auth/me answered ${check.status}: ${JSON.stringify(body)}`);
  return { app, url, token: reader.accessToken, apiToken, body };
}

const fmt = (n: number, digits = 0): string =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function main(): Promise<void> {
  const env = await benchEnvironment('bench_http');
  let app: NestFastifyApplication | undefined;
  let bare: FastifyInstance | undefined;
  try {
    const ambidex = await startHttpAmbidex(env);
    app = ambidex.app;
    const sample = ambidex.body as { userId: string; email: string; roles: string[] };
    bare = await startBare({ userId: sample.userId, email: sample.email, roles: sample.roles });
    const bareUrl = `http://127.0.0.1:${(bare.server.address() as AddressInfo).port}/api/auth/me`;

    console.log(
      `autocannon: ${connections} connections, ${warmupSeconds} s warm-up (discarded) + ${seconds} s measured, per target`,
    );
    const results: Measured[] = [];
    results.push(await load('bare Fastify  GET /api/auth/me (static JSON)', bareUrl, {}));
    results.push(
      await load(
        'Ambidex       GET /api/auth/me (Bearer, session checked)',
        `${ambidex.url}/api/auth/me`,
        { authorization: `Bearer ${ambidex.token}` },
        'http-me-session',
      ),
    );

    if (breakdown) {
      results.push(
        await load(
          'Ambidex       GET /health/live (public, no database)',
          `${ambidex.url}/health/live`,
          {},
          'http-live',
        ),
      );
      results.push(
        await load(
          'Ambidex       GET /api/auth/me (API token: UPDATE last_used_at)',
          `${ambidex.url}/api/auth/me`,
          { authorization: `Bearer ${ambidex.apiToken}` },
          'http-me-api-token',
        ),
      );
    }

    const [b, a] = results as [Measured, Measured];
    console.log();
    console.log(
      table(
        ['target', 'req/s', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'responses', 'non-2xx', 'errors'],
        results.map((r) => [
          r.name,
          fmt(r.requestsPerSecond),
          fmt(r.latencyMs.p50, 3),
          fmt(r.latencyMs.p90, 3),
          fmt(r.latencyMs.p99, 3),
          fmt(r.latencyMs.max, 1),
          fmt(r.responses),
          String(r.non2xx),
          String(r.errors + r.timeouts),
        ]),
      ),
    );
    console.log();
    console.log(
      `ambidex / bare   req/s: ${fmt(a.requestsPerSecond / b.requestsPerSecond, 3)}` +
        `   p50: ${fmt(a.latencyMs.p50 / b.latencyMs.p50, 2)}x   p99: ${fmt(a.latencyMs.p99 / b.latencyMs.p99, 2)}x`,
    );
    console.log(`status codes  bare: ${JSON.stringify(b.statusCodes)}  ambidex: ${JSON.stringify(a.statusCodes)}`);
  } finally {
    await bare?.close().catch((e: unknown) => console.error('closing bare Fastify:', e));
    await app?.close().catch((e: unknown) => console.error('closing Ambidex:', e));
    await env.drop().catch((e: unknown) => console.error('dropping the bench database:', e));
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error('bench:http FAILED:', error);
    process.exit(1);
  },
);
