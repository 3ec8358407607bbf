#!/usr/bin/env node
/**
 * `npm run fuzz -- [--runs N] [--seconds S] [--seed X]`: the OpenAPI fuzz suite of `npm test`, run longer.
 * Defaults: 20,000 runs or 600 s, whichever ends first, and a fresh seed; the suite prints the seed, and
 * `--seed X` replays a run exactly (on a fresh database).
 */
'use strict';

const path = require('node:path');
const { spawnSync } = require('node:child_process');

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 && args[index + 1] !== undefined ? args[index + 1] : fallback;
};
const env = {
  ...process.env,
  FUZZ_RUNS: option('runs', process.env.FUZZ_RUNS ?? '20000'),
  FUZZ_SECONDS: option('seconds', process.env.FUZZ_SECONDS ?? '600'),
  FUZZ_SEED: option('seed', process.env.FUZZ_SEED ?? String(Date.now() % 2 ** 31)),
};
process.stderr.write(`[fuzz] runs ${env.FUZZ_RUNS}, seconds ${env.FUZZ_SECONDS}, seed ${env.FUZZ_SEED}\n`);
const result = spawnSync(
  process.execPath,
  [path.join(__dirname, 'run-tests.js'), 'test/fuzz/openapi.fuzz.e2e.spec.ts', '--verbose'],
  { stdio: 'inherit', env },
);
process.exit(result.status ?? 1);
