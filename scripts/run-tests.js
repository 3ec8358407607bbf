#!/usr/bin/env node
/**
 * `npm test` entry point.
 *
 * Makes sure a PostgreSQL and a Redis are reachable, then runs jest with
 * DATABASE_URL / REDIS_URL pointing at them:
 *   - if the configured (or default) PostgreSQL / Redis answer, they are used as is;
 *   - otherwise a throwaway PostgreSQL cluster (initdb in a temp dir) and/or a
 *     throwaway redis-server are started on free ports and always torn down
 *     afterwards (normal exit, jest failure, SIGINT/SIGTERM/SIGHUP, crash).
 *
 * Extra arguments (`npm test -- <args>`) are passed on to jest.
 * Plain CommonJS, Node built-ins only (plus the project's own `pg` and `jest`).
 */
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const net = require('node:net');
const tls = require('node:tls');
const path = require('node:path');
const { spawn, spawnSync } = require('node:child_process');

const ROOT = path.resolve(__dirname, '..');
const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';
const CHECK_TIMEOUT_MS = 3000;
const IS_ROOT = typeof process.getuid === 'function' && process.getuid() === 0;

class SetupError extends Error {}

/* ------------------------------------------------------------------ */
/* cleanup bookkeeping                                                 */
/* ------------------------------------------------------------------ */

/** Throwaway resources to tear down; filled in as they are created. */
const state = {
  pg: null, // { base, data, runAs, pgCtl, started }
  redis: null, // { child, dir }
  jest: null, // ChildProcess
  cleanedUp: false,
  exiting: false,
};

function log(msg) {
  process.stderr.write(`[run-tests] ${msg}\n`);
}

/** Synchronous and idempotent, so it can also run from process.on('exit'). */
function cleanup() {
  if (state.cleanedUp) return;
  state.cleanedUp = true;

  const redis = state.redis;
  if (redis) {
    state.redis = null;
    if (redis.child && redis.child.exitCode === null && redis.child.signalCode === null) {
      try {
        redis.child.kill('SIGKILL');
      } catch {
        /* already gone */
      }
    }
    if (redis.dir) rmrf(redis.dir);
  }

  const pg = state.pg;
  if (pg) {
    state.pg = null;
    if (pg.started || fs.existsSync(path.join(pg.data, 'postmaster.pid'))) {
      const r = runSync(pg.runAs, pg.pgCtl, ['-D', pg.data, '-m', 'fast', '-w', '-t', '30', 'stop'], { cwd: pg.base });
      if (r.status !== 0) killPostmaster(pg.data);
    }
    rmrf(pg.base);
  }
}

function killPostmaster(dataDir) {
  try {
    const pid = Number(fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    if (pid > 0) process.kill(pid, 'SIGQUIT');
  } catch {
    /* no pid file / already gone */
  }
}

function rmrf(p) {
  try {
    fs.rmSync(p, { recursive: true, force: true, maxRetries: 3 });
  } catch (e) {
    log(`warning: could not remove ${p}: ${e.message}`);
  }
}

/** Stops the throwaway redis-server and waits for it to exit, so it is reaped here rather than left as an orphan. */
function stopRedis() {
  const child = state.redis && state.redis.child;
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => {
      try {
        child.kill('SIGKILL');
      } catch {
        /* gone */
      }
    }, 3000);
    const giveUp = setTimeout(resolve, 5000);
    child.once('exit', () => {
      clearTimeout(kill);
      clearTimeout(giveUp);
      resolve();
    });
    try {
      child.kill('SIGTERM');
    } catch {
      resolve();
    }
  });
}

function exitWith(code) {
  if (state.exiting) return;
  state.exiting = true;
  stopRedis()
    .catch(() => {})
    .then(() => {
      cleanup();
      process.exit(code);
    });
}

