import { testConfig } from '@ambidex/testing';
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { runMigrations } from '../../apps/shared/src/migrations';
import { createThrowawayDatabase } from '../../apps/shared/src/throwaway-database';

/**
 * The image's command: the API compiled by `npm run build` (here into a folder of its own under artifacts/), run by
 * plain node as the Dockerfile's CMD runs it, serves the console built by `npm run web:build` at / with its assets.
 */
const ROOT = resolve(__dirname, '../..');
const CONSOLE = join(ROOT, 'apps', 'web', 'dist');
const OUT = join(ROOT, 'artifacts', `compiled-api-${process.pid}`);

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address !== null ? done(address.port) : fail(new Error('no port')),
      );
    });
  });
}

describe('the compiled API (the Docker image command)', () => {
  let api: ChildProcess | undefined;
  let output = '';
  let baseUrl = '';
  let dropDatabase: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    if (!existsSync(join(CONSOLE, 'index.html')))
      throw new Error(`The console is not built (${CONSOLE}): run \`npm run web:build\` first`);
    const built = spawnSync(process.execPath, ['-r', '@swc-node/register', 'scripts/build.ts', '--out', OUT], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    if (built.status !== 0) throw new Error(`npm run build failed: ${built.stdout}${built.stderr}`);

    const config = testConfig();
    const db = await createThrowawayDatabase(config.database.url ?? '', 'ambidex_test_compiled');
    dropDatabase = db.drop;
    await runMigrations(config, db.url);
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    api = spawn(process.execPath, [join(OUT, 'apps', 'api', 'src', 'main.js')], {
      cwd: ROOT,
      env: {
        NODE_ENV: 'production',
        HOST: '127.0.0.1',
        PORT: String(port),
        DATABASE_URL: db.url,
        REDIS_URL: config.redis.url ?? '',
        QUEUE_PREFIX: config.queues.prefix,
        AUTH_TOKEN_SECRET: config.auth.tokenSecret,
        SEED_DEMO_DATA: 'false',
        LOG_LEVEL: 'warn',
        AUDIT_CHECKPOINT_FILE: config.audit.checkpointFile,
        AUDIT_SIGNING_KEY_FILE: config.audit.signingKeyFile,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    api.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    api.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const deadline = Date.now() + 40_000;
    for (;;) {
      if (api.exitCode !== null) throw new Error(`the compiled API exited with ${api.exitCode}:\n${output}`);
      if (
        await fetch(`${baseUrl}/health/live`).then(
          (r) => r.ok,
          () => false,
        )
      )
        break;
      if (Date.now() > deadline) throw new Error(`the compiled API did not answer in 40 s:\n${output}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }, 90_000);

  afterAll(async () => {
    if (api !== undefined && api.exitCode === null) {
      const exited = new Promise((done) => api?.once('exit', done));
      api.kill('SIGTERM');
      await exited;
    }
    await dropDatabase?.();
    rmSync(OUT, { recursive: true, force: true });
  }, 30_000);

  it('copies the console next to the compiled API, where it looks for it', () => {
    expect(readFileSync(join(OUT, 'apps', 'web', 'dist', 'index.html'), 'utf8')).toBe(
      readFileSync(join(CONSOLE, 'index.html'), 'utf8'),
    );
    // The console's TypeScript is vite's business: none of it is compiled for node.
    expect(existsSync(join(OUT, 'apps', 'web', 'src'))).toBe(false);
  });

  it('serves the console at / and at a deep link, and its script as built', async () => {
    const page = await fetch(`${baseUrl}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toBe(readFileSync(join(CONSOLE, 'index.html'), 'utf8'));

    const deepLink = await fetch(`${baseUrl}/portfolio?view=table`);
    expect(deepLink.status).toBe(200);
    expect(await deepLink.text()).toBe(html);

    const script = /<script[^>]+src="\/(assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const asset = await fetch(`${baseUrl}/${script}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(Buffer.from(await asset.arrayBuffer()).equals(readFileSync(join(CONSOLE, script ?? '')))).toBe(true);

    const missing = await fetch(`${baseUrl}/assets/nothing-here.js`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });
});
