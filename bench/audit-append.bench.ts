/**
 * `npm run bench:audit [-- --writers 1,8,32 --seconds 6 --warmup 1 --baselines]`
 *
 * Audit-trail appends committed per second with N concurrent writers, each append its own READ COMMITTED
 * transaction (as TransactionRunner runs them), in two modes:
 *   - one chain:  every writer appends to the same chain (worst case: the chain head serialises them all);
 *   - own chains: each writer appends to its own chain (per-aggregate chains, as the app uses them);
 * against a baseline of plain single-row INSERT transactions into a scratch table (no chain, no head lock).
 * `--baselines` adds two more plain-INSERT rows per writer count, to show what the transaction wrapper costs:
 * the INSERT in autocommit (one round trip), and in a transaction opened without an isolation level (TypeORM
 * then skips its separate SET TRANSACTION round trip).
 * Then re-verifies every chain with verifyAuditTrail, and checks that the entries stored are exactly the
 * appends that committed. Runs on a throwaway PostgreSQL database, dropped at the end.
 */
import 'reflect-metadata';
import { Actor, AuditTrail, verifyAuditTrail } from '@ambidex/platform';
import { performance } from 'node:perf_hooks';
import { DataSource, EntityManager } from 'typeorm';
import { createDataSource, runMigrations } from '../apps/shared/src/migrations';
import { benchEnvironment, listArg, numberArg, table } from './lib/bench-env';

const writerCounts = listArg('writers', [1, 8, 32]);
const seconds = numberArg('seconds', 6);
const warmupSeconds = numberArg('warmup', 1);
const extraBaselines = process.argv.includes('--baselines');

const ACTOR: Actor = { userId: null, label: 'bench' };
const SCRATCH_TABLE = 'bench_plain_inserts';

type Mode = 'baseline' | 'own chains' | 'one chain' | 'autocommit' | 'tx, default isolation';

interface CaseResult {
  mode: Mode;
  writers: number;
  perSecond: number;
  measured: number;
  meanMs: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Share of one core this process used during the measurement (TypeORM + pg client work). */
  nodeCpu: number;
}

/** Every commit of an audit append, warm-up included: what the audit tables must hold at the end. */
let auditCommits = 0;

/**
 * Runs `writers` loops of `op` for warm-up + measured seconds; counts the operations that complete inside
 * the measured window. Any failure stops the case and fails the bench.
 */