const SIGNAL_CODES = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 };
for (const sig of Object.keys(SIGNAL_CODES)) {
  process.on(sig, () => {
    const code = 128 + SIGNAL_CODES[sig];
    const jest = state.jest;
    if (jest && jest.exitCode === null && jest.signalCode === null) {
      // Let jest stop first (it may still use the databases), then clean up in its 'exit' handler.
      state.signalExit = code;
      try {
        jest.kill(sig);
      } catch {
        /* gone */
      }
      setTimeout(() => {
        try {
          jest.kill('SIGKILL');
        } catch {
          /* gone */
        }
        exitWith(code);
      }, 10000).unref();
      return;
    }
    log(`${sig} received, cleaning up`);
    exitWith(code);
  });
}
process.on('exit', cleanup);
process.on('uncaughtException', (err) => {
  log(`internal error: ${err && err.stack ? err.stack : err}`);
  exitWith(1);
});

/* ------------------------------------------------------------------ */
/* small helpers                                                       */
/* ------------------------------------------------------------------ */

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Finds an executable on PATH (plus the usual sbin dirs, which a non-login PATH may lack). */
function which(name) {
  const dirs = (process.env.PATH || '')
    .split(path.delimiter)
    .concat(['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin']);
  for (const dir of dirs) {
    if (!dir) continue;
    const p = path.join(dir, name);
    try {
      fs.accessSync(p, fs.constants.X_OK);
      if (fs.statSync(p).isFile()) return p;
    } catch {
      /* not here */
    }
  }
  return null;
}

/**
 * Runs cmd synchronously, as `runAs` (an OS user name) when given.
 * Returns spawnSync's result with combined output in `.out`.
 */
function runSync(runAs, cmd, args, opts = {}) {
  let file = cmd;
  let argv = args;
  if (runAs) {
    file = which('runuser');
    if (!file)
      throw new SetupError(
        'running as root but `runuser` was not found; cannot run PostgreSQL tools as the postgres user',
      );
    argv = ['-u', runAs, '--', cmd, ...args];
  }
  const r = spawnSync(file, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120000, ...opts });
  r.out = `${r.stdout || ''}${r.stderr || ''}${r.error ? `\n${r.error.message}` : ''}`.trim();
  return r;
}

function redactUrl(u) {
  try {
    const url = new URL(u);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return u;
  }
}

function describe(u) {
  try {
    const url = new URL(u);
    return `${url.hostname}:${url.port || '(default port)'}`;
  } catch {
    return u;
  }
}

/* ------------------------------------------------------------------ */
/* PostgreSQL                                                          */
/* ------------------------------------------------------------------ */

async function pgWorks(connectionString) {
  let Client;
  try {
    ({ Client } = require('pg'));
  } catch (e) {
    throw new SetupError(`the 'pg' package could not be loaded (${e.message}); run npm install first`);
  }
  const client = new Client({
    connectionString,
    connectionTimeoutMillis: CHECK_TIMEOUT_MS,
    query_timeout: CHECK_TIMEOUT_MS,
  });
  client.on('error', () => {});
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error('timed out')), CHECK_TIMEOUT_MS + 500);
  });
  try {
    await Promise.race([
      (async () => {
        await client.connect();
        await client.query('select 1');
      })(),
      timeout,
    ]);
    return { ok: true };
  } catch (e) {
    return { ok: false, reason: e && e.message ? e.message : String(e) };
  } finally {
    clearTimeout(timer);
    client.end().catch(() => {});
  }
}

function versionOf(dir) {
  return dir.split('.').map((n) => Number(n) || 0);
}

function cmpVersion(a, b) {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] || 0) - (b[i] || 0);
    if (d) return d;
  }
  return 0;
}

