#!/usr/bin/env node
// One naming convention: a Nest provider, controller or processor lives in a file named after its
// class, in kebab case, with Nest's role suffix as the file's suffix:
//   DecideGateReview -> decide-gate-review.ts, LearningsService -> learnings.service.ts,
//   GatesProcessor -> gates.processor.ts, AccessGuard -> access.guard.ts
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const ROLE_SUFFIXES = [
  'Service',
  'Processor',
  'Controller',
  'Module',
  'Guard',
  'Interceptor',
  'Pipe',
  'Handler',
  'Loop',
];
const DECORATED_CLASS =
  /@(?:Injectable|Controller|Processor)\([^)]*\)\s*(?:@\w+\([^)]*\)\s*)*export (?:abstract )?class (\w+)/;

const root = path.resolve(__dirname, '..');
// The console is React, not Nest.
const SKIPPED = new Set([path.join('apps', 'web')]);

const kebab = (name) => name.replace(/(?<=[a-z0-9])([A-Z])/g, '-$1').toLowerCase();

function expectedFileName(className) {
  const role = ROLE_SUFFIXES.find((suffix) => className.endsWith(suffix) && className !== suffix);
  return role ? `${kebab(className.slice(0, -role.length))}.${role.toLowerCase()}.ts` : `${kebab(className)}.ts`;
}

function sourceFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return SKIPPED.has(path.relative(root, full)) ? [] : sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

const misnamed = [];
for (const top of ['apps', 'libs']) {
  for (const file of sourceFiles(path.join(root, top))) {
    const match = DECORATED_CLASS.exec(fs.readFileSync(file, 'utf8'));
    if (!match) continue;
    const expected = expectedFileName(match[1]);
    if (path.basename(file) !== expected)
      misnamed.push(`${path.relative(root, file)}: ${match[1]} belongs in ${expected}`);
  }
}
if (misnamed.length) {
  console.error(`check-class-file-names: ${misnamed.length} file(s) not named after their class:`);
  for (const line of misnamed) console.error(`  ${line}`);
  process.exit(1);
}
console.log('check-class-file-names: every provider, controller and processor file is named after its class');
