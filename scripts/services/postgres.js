'use strict';
/**
 * PostgreSQL for tests and CI: the server at the URL if it answers; else the machine's own Debian cluster on
 * 127.0.0.1:5432 (installed with apt when asked, created if there is none, started if stopped); else a
 * throwaway cluster (initdb in a temp dir, on a free port) that the caller stops.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const {
  IS_ROOT,
  SetupError,
  log,
  which,
  isExecutable,
  run,
  runAsRoot,
  aptInstall,
  freePort,
  waitFor,
  rmrf,
} = require('./system');

const LOCAL = { host: '127.0.0.1', port: 5432 };
const CHECK_TIMEOUT_MS = 3000;

/** Resolves { ok, reason }: ok when `select 1` answers. */
async function pgWorks(connectionString) {
  let Client;
  try {
    ({ Client } = require('pg'));
  } catch (e) {
    throw new SetupError(`the 'pg' package could not be loaded (${e.message}); run npm ci first`);
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
    await Promise.race([client.connect().then(() => client.query('select 1')), timeout]);
    return { ok: true };
  } catch (e) {
    return { ok: false, reason: e && e.message ? e.message : String(e) };
  } finally {
    clearTimeout(timer);
    client.end().catch(() => {});
  }
}

const localUrl = (password) =>
  `postgres://postgres${password ? `:${password}` : ''}@${LOCAL.host}:${LOCAL.port}/postgres`;

/* ---------------------------------- the machine's own cluster ---------------------------------- */

/** "<version> <name>" of each Debian cluster, with its port. */
function clusters() {
  const r = run('pg_lsclusters', ['-h']);
  if (r.status !== 0) return [];
  return r.stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => line.split(/\s+/))
    .map(([version, name, port]) => ({ version, name, port: Number(port) }));
}

/** Makes sure a cluster serves 127.0.0.1:5432 (creating and starting it); false when that cannot be done here. */
function startLocalCluster({ install }) {
  if (!which('pg_ctlcluster')) {
    if (!install) return false;
    log('PostgreSQL is not installed: installing it');
    aptInstall(['postgresql']);
  }
  const all = clusters();
  let cluster = all.find((c) => c.port === LOCAL.port);
  if (!cluster) {
    if (all.length > 0) {
      log(
        `no PostgreSQL cluster on port ${LOCAL.port} (${all.map((c) => `${c.version}/${c.name}:${c.port}`).join(', ')})`,
      );
      return false;
    }
    const version = newestServerVersion();
    if (!version) return false;
    log(`creating cluster ${version}/main on port ${LOCAL.port}`);
    const r = runAsRoot('pg_createcluster', ['--port', String(LOCAL.port), version, 'main'], {
      env: { ...process.env, LC_ALL: 'C.UTF-8' },
    });
    if (r.status !== 0) return log(`pg_createcluster failed: ${r.out}`) || false;
    cluster = { version, name: 'main' };
  }
  log(`starting PostgreSQL cluster ${cluster.version}/${cluster.name}`);
  // exit status 2: already running (e.g. the package's own service won the race)
  const r = runAsRoot('pg_ctlcluster', ['--skip-systemctl-redirect', cluster.version, cluster.name, 'start']);
  if (r.status !== 0 && r.status !== 2) return log(`could not start it: ${r.out}`) || false;
  return true;
}

function newestServerVersion() {
  try {
    return fs
      .readdirSync('/usr/lib/postgresql')
      .filter((v) => /^\d+(\.\d+)*$/.test(v))
      .sort((a, b) => Number(b) - Number(a))[0];
  } catch {
    return undefined;
  }
}

/**
 * Fresh Debian installs ask for a password over TCP: then give the postgres role the password 'postgres'
 * (through the unix socket, where the postgres OS user has peer access) and use it from then on.
 */
async function connectLocal() {
  const bare = await waitFor(() => pgWorks(localUrl()), 60000);
  if (bare.ok) return localUrl();
  if (!/password/i.test(bare.reason)) throw new SetupError(`PostgreSQL on ${LOCAL.host}:${LOCAL.port}: ${bare.reason}`);
  if ((await pgWorks(localUrl('postgres'))).ok) return localUrl('postgres');
  log('setting a password for the postgres role (password authentication on 127.0.0.1)');
  const sql = "ALTER USER postgres PASSWORD 'postgres'";
  const args = ['-X', '-q', '-p', String(LOCAL.port), '-d', 'postgres', '-c', sql];
  const r = IS_ROOT ? run('psql', args, { runAs: 'postgres' }) : run('sudo', ['-n', '-u', 'postgres', 'psql', ...args]);
  if (r.status !== 0) throw new SetupError(`could not set the postgres password: ${r.out}`);
  const check = await pgWorks(localUrl('postgres'));
  if (!check.ok) throw new SetupError(`cannot connect to PostgreSQL as postgres: ${check.reason}`);
  return localUrl('postgres');
}

async function useLocalCluster({ install }) {
  if (!startLocalCluster({ install })) return null;
  return connectLocal();
}

/* ---------------------------------- a throwaway cluster ---------------------------------- */

