import { TransactionContentionError, TransactionRunner } from '@ambidex/platform';
import { testConfig } from '@ambidex/testing';
import { DataSource, EntityManager } from 'typeorm';
import { createDataSource } from '../../apps/shared/src/migrations';

/** The transaction runner on real PostgreSQL: deadlocks and serialization failures are retried, within a bound. */
describe('transaction runner retries (real PostgreSQL)', () => {
  let dataSource: DataSource;
  const table = `retry_probe_${process.pid}_${Date.now()}`;

  beforeAll(async () => {
    const config = testConfig();
    dataSource = await createDataSource(
      { ...config, database: { ...config.database, poolSize: 6 } },
      config.database.url ?? '',
    ).initialize();
    await dataSource.query(`CREATE TABLE ${table} (id int PRIMARY KEY, n int NOT NULL DEFAULT 0)`);
    await dataSource.query(`INSERT INTO ${table} (id) VALUES (1), (2)`);
  });
  afterAll(async () => {
    await dataSource.query(`DROP TABLE IF EXISTS ${table}`);
    await dataSource.destroy();
  });

  const retriesOf = (runner: TransactionRunner, sqlState: string): number => runner.retries().get(sqlState) ?? 0;

  it('re-runs the whole callback of the transaction PostgreSQL picks as a deadlock victim; both commit once', async () => {
    const runner = new TransactionRunner(dataSource);
    const runs = { first: 0, second: 0 };
    // Each side locks its own row, waits until the other holds its row too, then asks for the other's: a deadlock
    // on the first attempt, every time. The victim's retry finds the other committed and goes through.
    let arrived = 0;
    let release: () => void = () => undefined;
    const bothHoldTheirRow = new Promise<void>((resolve) => (release = resolve));
    const meet = async (): Promise<void> => {
      arrived += 1;
      if (arrived === 2) release();
      await bothHoldTheirRow;
    };
    const side = (own: number, other: number, counter: 'first' | 'second') => (em: EntityManager) =>
      (async () => {
        runs[counter] += 1;
        await em.query(`SET LOCAL deadlock_timeout = '50ms'`);
        await em.query(`UPDATE ${table} SET n = n + 1 WHERE id = $1`, [own]);
        if (runs[counter] === 1) await meet();
        await em.query(`UPDATE ${table} SET n = n + 1 WHERE id = $1`, [other]);
      })();

    await Promise.all([runner.run(side(1, 2, 'first')), runner.run(side(2, 1, 'second'))]);

    expect(runs.first + runs.second).toBe(3); // one of them ran twice
    expect(retriesOf(runner, '40P01')).toBe(1);
    // Each committed exactly once: every row was incremented once per committed transaction.
    const rows = (await dataSource.query(`SELECT n FROM ${table} ORDER BY id`)) as { n: number }[];
    expect(rows.map((r) => r.n)).toEqual([2, 2]);
  });

  it('retries a serialization failure and gives up after the bound with a contention error (nothing committed)', async () => {
    const runner = new TransactionRunner(dataSource);
    runner.usePolicy({ attempts: 4, baseDelayMs: 1, maxDelayMs: 5 });
    let runs = 0;
    const failing = runner.run(async (em) => {
      runs += 1;
      await em.query(`UPDATE ${table} SET n = n + 100 WHERE id = 1`);
      await em.query(`DO $$ BEGIN RAISE EXCEPTION 'forced conflict' USING ERRCODE = 'serialization_failure'; END $$`);
    });
    await expect(failing).rejects.toBeInstanceOf(TransactionContentionError);
    await expect(failing).rejects.toMatchObject({
      code: 'DATABASE.CONTENTION',
      kind: 'unavailable',
      sqlState: '40001',
      attempts: 4,
      retryAfterSeconds: 1,
    });
    expect(runs).toBe(4);
    expect(retriesOf(runner, '40001')).toBe(3);
    const [row] = (await dataSource.query(`SELECT n FROM ${table} WHERE id = 1`)) as { n: number }[];
    expect(row?.n).toBeLessThan(100);
  });

  it('recovers when the conflict clears within the bound, and never retries other errors', async () => {
    const runner = new TransactionRunner(dataSource);
    let runs = 0;
    const value = await runner.run(async (em) => {
      runs += 1;
      if (runs < 3)
        await em.query(`DO $$ BEGIN RAISE EXCEPTION 'forced deadlock' USING ERRCODE = 'deadlock_detected'; END $$`);
      return 'done';
    });
    expect(value).toBe('done');
    expect(runs).toBe(3);

    let uniqueRuns = 0;
    await expect(
      runner.run(async (em) => {
        uniqueRuns += 1;
        await em.query(`INSERT INTO ${table} (id) VALUES (1)`);
      }),
    ).rejects.toMatchObject({ driverError: expect.objectContaining({ code: '23505' }) });
    expect(uniqueRuns).toBe(1);
  });
});
