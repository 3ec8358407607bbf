/**
 * `--profile <dir>` on a bench: the V8 CPU profile of this process while one target is under load, written as
 * `<dir>/<name>.cpuprofile` (open it in Chrome DevTools or summarise it with `bench/lib/profile-top.ts`). Only the
 * measured window is recorded, not the boot or the other targets, so the profile is the request path alone.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';

export function profileDirArg(): string | undefined {
  const argv = process.argv.slice(2);
  const at = argv.indexOf('--profile');
  if (at === -1) return undefined;
  const dir = argv[at + 1];
  return dir === undefined || dir.startsWith('--') ? 'profiles' : dir;
}

/** Runs `work` under the V8 sampling profiler when `dir` is set; otherwise just runs it. */
export async function profiled<T>(dir: string | undefined, name: string, work: () => Promise<T>): Promise<T> {
  if (dir === undefined) return work();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  try {
    return await work();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    session.disconnect();
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `${name}.cpuprofile`);
    writeFileSync(file, JSON.stringify(profile));
    console.log(`CPU profile: ${file}`);
  }
}