/** Returns { initdb, pgCtl } from the highest /usr/lib/postgresql/<v>/bin (or /usr/pgsql-<v>/bin), else from PATH. */
function findPgBinaries() {
  const candidates = [];
  try {
    for (const v of fs.readdirSync('/usr/lib/postgresql')) {
      if (/^\d+(?:\.\d+)*$/.test(v))
        candidates.push({ v: versionOf(v), bin: path.join('/usr/lib/postgresql', v, 'bin') });
    }
  } catch {
    /* not a Debian-style layout */
  }
  try {
    for (const e of fs.readdirSync('/usr')) {
      const m = /^pgsql-(\d+(?:\.\d+)*)$/.exec(e);
      if (m) candidates.push({ v: versionOf(m[1]), bin: path.join('/usr', e, 'bin') });
    }
  } catch {
    /* ignore */
  }
  candidates.sort((a, b) => cmpVersion(b.v, a.v));
  const isExe = (p) => {
    try {
      fs.accessSync(p, fs.constants.X_OK);
      return true;
    } catch {
      return false;
    }
  };
  for (const c of candidates) {
    const initdb = path.join(c.bin, 'initdb');
    const pgCtl = path.join(c.bin, 'pg_ctl');
    if (isExe(initdb) && isExe(pgCtl)) return { initdb, pgCtl };
  }
  const initdb = which('initdb');
  const pgCtl = which('pg_ctl');
  if (initdb && pgCtl) return { initdb, pgCtl };
  return null;
}

function userIds(name) {
  const u = spawnSync('id', ['-u', name], { encoding: 'utf8' });
  const g = spawnSync('id', ['-g', name], { encoding: 'utf8' });
  if (u.status !== 0 || g.status !== 0) return null;
  return { uid: Number(u.stdout.trim()), gid: Number(g.stdout.trim()) };
}

/** initdb/pg_ctl refuse to run as root: make sure a `postgres` OS user exists and return its ids. */
function ensurePostgresUser() {
  let ids = userIds('postgres');
  if (ids) return ids;
  const useradd = which('useradd');
  if (useradd) {
    const r = spawnSync(useradd, ['-r', '-M', '-s', '/usr/sbin/nologin', 'postgres'], { encoding: 'utf8' });
    if (r.status !== 0) spawnSync(useradd, ['-r', 'postgres'], { encoding: 'utf8' });
    ids = userIds('postgres');
    if (ids) {
      log('created OS user "postgres" (initdb/pg_ctl refuse to run as root)');
      return ids;
    }
  }
  throw new SetupError(
    'running as root and there is no "postgres" OS user (initdb/pg_ctl refuse to run as root), and `useradd -r postgres` failed; ' +
      'create one (useradd -r postgres) or run the tests as a non-root user',
  );
}

