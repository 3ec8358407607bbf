import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative } from 'node:path';

/**
 * Where `npm run web:build` puts the console: apps/web/dist. Compiled (`npm run build`), this file sits at
 * dist/apps/api/src/web and the build copies the console to dist/apps/web/dist: the same path relative to it.
 */
export const CONSOLE_DIST = join(__dirname, '..', '..', '..', 'web', 'dist');

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
};

export interface ConsoleFile {
  body: Buffer;
  type: string;
}

/**
 * The built console, read once: index.html and the hashed files under console/. Requests are answered from this
 * map only, so no path from a request ever reaches the file system. Empty when the console was not built.
 */
export function readConsoleFiles(dist = CONSOLE_DIST): Map<string, ConsoleFile> {
  const files = new Map<string, ConsoleFile>();
  const walk = (dir: string): void => {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return;
    }
    for (const name of names) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else {
        const type = TYPES[extname(name)];
        if (type !== undefined)
          files.set(relative(dist, path).split('\\').join('/'), { body: readFileSync(path), type });
      }
    }
  };
  walk(dist);
  return files;
}
