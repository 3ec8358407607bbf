import { spawnSync, SpawnSyncReturns } from 'node:child_process';
import { accessSync, chownSync, constants, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './throwaway-redis';

/**
 * A PostgreSQL primary of the test's own (initdb in a temp dir, on a free port) and a hot standby streaming from it
 * (pg_basebackup -R). The machine's own server is not used: its pg_hba.conf need not allow replication, and a base
 * backup of it would copy every database on it. Needs the server binaries (initdb, pg_ctl, pg_basebackup) that the
 * `postgresql` package installs, as scripts/services/postgres.js does for its throwaway servers.
 */
export interface StreamingPair {
  /** The primary, as its superuser (the owner of the tables, for migrations). */
  primaryUrl: string;
  /** The standby, as its superuser (to pause and resume replay; the app connects as ambidex_app). */
  standbyUrl: string;
  /** Stops both servers and deletes their files; idempotent. */
  stop(): void;
  /** Stops the standby alone, at once (as a crash would). */
  stopStandby(): void;
  /** Starts the stopped standby again, on the same port. */
  startStandby(): void;
}

const IS_ROOT = process.getuid?.() === 0;

/** The newest /usr/lib/postgresql/<v>/bin (Debian) or /usr/pgsql-<v>/bin (RPM) with all three tools. */
function serverBinaries(): string {
  const candidates: { version: number; bin: string }[] = [];
  for (const [root, pattern] of [
    ['/usr/lib/postgresql', /^(\d+(?:\.\d+)?)$/],
    ['/usr', /^pgsql-(\d+(?:\.\d+)?)$/],
  ] as const) {
    let entries: string[];
    try {
      entries = readdirSync(root);
    } catch {
      continue; // not this layout
    }
    for (const entry of entries) {
      const match = pattern.exec(entry);
      if (match !== null) candidates.push({ version: Number(match[1]), bin: join(root, entry, 'bin') });
    }
  }
  candidates.sort((a, b) => b.version - a.version);
  const usable = candidates.find(({ bin }) =>
    ['initdb', 'pg_ctl', 'pg_basebackup'].every((tool) => {
      try {
        accessSync(join(bin, tool), constants.X_OK);
        return true;
      } catch {
        return false;
      }
    }),
  );
  if (usable === undefined) throw new Error('no PostgreSQL server binaries (apt-get install postgresql)');
  return usable.bin;
}

/** The postgres OS user's ids: initdb and pg_ctl refuse to run as root. */
function postgresUser(): { uid: number; gid: number } {
  const id = (flag: string): number => Number(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout.trim());
  const ids = { uid: id('-u'), gid: id('-g') };
  if (!Number.isInteger(ids.uid) || ids.uid <= 0) throw new Error('running as root without a "postgres" OS user');
  return ids;
}

function tail(file: string): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-15).join('\n');
  } catch {
    return '';
  }
}

export async function startStreamingPair(): Promise<StreamingPair> {
  const bin = serverBinaries();
  const base = mkdtempSync(join(tmpdir(), 'ambidex-replica-'));
  if (IS_ROOT) {
    const { uid, gid } = postgresUser();
    chownSync(base, uid, gid);
  }
  const run = (tool: string, args: string[]): SpawnSyncReturns<string> => {
    const [file, argv] = IS_ROOT
      ? ['runuser', ['-u', 'postgres', '--', join(bin, tool), ...args]]
      : [join(bin, tool), args];
    return spawnSync(file, argv, { cwd: base, encoding: 'utf8', timeout: 120_000 });
  };
  const must = (tool: string, args: string[], log?: string): void => {
    const result = run(tool, args);
    if (result.status !== 0)
      throw new Error(`${tool} failed: ${result.stdout}${result.stderr}${log === undefined ? '' : tail(log)}`);
  };
  const primary = join(base, 'primary');
  const standby = join(base, 'standby');
  const started: string[] = [];
  const stop = (): void => {
    for (const dir of started.splice(0).reverse()) run('pg_ctl', ['-D', dir, '-m', 'immediate', '-w', 'stop']);
    rmSync(base, { recursive: true, force: true });
  };
  try {
    must('initdb', ['-D', primary, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-locale']);
    // initdb's pg_hba.conf lets 127.0.0.1 replicate under trust; wal_level replica and wal senders are the defaults.
    const start = (dir: string, name: string, port: number): string => {
      const log = join(base, `${name}.log`);
      const options = `-p ${port} -k ${base} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=40`;
      must('pg_ctl', ['-D', dir, '-l', log, '-o', options, '-w', '-t', '60', 'start'], log);
      if (!started.includes(dir)) started.push(dir);
      return `postgres://postgres@127.0.0.1:${port}/postgres`;
    };
    const primaryUrl = start(primary, 'primary', await freePort());
    const { port } = new URL(primaryUrl);
    must('pg_basebackup', [
      '-h',
      '127.0.0.1',
      '-p',
      port,
      '-U',
      'postgres',
      '-D',
      standby,
      '-R',
      '-X',
      'stream',
      '-c',
      'fast',
    ]);
    const standbyPort = await freePort();
    const standbyUrl = start(standby, 'standby', standbyPort);
    return {
      primaryUrl,
      standbyUrl,
      stop,
      stopStandby: () => must('pg_ctl', ['-D', standby, '-m', 'immediate', '-w', 'stop']),
      startStandby: () => void start(standby, 'standby', standbyPort),
    };
  } catch (error) {
    stop();
    throw error;
  }
}
