/**
 * `npm run build`: compiles apps/, libs/, migrations/ and scripts/ to JavaScript in dist/ with swc (the transform
 * @swc-node/register applies at run time), so production processes run plain JS: no TypeScript compiler, swc
 * binding and transform caches in every process (about 60 MB resident each; see bench/memory.bench.ts).
 */
import { transformFileSync } from '@swc/core';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

const ROOT = join(__dirname, '..');
const OUT = join(ROOT, 'dist');
const SOURCES = ['apps', 'libs', 'migrations', 'scripts'];
/** Files the compiled code reads next to itself: the built web console (`npm run web:build`), served at /. */
const ASSETS = ['apps/web/dist'];

function* typeScriptFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* typeScriptFiles(path);
    else if (name.endsWith('.ts') && !name.endsWith('.spec.ts') && !name.endsWith('.d.ts')) yield path;
  }
}

/** '@ambidex/x' → the relative path of libs/x/src from the file being compiled. */
function rewriteContextImports(code: string, file: string): string {
  return code.replace(/require\("@ambidex\/([a-z-]+)"\)/g, (_match, lib: string) => {
    let target = relative(dirname(file), join(ROOT, 'libs', lib, 'src'));
    if (!target.startsWith('.')) target = `./${target}`;
    return `require(${JSON.stringify(target)})`;
  });
}

function main(): void {
  rmSync(OUT, { recursive: true, force: true });
  let count = 0;
  for (const source of SOURCES) {
    for (const file of typeScriptFiles(join(ROOT, source))) {
      const { code } = transformFileSync(file, {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
          keepClassNames: true,
        },
        module: { type: 'commonjs' },
        sourceMaps: false,
      });
      const target = join(OUT, relative(ROOT, file)).replace(/\.ts$/, '.js');
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, rewriteContextImports(code, file));
      count += 1;
    }
  }
  for (const asset of ASSETS) {
    if (existsSync(join(ROOT, asset))) cpSync(join(ROOT, asset), join(OUT, asset), { recursive: true });
    else console.warn(`${asset} is missing: run npm run web:build first, or the compiled API serves no console`);
  }
  console.log(`Compiled ${count} files into ${relative(process.cwd(), OUT) || '.'}`);
}

main();
