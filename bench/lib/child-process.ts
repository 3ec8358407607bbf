/**
 * Servers under test as child processes on loopback (bench:memory, bench:web): started the way production starts
 * them, given a free port, waited for until /health/live answers, and stopped with SIGTERM.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function waitUntilLive(url: string, child: ChildProcess, livePath: string): Promise<void> {
  const until = Date.now() + 120_000;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`${url}: the process exited with ${child.exitCode} before answering`);
    const ok = await fetch(`${url}${livePath}`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await sleep(250);
  }
  throw new Error(`${url}: not live after 120 s`);
}

/**
 * A .js entry runs as it is; a .ts entry through @swc-node/register. The worker has no /health: it is live once its
 * metrics server answers on WORKER_METRICS_PORT (livePath '/metrics', portVariable 'WORKER_METRICS_PORT').
 */
export async function startChild(
  entry: string,
  env: Record<string, string>,
  livePath = '/health/live',
  portVariable = 'PORT',
): Promise<{ child: ChildProcess; url: string }> {
  const port = await freePort();
  const child = spawn(process.execPath, entry.endsWith('.ts') ? ['-r', '@swc-node/register', entry] : [entry], {
    cwd: ROOT,
    // eslint-disable-next-line no-restricted-syntax -- the child inherits PATH and the like; its settings are given here
    env: { ...process.env, ...env, HOST: '127.0.0.1', [portVariable]: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  await waitUntilLive(url, child, livePath);
  return { child, url };
}

export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const killed = sleep(10_000).then(() => child.kill('SIGKILL'));
  await Promise.race([exited, killed]);
}