async function startThrowawayPostgres() {
  const bins = findPgBinaries();
  if (!bins) {
    throw new SetupError(
      'no reachable PostgreSQL and no PostgreSQL server binaries (initdb, pg_ctl) found to start a throwaway one; ' +
        'install them with `apt-get install postgresql` (or set DATABASE_URL to a running server)',
    );
  }

  const runAs = IS_ROOT ? 'postgres' : null;
  const ids = IS_ROOT ? ensurePostgresUser() : null;

  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'ambidex-pg-'));
  const data = path.join(base, 'data');
  state.pg = { base, data, runAs, pgCtl: bins.pgCtl, started: false };
  if (ids) fs.chownSync(base, ids.uid, ids.gid);

  const initArgs = ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8'];
  let r = runSync(runAs, bins.initdb, [...initArgs, '--locale=C.UTF-8'], { cwd: base });
  if (r.status !== 0) {
    rmrf(data);
    const first = r.out;
    r = runSync(runAs, bins.initdb, [...initArgs, '--no-locale'], { cwd: base });
    if (r.status !== 0) {
      throw new SetupError(`initdb failed:\n--- with --locale=C.UTF-8:\n${first}\n--- with --no-locale:\n${r.out}`);
    }
  }

  const logFile = path.join(base, 'postgres.log');
  let lastErr = '';
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const serverOpts = [
      `-p ${port}`,
      `-k ${base}`,
      '-c listen_addresses=127.0.0.1',
      '-c fsync=off',
      '-c synchronous_commit=off',
      '-c full_page_writes=off',
    ].join(' ');
    state.pg.started = true; // from here on a stop attempt is needed even if start reports failure
    r = runSync(runAs, bins.pgCtl, ['-D', data, '-l', logFile, '-o', serverOpts, '-w', '-t', '60', 'start'], {
      cwd: base,
    });
    if (r.status === 0) {
      const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
      const check = await pgWorks(url);
      if (check.ok) {
        const v = spawnSync(bins.pgCtl, ['--version'], { encoding: 'utf8' });
        const m = /(\d+(?:\.\d+)*)/.exec(v.stdout || '');
        return { url, version: m ? m[1] : '' };
      }
      lastErr = `started but not answering: ${check.reason}`;
    } else {
      let serverLog = '';
      try {
        serverLog = fs.readFileSync(logFile, 'utf8').split('\n').slice(-20).join('\n');
      } catch {
        /* none */
      }
      lastErr = `${r.out}\n${serverLog}`.trim();
    }
    // Possibly lost a port race: stop whatever may be half-running and retry on another port.
    runSync(runAs, bins.pgCtl, ['-D', data, '-m', 'immediate', '-w', 'stop'], { cwd: base });
  }
  throw new SetupError(`could not start a throwaway PostgreSQL (pg_ctl ${bins.pgCtl}):\n${lastErr}`);
}

async function setupPostgres() {
  const url = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
  const check = await pgWorks(url);
  if (check.ok) return { url, line: `using running PostgreSQL at ${describe(url)}` };
  log(`PostgreSQL at ${redactUrl(url)} not usable (${check.reason}); starting a throwaway one`);
  const t = await startThrowawayPostgres();
  return {
    url: t.url,
    line: `started throwaway PostgreSQL${t.version ? ` ${t.version}` : ''} at ${describe(t.url)} (${state.pg.base})`,
  };
}

/* ------------------------------------------------------------------ */
/* Redis                                                               */
/* ------------------------------------------------------------------ */

function encodeCommand(args) {
  return `*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')}`;
}

/** Resolves { ok, reason }: ok when the server answers PING with +PONG (after AUTH when the URL has credentials). */
function redisPing(redisUrl) {
  return new Promise((resolve) => {
    let url;
    try {
      url = new URL(redisUrl);
    } catch {
      resolve({ ok: false, reason: `invalid REDIS_URL ${redisUrl}` });
      return;
    }
    const host = url.hostname.replace(/^\[|\]$/g, '') || '127.0.0.1';
    const port = Number(url.port) || 6379;
    const secure = url.protocol === 'rediss:';
    let payload = '';
    const password = url.password ? decodeURIComponent(url.password) : '';
    const username = url.username ? decodeURIComponent(url.username) : '';
    if (password) payload += encodeCommand(username ? ['AUTH', username, password] : ['AUTH', password]);
    payload += 'PING\r\n';

    let done = false;
    let buf = '';
    const finish = (res) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      sock.destroy();
      resolve(res);
    };
    const sock = secure ? tls.connect({ host, port, servername: host }) : net.connect({ host, port });
    const timer = setTimeout(() => finish({ ok: false, reason: 'timed out' }), CHECK_TIMEOUT_MS);
    sock.on(secure ? 'secureConnect' : 'connect', () => sock.write(payload));
    sock.on('data', (d) => {
      buf += d.toString('utf8');
      const lines = buf.split('\r\n');
      buf = lines.pop();
      for (const line of lines) {
        if (line === '+PONG') return finish({ ok: true });
        if (line.startsWith('-')) return finish({ ok: false, reason: line.slice(1) });
      }
    });
    sock.on('error', (e) => finish({ ok: false, reason: e.message }));
    sock.on('close', () => finish({ ok: false, reason: 'connection closed' }));
  });
}

