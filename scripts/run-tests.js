#!/usr/bin/env node
/**
 * `npm test` entry point: makes PostgreSQL and Redis available through `provision-services.js` (the running ones,
 * the machine's stopped cluster started, or throwaway servers on free ports), runs jest with DATABASE_URL /
 * REDIS_URL pointing at them, and always stops the throwaway servers afterwards (normal exit, jest failure,
 * SIGINT/SIGTERM/SIGHUP, crash).
 *
 * Extra arguments (`npm test -- <args>`) are passed on to jest.
 */
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { SetupError, provisionServices, stopThrowaways, stopThrowawaysSync } = require('./provision-services');

const ROOT = path.resolve(__dirname, '..');
const state = { jest: null, exiting: false, signalExit: undefined };

function log(msg) {
  process.stderr.write(`[run-tests] ${msg}\n`);
}

function exitWith(code) {
  if (state.exiting) return;
  state.exiting = true;
  stopThrowaways()
    .catch(() => {})
    .then(() => process.exit(code));
}

const SIGNAL_CODES = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 };
for (const sig of Object.keys(SIGNAL_CODES)) {
  process.on(sig, () => {
    const code = 128 + SIGNAL_CODES[sig];
    const jest = state.jest;
    if (!jest || jest.exitCode !== null || jest.signalCode !== null) {
      log(`${sig} received, cleaning up`);
      return exitWith(code);
    }
    // Let jest stop first (it may still use the databases), then clean up in its 'exit' handler.
    state.signalExit = code;
    jest.kill(sig);
    setTimeout(() => {
      jest.kill('SIGKILL');
      exitWith(code);
    }, 10000).unref();
  });
}
process.on('exit', stopThrowawaysSync);
process.on('uncaughtException', (err) => {
  log(`internal error: ${err && err.stack ? err.stack : err}`);
  exitWith(1);
});

async function main() {
  const { databaseUrl, redisUrl } = await provisionServices();
  const args = process.argv.slice(2);
  const workerFlag = args.some((a) => /^(--maxWorkers|-w|--runInBand|-i)(=|$)/.test(a));
  const jestBin = path.join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js');
  if (!fs.existsSync(jestBin)) throw new SetupError(`jest not found at ${jestBin}; run npm install first`);

  const jest = spawn(process.execPath, [jestBin, ...(workerFlag ? [] : ['--maxWorkers=2']), ...args], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'test', DATABASE_URL: databaseUrl, REDIS_URL: redisUrl },
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
  log(err instanceof SetupError ? `error: ${err.message}` : `internal error: ${err && err.stack ? err.stack : err}`);
  exitWith(1);
});