async function runCase(
  mode: Mode,
  writers: number,
  op: (writer: number, n: number) => Promise<void>,
): Promise<CaseResult> {
  let stop = false;
  let measuring = false;
  let failure: unknown;
  const latencies: number[] = [];
  const loops = Array.from({ length: writers }, async (_, writer) => {
    for (let n = 0; !stop; n++) {
      const started = performance.now();
      try {
        await op(writer, n);
      } catch (error) {
        failure ??= error;
        stop = true;
        return;
      }
      if (mode === 'own chains' || mode === 'one chain') auditCommits += 1;
      if (measuring) latencies.push(performance.now() - started);
    }
  });
  await sleep(warmupSeconds * 1000);
  const cpuStart = process.cpuUsage();
  const t0 = performance.now();
  measuring = true;
  await sleep(seconds * 1000);
  measuring = false;
  const elapsedMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpuStart);
  stop = true;
  await Promise.all(loops);
  if (failure !== undefined) throw new Error(`${mode} with ${writers} writers failed`, { cause: failure });

  const sorted = Float64Array.from(latencies).sort();
  const at = (q: number): number =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
  return {
    mode,
    writers,
    perSecond: (latencies.length * 1000) / elapsedMs,
    measured: latencies.length,
    meanMs: sorted.reduce((a, b) => a + b, 0) / sorted.length,
    p50Ms: at(0.5),
    p99Ms: at(0.99),
    maxMs: sorted[sorted.length - 1] ?? NaN,
    nodeCpu: (cpu.user + cpu.system) / 1000 / elapsedMs,
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function cases(
  dataSource: DataSource,
  audit: AuditTrail,
  writers: number,
): [Mode, (writer: number, n: number) => Promise<void>][] {
  const payload = (writer: number, n: number): { writer: number; n: number; title: string } => ({
    writer,
    n,
    title: 'Benchmark aggregate',
  });
  const insert = (em: EntityManager, writer: number, n: number): Promise<unknown> =>
    em.query(
      `INSERT INTO ${SCRATCH_TABLE} (writer, occurred_at, action, entity_type, entity_id, after) VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        writer,
        new Date().toISOString(),
        'bench.appended',
        'bench_aggregate',
        `w${writers}-${writer}`,
        JSON.stringify(payload(writer, n)),
      ],
    );
  const extra: [Mode, (writer: number, n: number) => Promise<void>][] = [
    ['autocommit', async (writer, n) => void (await insert(dataSource.manager, writer, n))],
    ['tx, default isolation', (writer, n) => dataSource.transaction(async (em) => void (await insert(em, writer, n)))],
  ];
  return [
    ...(extraBaselines ? extra : []),
    [
      'baseline',
      (writer, n) => dataSource.transaction('READ COMMITTED', async (em) => void (await insert(em, writer, n))),
    ],
    [
      'own chains',
      (writer, n) =>
        dataSource.transaction('READ COMMITTED', (em) =>
          audit.append(em, {
            actor: ACTOR,
            action: 'bench.appended',
            entityType: 'bench_aggregate',
            entityId: `w${writers}-${writer}`,
            after: payload(writer, n),
          }),
        ),
    ],
    [
      'one chain',
      (writer, n) =>
        dataSource.transaction('READ COMMITTED', (em) =>
          audit.append(em, {
            actor: ACTOR,
            action: 'bench.appended',
            entityType: 'bench_aggregate',
            entityId: `w${writers}-${writer}`,
            after: payload(writer, n),
            chainKey: 'bench:global',
          }),
        ),
    ],
  ];
}

const LABELS: Record<Mode, string> = {
  autocommit: 'plain INSERT, autocommit',
  'tx, default isolation': 'plain INSERT, tx() no level',
  baseline: 'baseline: plain INSERT tx',
  'own chains': 'audit append, own chains',
  'one chain': 'audit append, one chain',
};

const fmt = (n: number, digits = 0): string =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function main(): Promise<void> {
  const maxWriters = Math.max(...writerCounts);
  const env = await benchEnvironment('bench_audit', { DATABASE_POOL_SIZE: String(Math.min(200, maxWriters + 2)) });
  let dataSource: DataSource | undefined;
  try {
    await runMigrations(env.config, env.databaseUrl);
    dataSource = await createDataSource(env.config, env.databaseUrl).initialize();
    await dataSource.query(
      `CREATE TABLE ${SCRATCH_TABLE} (
         id bigserial PRIMARY KEY, writer integer NOT NULL, occurred_at timestamptz NOT NULL, action text NOT NULL,
         entity_type text NOT NULL, entity_id text NOT NULL, after jsonb
       )`,
    );
    const audit = new AuditTrail();
    const total = writerCounts.length * (extraBaselines ? 5 : 3) * (warmupSeconds + seconds);
    console.log(
      `writers ${writerCounts.join(', ')}; pool ${env.config.database.poolSize}; per case ${warmupSeconds} s warm-up + ${seconds} s measured ` +
        `(~${Math.ceil(total)} s); one READ COMMITTED transaction per operation`,
    );

    const results: CaseResult[] = [];
    for (const writers of writerCounts) {
      for (const [mode, op] of cases(dataSource, audit, writers)) {
        const result = await runCase(mode, writers, op);
        results.push(result);
        console.log(`  ${mode.padEnd(21)} ${String(writers).padStart(2)} writers: ${fmt(result.perSecond)}/s`);
      }
    }

    const baseline = new Map(results.filter((r) => r.mode === 'baseline').map((r) => [r.writers, r.perSecond]));
    console.log();
    console.log(
      table(
        ['mode', 'writers', 'commits/s', 'vs baseline', 'mean ms', 'p50 ms', 'p99 ms', 'max ms', 'node CPU'],
        results.map((r) => [
          LABELS[r.mode],
          String(r.writers),
          fmt(r.perSecond),
          r.mode === 'baseline' ? '1.00' : fmt(r.perSecond / (baseline.get(r.writers) ?? NaN), 2),
          fmt(r.meanMs, 2),
          fmt(r.p50Ms, 2),
          fmt(r.p99Ms, 2),
          fmt(r.maxMs, 1),
          `${fmt(r.nodeCpu * 100)}%`,
        ]),
      ),
    );

    const verification = await dataSource.transaction('REPEATABLE READ', (em) => verifyAuditTrail(em));
    const [stored] = (await dataSource.query(`SELECT count(*)::int AS n FROM audit_entries`)) as { n: number }[];
    console.log();
    for (const p of verification.problems.slice(0, 20))
      console.error(`BROKEN ${p.chainKey} seq ${p.seq ?? '-'}: ${p.problem}`);
    console.log(
      `verifyAuditTrail: ${verification.ok ? 'OK' : 'BROKEN'}: ${verification.entries} entries in ${verification.chains} chains ` +
        `(${verification.problems.length} problems); ${auditCommits} appends committed, ${stored?.n ?? 0} rows stored`,
    );
    if (!verification.ok) throw new Error('the audit chains do not verify after concurrent appends');
    if (stored?.n !== auditCommits || verification.entries !== auditCommits) {
      throw new Error(
        `${auditCommits} appends committed but ${stored?.n} rows stored, ${verification.entries} verified`,
      );
    }
  } finally {
    await dataSource?.destroy().catch((e: unknown) => console.error('closing the data source:', e));
    await env.drop().catch((e: unknown) => console.error('dropping the bench database:', e));
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error('bench:audit FAILED:', error);
    process.exit(1);
  },
);
