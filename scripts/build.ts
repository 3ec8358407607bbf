/**
 * `npm run build [-- --out dir]`: compiles apps/, libs/, migrations/ and scripts/ to JavaScript in dist/ (or `dir`,
 * which must sit inside the repository so node_modules resolves) with swc (the transform @swc-node/register applies
 * at run time), so production processes run plain JS: no TypeScript compiler, swc binding and transform caches in
 * every process (about 60 MB resident each; see bench/memory.bench.ts).
 *
 * The console is not compiled here: vite builds it (`npm run web:build`, run it first) into apps/web/dist, which is
 * copied to the same place under dist/, where the compiled API finds it (apps/api/src/web/console-files.ts).
 */
import { transformFileSync } from '@swc/core';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const ROOT = join(__dirname, '..');
const OUT = outDir();
const SOURCES = ['apps', 'libs', 'migrations', 'scripts'];
/** The console's source: bundled by vite, never run by node. */
const NOT_COMPILED = [join(ROOT, 'apps', 'web')];
/** The built console, served by the API. */
const CONSOLE = 'apps/web/dist';

/** dist/, or with `--out` a folder under dist/ or artifacts/ (both git-ignored): the folder is emptied first. */
function outDir(): string {
  const i = process.argv.indexOf('--out');
  if (i < 0) return join(ROOT, 'dist');
  const out = resolve(process.argv[i + 1] ?? '');
  const inside = relative(ROOT, out).split(sep);
  if (!['dist', 'artifacts'].includes(inside[0] ?? '') || (inside[0] === 'artifacts' && inside.length < 2)) {
    throw new Error(`--out must be dist/ or a folder under dist/ or artifacts/ of ${ROOT} (got ${out})`);
  }
  return out;
}

function* typeScriptFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (NOT_COMPILED.includes(path)) continue;
    if (statSync(path).isDirectory()) yield* typeScriptFiles(path);
    else if (name.endsWith('.ts') && !name.endsWith('.spec.ts') && !name.endsWith('.d.ts')) yield path;
  }
}

/** '@ambidex/x' → the relative path of libs/x/src from the file being compiled; '@ambidex/x/domain' → libs/x/src/domain. */
function rewriteContextImports(code: string, file: string): string {
  return code.replace(
    /require\("@ambidex\/([a-z-]+)(?:\/([a-z-]+))?"\)/g,
    (_match, lib: string, entry: string | undefined) => {
      let target = relative(dirname(file), join(ROOT, 'libs', lib, 'src', entry ?? ''));
      if (!target.startsWith('.')) target = `./${target}`;
      return `require(${JSON.stringify(target)})`;
    },
  );
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
  const where = relative(process.cwd(), OUT) || '.';
  console.log(`Compiled ${count} files into ${where}`);
  if (existsSync(join(ROOT, CONSOLE, 'index.html'))) {
    cpSync(join(ROOT, CONSOLE), join(OUT, CONSOLE), { recursive: true });
    console.log(`Copied the console (${CONSOLE}) into ${join(where, CONSOLE)}`);
  } else {
    console.warn(
      `The console is not built (no ${CONSOLE}/index.html): the compiled API will serve none. Run \`npm run web:build\` first.`,
    );
  }
}

main();
