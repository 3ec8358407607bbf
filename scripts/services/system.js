'use strict';
/** Process and package helpers shared by the PostgreSQL and Redis provisioning (Node built-ins only). */
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const IS_ROOT = typeof process.getuid === 'function' && process.getuid() === 0;

class SetupError extends Error {}

function log(msg) {
  process.stderr.write(`[services] ${msg}\n`);
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
    if (isExecutable(p)) return p;
  }
  return null;
}

function isExecutable(p) {
  try {
    fs.accessSync(p, fs.constants.X_OK);
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

/** spawnSync with combined output in `.out`; as the OS user `runAs` when given (we are root then). */
function run(cmd, args, { runAs, ...opts } = {}) {
  let file = cmd;
  let argv = args;
  if (runAs) {
    file = which('runuser');
    if (!file) throw new SetupError(`running as root but \`runuser\` was not found; cannot run ${cmd} as ${runAs}`);
    argv = ['-u', runAs, '--', cmd, ...args];
  }
  const r = spawnSync(file, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 600000, ...opts });
  r.out = `${r.stdout || ''}${r.stderr || ''}${r.error ? `\n${r.error.message}` : ''}`.trim();
  return r;
}

/** Root directly or through passwordless sudo; null when neither is possible (a developer's machine). */
function rootCommand(cmd, args) {
  if (IS_ROOT) return [cmd, args];
  if (which('sudo') && spawnSync('sudo', ['-n', 'true']).status === 0) return ['sudo', ['-n', cmd, ...args]];
  return null;
}

function runAsRoot(cmd, args, opts = {}) {
  const command = rootCommand(cmd, args);
  if (!command) return { status: null, out: `needs root (or passwordless sudo) to run ${cmd}` };
  return run(command[0], command[1], opts);
}

let aptUpdated = false;
/** Installs Debian packages (CI on a fresh machine); C.UTF-8 always exists there, an unset locale breaks initdb. */
function aptInstall(packages) {
  if (!which('apt-get')) throw new SetupError(`apt-get not found: install ${packages.join(' ')} yourself`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive', LC_ALL: 'C.UTF-8' };
  const stdio = ['ignore', 'inherit', 'inherit'];
  if (!aptUpdated) {
    const r = runAsRoot('apt-get', ['update'], { env, stdio });
    if (r.status !== 0) throw new SetupError(`apt-get update failed: ${r.out}`);
    aptUpdated = true;
  }
  log(`installing ${packages.join(' ')}`);
  const r = runAsRoot('apt-get', ['install', '-y', '--no-install-recommends', ...packages], { env, stdio });
  if (r.status !== 0) throw new SetupError(`apt-get install ${packages.join(' ')} failed: ${r.out}`);
}

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

/** Retries `check` (resolving { ok, reason }) until it succeeds or `ms` pass; resolves its last answer. */
async function waitFor(check, ms) {
  const deadline = Date.now() + ms;
  let last = await check();
  while (!last.ok && Date.now() < deadline) {
    await sleep(250);
    last = await check();
  }
  return last;
}

function rmrf(p) {
  try {
    fs.rmSync(p, { recursive: true, force: true, maxRetries: 3 });
  } catch (e) {
    log(`warning: could not remove ${p}: ${e.message}`);
  }
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

module.exports = {
  IS_ROOT,
  SetupError,
  log,
  sleep,
  which,
  isExecutable,
  run,
  runAsRoot,
  aptInstall,
  freePort,
  waitFor,
  rmrf,
  redactUrl,
};
