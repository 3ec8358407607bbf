#!/usr/bin/env node
/**
 * The one place that makes PostgreSQL and Redis available to the tests (`scripts/run-tests.js`) and to CI (`.ci/run`).
 *
 *   - DATABASE_URL / REDIS_URL (default postgres://postgres@127.0.0.1:5432/postgres, redis://127.0.0.1:6379) are
 *     used as they are when they answer;
 *   - else, with the default PostgreSQL URL, the machine's Debian cluster on port 5432 is started (created first if
 *     there is none; `--install` installs the packages with apt, as CI does on a fresh machine);
 *   - else, for a test run, a throwaway PostgreSQL (initdb in a temp dir) and/or redis-server start on free ports,
 *     stopped by the caller; for CI Redis is started on 127.0.0.1:6379 and kept, since later steps use it.
 *
 * As a command it is CI's: `eval "$(node scripts/provision-services.js --install --chromium)"` exports
 * DATABASE_URL, REDIS_URL (and PGPASSWORD) for the steps that follow. Logs go to stderr.
 */
'use strict';

const { SetupError, log, isExecutable, run, aptInstall, redactUrl } = require('./services/system');
const pg = require('./services/postgres');
const redis = require('./services/redis');

/** Throwaway servers started by this process, newest last. */
const throwaways = [];

async function provisionPostgres({ install, keep }) {
  const given = process.env.DATABASE_URL;
  const url = given || pg.DEFAULT_DATABASE_URL;
  const check = await pg.pgWorks(url);
  if (check.ok) return { url, line: `using running PostgreSQL at ${where(url)}` };
  log(`PostgreSQL at ${redactUrl(url)} not usable (${check.reason})`);
  if (!given) {
    try {
      const local = await pg.useLocalCluster({ install });
      if (local) return { url: local, line: `started the local PostgreSQL cluster at ${where(local)}` };
    } catch (e) {
      if (keep || !(e instanceof SetupError)) throw e;
      log(e.message);
    }
  }
  if (keep) throw new SetupError(`no usable PostgreSQL at ${redactUrl(url)}`);
  log('starting a throwaway PostgreSQL');
  const t = await pg.startThrowawayPostgres();
  throwaways.push(t);
  return { url: t.url, line: `started throwaway PostgreSQL ${t.version} at ${where(t.url)} (${t.dir})` };
}

async function provisionRedis({ install, keep }) {
  const given = process.env.REDIS_URL;
  const url = given || redis.DEFAULT_REDIS_URL;
  const check = await redis.redisPing(url);
  if (check.ok) return { url, line: `using running Redis at ${where(url)}` };
  log(`Redis at ${redactUrl(url)} not usable (${check.reason})`);
  if (keep) {
    const local = given ? null : await redis.useLocalRedis({ install });
    if (!local) throw new SetupError(`no usable Redis at ${redactUrl(url)}`);
    return { url: local, line: `started redis-server at ${where(local)}` };
  }
  log('starting a throwaway redis-server');
  const t = await redis.startThrowawayRedis();
  throwaways.push(t);
  return { url: t.url, line: `started throwaway Redis at ${where(t.url)} (pid ${t.pid})` };
}

/** Resolves { databaseUrl, redisUrl }; `keep` refuses throwaway servers (they would die with this process). */
async function provisionServices({ install = false, keep = false } = {}) {
  const db = await provisionPostgres({ install, keep });
  const cache = await provisionRedis({ install, keep });
  log(`${db.line}; ${cache.line}`);
  return { databaseUrl: db.url, redisUrl: cache.url };
}

/** Stops the throwaway servers, waiting for a redis child to exit; idempotent. */
async function stopThrowaways() {
  while (throwaways.length > 0) {
    const t = throwaways.pop();
    if (t.stop) await t.stop().catch(() => {});
    t.stopSync();
  }
}

/** The same, synchronously, for process.on('exit'). */
function stopThrowawaysSync() {
  while (throwaways.length > 0) throwaways.pop().stopSync();
}

/** Browser tests and bench:web drive Debian's chromium (CHROMIUM_PATH overrides where it is). */
function ensureChromium({ install }) {
  const given = process.env.CHROMIUM_PATH;
  const bin = given || '/usr/bin/chromium';
  if (!isExecutable(bin)) {
    if (given || !install) throw new SetupError(`chromium not found at ${bin} (apt-get install -y chromium)`);
    log("installing Debian's chromium for the browser tests");
    aptInstall(['chromium', 'fonts-liberation']);
  }
  log(`chromium: ${run(bin, ['--version']).stdout.trim() || bin}`);
}

/** BullMQ loses jobs when Redis may evict keys. */
function warnOnEviction(redisUrl) {
  const r = run('redis-cli', ['-u', redisUrl, 'config', 'get', 'maxmemory-policy']);
  const policy = r.status === 0 ? r.stdout.trim().split('\n').pop() : '';
  if (policy && policy !== 'noeviction') log(`warning: Redis maxmemory-policy is ${policy}; BullMQ needs noeviction`);
}

function where(u) {
  try {
    const url = new URL(u);
    return `${url.hostname}:${url.port || '(default port)'}`;
  } catch {
    return u;
  }
}

const shellQuote = (s) => `'${String(s).replace(/'/g, `'\\''`)}'`;

async function cli(args) {
  const known = ['--install', '--chromium'];
  const unknown = args.filter((a) => !known.includes(a));
  if (unknown.length > 0) throw new SetupError(`unknown option ${unknown.join(' ')} (known: ${known.join(' ')})`);
  const install = args.includes('--install');
  const { databaseUrl, redisUrl } = await provisionServices({ install, keep: true });
  warnOnEviction(redisUrl);
  if (args.includes('--chromium')) ensureChromium({ install });
  const exports = { DATABASE_URL: databaseUrl, REDIS_URL: redisUrl };
  const password = new URL(databaseUrl).password;
  if (password) exports.PGPASSWORD = decodeURIComponent(password);
  for (const [name, value] of Object.entries(exports)) process.stdout.write(`export ${name}=${shellQuote(value)}\n`);
}

if (require.main === module) {
  cli(process.argv.slice(2)).catch((err) => {
    log(err instanceof SetupError ? `error: ${err.message}` : `internal error: ${err && err.stack ? err.stack : err}`);
    process.exit(1);
  });
}

module.exports = { SetupError, provisionServices, stopThrowaways, stopThrowawaysSync, ensureChromium };