/** initdb and pg_ctl from the highest /usr/lib/postgresql/<v>/bin (or /usr/pgsql-<v>/bin), else from PATH. */
function findPgBinaries() {
  const dirs = [];
  for (const [root, pattern] of [
    ['/usr/lib/postgresql', /^(\d+(?:\.\d+)*)$/],
    ['/usr', /^pgsql-(\d+(?:\.\d+)*)$/],
  ]) {
    try {
      for (const entry of fs.readdirSync(root)) {
        const m = pattern.exec(entry);
        if (m) dirs.push({ v: Number(m[1]), bin: path.join(root, entry, 'bin') });
      }
    } catch {
      /* not this layout */
    }
  }
  dirs.sort((a, b) => b.v - a.v);
  for (const { bin } of dirs) {
    const initdb = path.join(bin, 'initdb');
    const pgCtl = path.join(bin, 'pg_ctl');
    if (isExecutable(initdb) && isExecutable(pgCtl)) return { initdb, pgCtl };
  }
  const initdb = which('initdb');
  const pgCtl = which('pg_ctl');
  return initdb && pgCtl ? { initdb, pgCtl } : null;
}

function userIds(name) {
  const u = spawnSync('id', ['-u', name], { encoding: 'utf8' });
  const g = spawnSync('id', ['-g', name], { encoding: 'utf8' });
  if (u.status !== 0 || g.status !== 0) return null;
  return { uid: Number(u.stdout.trim()), gid: Number(g.stdout.trim()) };
}

/** initdb and pg_ctl refuse to run as root: make sure a `postgres` OS user exists and return its ids. */
function ensurePostgresUser() {
  const ids = userIds('postgres');
  if (ids) return ids;
  const useradd = which('useradd');
  if (useradd && spawnSync(useradd, ['-r', '-M', '-s', '/usr/sbin/nologin', 'postgres']).status !== 0)
    spawnSync(useradd, ['-r', 'postgres']);
  const created = userIds('postgres');
  if (created) return log('created OS user "postgres" (initdb/pg_ctl refuse to run as root)') || created;
  throw new SetupError('running as root without a "postgres" OS user for initdb, and `useradd -r postgres` failed');
}

/** Starts a cluster in a temp dir on a free port; resolves { url, version, stopSync }. */
async function startThrowawayPostgres() {
  const bins = findPgBinaries();
  if (!bins)
    throw new SetupError(
      'no reachable PostgreSQL and no server binaries (initdb, pg_ctl) to start a throwaway one; ' +
        'install them (`apt-get install postgresql`, or `--install`) or set DATABASE_URL to a running server',
    );
  const runAs = IS_ROOT ? 'postgres' : undefined;
  const ids = IS_ROOT ? ensurePostgresUser() : null;
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'ambidex-pg-'));
  const data = path.join(base, 'data');
  if (ids) fs.chownSync(base, ids.uid, ids.gid);
  const pgCtl = (args) => run(bins.pgCtl, ['-D', data, ...args], { runAs, cwd: base });
  const stopSync = () => {
    if (
      fs.existsSync(path.join(data, 'postmaster.pid')) &&
      pgCtl(['-m', 'fast', '-w', '-t', '30', 'stop']).status !== 0
    )
      killPostmaster(data);
    rmrf(base);
  };
  try {
    initdb(bins.initdb, data, { runAs, cwd: base });
    const logFile = path.join(base, 'postgres.log');
    let lastErr = '';
    for (let attempt = 0; attempt < 3; attempt++) {
      const port = await freePort();
      const opts = `-p ${port} -k ${base} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
      const r = pgCtl(['-l', logFile, '-o', opts, '-w', '-t', '60', 'start']);
      const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
      const check = r.status === 0 ? await pgWorks(url) : { ok: false, reason: `${r.out}\n${tail(logFile)}` };
      if (check.ok) {
        const version = (/(\d+(?:\.\d+)*)/.exec(run(bins.pgCtl, ['--version']).stdout || '') || [])[1] || '';
        return { url, version, dir: base, stopSync };
      }
      lastErr = check.reason;
      pgCtl(['-m', 'immediate', '-w', 'stop']); // possibly lost a port race: retry on another port
    }
    throw new SetupError(`could not start a throwaway PostgreSQL (${bins.pgCtl}):\n${lastErr}`);
  } catch (e) {
    stopSync();
    throw e;
  }
}

function initdb(bin, data, opts) {
  const args = ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8'];
  const withLocale = run(bin, [...args, '--locale=C.UTF-8'], opts);
  if (withLocale.status === 0) return;
  rmrf(data);
  const noLocale = run(bin, [...args, '--no-locale'], opts);
  if (noLocale.status !== 0)
    throw new SetupError(`initdb failed:\n--- --locale=C.UTF-8:\n${withLocale.out}\n--- --no-locale:\n${noLocale.out}`);
}

function tail(file) {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-20).join('\n');
  } catch {
    return '';
  }
}

function killPostmaster(dataDir) {
  try {
    const pid = Number(fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    if (pid > 0) process.kill(pid, 'SIGQUIT');
  } catch {
    /* no pid file or already gone */
  }
}

module.exports = { pgWorks, useLocalCluster, startThrowawayPostgres, DEFAULT_DATABASE_URL: localUrl() };