async function startThrowawayRedis() {
  const bin = which('redis-server');
  if (!bin) {
    throw new SetupError(
      'no reachable Redis and no `redis-server` binary found to start a throwaway one; ' +
        'install it with `apt-get install redis-server` (or set REDIS_URL to a running server)',
    );
  }
  let lastErr = '';
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ambidex-redis-'));
    const child = spawn(
      bin,
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        '--maxmemory-policy',
        'noeviction',
        '--dir',
        dir,
      ],
      // Own process group: a terminal Ctrl-C reaches jest but not redis, which is stopped after jest has finished.
      { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
    );
    state.redis = { child, dir };
    let output = '';
    const collect = (d) => {
      if (output.length < 20000) output += d.toString('utf8');
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    let spawnError = null;
    child.on('error', (e) => {
      spawnError = e;
    });

    const url = `redis://127.0.0.1:${port}`;
    const deadline = Date.now() + 15000;
    while (Date.now() < deadline) {
      if (spawnError || child.exitCode !== null || child.signalCode !== null) break;
      const p = await redisPing(url);
      if (p.ok) {
        // Stop buffering its log; keep draining the pipes so it never blocks on a full pipe.
        child.stdout.removeListener('data', collect);
        child.stderr.removeListener('data', collect);
        child.stdout.resume();
        child.stderr.resume();
        child.unref();
        child.stdout.unref && child.stdout.unref();
        child.stderr.unref && child.stderr.unref();
        return { url, bin };
      }
      await sleep(100);
    }
    lastErr = spawnError
      ? spawnError.message
      : output.trim().split('\n').slice(-15).join('\n') || 'did not answer PING';
    try {
      child.kill('SIGKILL');
    } catch {
      /* gone */
    }
    rmrf(dir);
    state.redis = null;
  }
  throw new SetupError(`could not start a throwaway redis-server (${bin}):\n${lastErr}`);
}

async function setupRedis() {
  const url = process.env.REDIS_URL || DEFAULT_REDIS_URL;
  const check = await redisPing(url);
  if (check.ok) return { url, line: `using running Redis at ${describe(url)}` };
  log(`Redis at ${redactUrl(url)} not usable (${check.reason}); starting a throwaway one`);
  const t = await startThrowawayRedis();
  return { url: t.url, line: `started throwaway Redis at ${describe(t.url)} (pid ${state.redis.child.pid})` };
}

/* ------------------------------------------------------------------ */
/* main                                                                */
/* ------------------------------------------------------------------ */

async function main() {
  const pg = await setupPostgres();
  const redis = await setupRedis();
  log(`${pg.line}; ${redis.line}`);

  const args = process.argv.slice(2);
  const workerFlag = args.some((a) => /^(--maxWorkers|-w|--runInBand|-i)(=|$)/.test(a));
  const jestBin = path.join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js');
  if (!fs.existsSync(jestBin)) throw new SetupError(`jest not found at ${jestBin}; run npm install first`);
  const jestArgs = [jestBin, ...(workerFlag ? [] : ['--maxWorkers=2']), ...args];

  const jest = spawn(process.execPath, jestArgs, {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'test', DATABASE_URL: pg.url, REDIS_URL: redis.url },
  });
  state.jest = jest;
  jest.on('error', (e) => {
    log(`could not start jest: ${e.message}`);
    exitWith(1);
  });
  jest.on('exit', (code, signal) => {
    if (state.signalExit !== undefined) return exitWith(state.signalExit);
    if (signal) return exitWith(128 + (os.constants.signals[signal] || 0));
    exitWith(code === null ? 1 : code);
  });
}

main().catch((err) => {
  if (err instanceof SetupError) log(`error: ${err.message}`);
  else log(`internal error: ${err && err.stack ? err.stack : err}`);
  exitWith(1);
});
