import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';

/** Waits until at least `waiters` other backends of this database wait on a lock (`gaveUp`: the racers are done). */
export async function waitForLockWaiters(
  client: Client,
  waiters: number,
  gaveUp = (): boolean => false,
): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    // pg_stat_activity is a snapshot taken once per transaction: without clearing it, every poll sees the first.
    await client.query('SELECT pg_stat_clear_snapshot()');
    const { rows } = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`,
    );
    if ((rows[0]?.n ?? 0) >= waiters) return;
    if (gaveUp()) throw new Error(`the racers finished before ${waiters} of them waited on the lock`);
    if (Date.now() > deadline) throw new Error(`only ${rows[0]?.n} of ${waiters} racers reached a lock`);
    await sleep(5);
  }
}

/** A connection of its own, for a test that holds a lock while the code under test runs. */
export async function withLockHolder<T>(
  databaseUrl: string | undefined,
  work: (client: Client) => Promise<T>,
): Promise<T> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.query('ROLLBACK').catch(() => undefined);
    await client.end();
  }
}

/**
 * Holds `lockSql` (a `SELECT … FOR UPDATE` of the row the use case locks) in a transaction of its own, starts
 * `race`, waits until at least `waiters` backends of this database wait on a lock, then commits so they go: the
 * racers really overlap every run, not just when timing happens to let them.
 */
export async function heldAtLock<T>(
  databaseUrl: string | undefined,
  lock: { sql: string; params: unknown[] },
  waiters: number,
  race: () => Promise<T>,
  settleMs = 0,
): Promise<T> {
  return withLockHolder(databaseUrl, async (gate) => {
    await gate.query('BEGIN');
    const held = await gate.query(lock.sql, lock.params);
    if (held.rowCount !== 1) throw new Error(`the lock statement matched ${held.rowCount} rows`);
    let settled = false;
    const racing = race().finally(() => (settled = true));
    racing.catch(() => undefined);
    await waitForLockWaiters(gate, waiters, () => settled);
    // Lets the racers still on their way (argon2, a pool connection) queue up behind the first ones too.
    if (settleMs > 0) await sleep(settleMs);
    await gate.query('COMMIT');
    return await racing;
  });
}

/** Polls `probe` while a race runs and keeps the worst (highest) value it saw, e.g. effective revisions per document. */
export function watchMaximum(probe: () => Promise<number>): { stop: () => Promise<{ polls: number; worst: number }> } {
  let running = true;
  let polls = 0;
  let worst = 0;
  const loop = (async () => {
    while (running) {
      worst = Math.max(worst, await probe());
      polls += 1;
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return { polls, worst };
    },
  };
}
