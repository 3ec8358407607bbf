#!/usr/bin/env node
/**
 * Our npm registry serves only some platforms' native binaries, so `npm install` leaves other platforms'
 * optional packages out of package-lock.json, and `npm ci` then refuses the lock ("Missing: … from lock file").
 * This records each missing optional package with its os/cpu, so `npm ci` accepts the lock and skips it as
 * "not for this platform". Run it after `npm install` changes the lock.
 */
const { readFileSync, writeFileSync } = require('node:fs');

const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
const PLATFORM = [
  [/darwin/, 'darwin'],
  [/linux/, 'linux'],
  [/win32/, 'win32'],
  [/freebsd/, 'freebsd'],
  [/android/, 'android'],
  [/openharmony/, 'openharmony'],
];
const CPU = [
  [/arm64|aarch64/, 'arm64'],
  [/x64|x86_64/, 'x64'],
  [/ia32/, 'ia32'],
  [/arm(?!64)/, 'arm'],
  [/ppc64/, 'ppc64'],
  [/s390x/, 's390x'],
  [/riscv64/, 'riscv64'],
  [/loong64/, 'loong64'],
];
const pick = (table, name) => table.find(([pattern]) => pattern.test(name))?.[1];

let added = 0;
for (const [path, entry] of Object.entries(lock.packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const key = `node_modules/${name}`;
    const nested = `${path}/node_modules/${name}`;
    if (lock.packages[key] || lock.packages[nested]) continue;
    const os = pick(PLATFORM, name);
    const cpu = pick(CPU, name);
    if (os === undefined || cpu === undefined) continue;
    lock.packages[key] = { version, cpu: [cpu], optional: true, os: [os] };
    added += 1;
  }
}
lock.packages = Object.fromEntries(
  Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : 1)),
);
writeFileSync('package-lock.json', `${JSON.stringify(lock, null, 2)}\n`);
console.log(`complete-lockfile: recorded ${added} optional platform package(s)`);
