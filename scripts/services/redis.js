'use strict';
/**
 * Redis for tests and CI: the server at the URL if it answers PING; else (for CI) a redis-server kept running on
 * 127.0.0.1:6379, installed with apt when asked; else a throwaway redis-server on a free port that the caller stops.
 */
const fs = require('node:fs');
const os = require('node:os');
const net = require('node:net');
const tls = require('node:tls');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { SetupError, log, sleep, which, run, aptInstall, freePort, waitFor, rmrf } = require('./system');

const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';
const CHECK_TIMEOUT_MS = 3000;
// BullMQ needs noeviction; nothing a test writes needs to survive a restart.
const SERVER_ARGS = ['--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--maxmemory-policy', 'noeviction'];

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
    const password = url.password ? decodeURIComponent(url.password) : '';
    const username = url.username ? decodeURIComponent(url.username) : '';
    let payload = password ? encodeCommand(username ? ['AUTH', username, password] : ['AUTH', password]) : '';
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

/** A redis-server that outlives this process on 127.0.0.1:6379 (CI: later steps use it). */
async function useLocalRedis({ install }) {
  if (!which('redis-server') && install) {
    log('Redis is not installed: installing redis-server');
    aptInstall(['redis-server']);
    await sleep(1000); // where systemd runs, the package starts its own service
  }
  const bin = which('redis-server');
  if (!bin) return null;
  if (!(await redisPing(DEFAULT_REDIS_URL)).ok) {
    log('starting redis-server on 127.0.0.1:6379');
    const dir = os.tmpdir();
    const r = run(bin, [
      '--daemonize',
      'yes',
      '--port',
      '6379',
      ...SERVER_ARGS,
      '--dir',
      dir,
      '--logfile',
      path.join(dir, 'ambidex-redis.log'),
    ]);
    if (r.status !== 0) throw new SetupError(`redis-server failed to start: ${r.out}`);
  }
  const ready = await waitFor(() => redisPing(DEFAULT_REDIS_URL), 60000);
  if (!ready.ok) throw new SetupError(`Redis on 127.0.0.1:6379 did not answer: ${ready.reason}`);
  return DEFAULT_REDIS_URL;
}

/** A redis-server child on a free port; resolves { url, pid, stop, stopSync }. */
async function startThrowawayRedis() {
  const bin = which('redis-server');
  if (!bin)
    throw new SetupError(
      'no reachable Redis and no `redis-server` to start a throwaway one; ' +
        'install it (`apt-get install redis-server`, or `--install`) or set REDIS_URL to a running server',
    );
  let lastErr = '';
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ambidex-redis-'));
    // Own process group: a terminal Ctrl-C reaches jest but not redis, which is stopped after jest has finished.
    const child = spawn(bin, ['--port', String(port), ...SERVER_ARGS, '--dir', dir], {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let output = '';
    const collect = (d) => {
      if (output.length < 20000) output += d.toString('utf8');
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    let spawnError = null;
    child.on('error', (e) => (spawnError = e));
    const alive = () => !spawnError && child.exitCode === null && child.signalCode === null;
    const handle = { url: `redis://127.0.0.1:${port}`, pid: child.pid, dir, ...stopper(child, alive, dir) };

    const deadline = Date.now() + 15000;
    while (Date.now() < deadline && alive()) {
      if ((await redisPing(handle.url)).ok) {
        // Stop buffering its log; keep draining the pipes so it never blocks on a full pipe.
        for (const stream of [child.stdout, child.stderr]) {
          stream.removeListener('data', collect);
          stream.resume();
          stream.unref?.();
        }
        child.unref();
        return handle;
      }
      await sleep(100);
    }
    lastErr = spawnError ? spawnError.message : output.trim().split('\n').slice(-15).join('\n') || 'no answer to PING';
    handle.stopSync();
  }
  throw new SetupError(`could not start a throwaway redis-server (${bin}):\n${lastErr}`);
}

/** stop() waits for the child to exit so it is reaped here, not left an orphan; stopSync() is for process exit. */
function stopper(child, alive, dir) {
  const kill = (sig) => {
    try {
      child.kill(sig);
    } catch {
      /* already gone */
    }
  };
  return {
    stopSync() {
      if (alive()) kill('SIGKILL');
      rmrf(dir);
    },
    stop() {
      if (!alive()) return Promise.resolve();
      return new Promise((resolve) => {
        const force = setTimeout(() => kill('SIGKILL'), 3000);
        const giveUp = setTimeout(resolve, 5000);
        child.once('exit', () => {
          clearTimeout(force);
          clearTimeout(giveUp);
          resolve();
        });
        kill('SIGTERM');
      });
    },
  };
}

module.exports = { redisPing, useLocalRedis, startThrowawayRedis, DEFAULT_REDIS_URL };
