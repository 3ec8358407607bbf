import { refusedValueDetail, sqlStateOf } from '@ambidex/platform';
import { EntityManager } from 'typeorm';

/** SQLSTATE classes of values the database refuses: data exceptions (22) and check violations (23514). */
export function isRefusedValue(error: unknown): boolean {
  const code = sqlStateOf(error);
  return code.startsWith('22') || code === '23514';
}

let counter = 0;

/**
 * Runs work inside a savepoint: when the database refuses a value, only this work is undone and the reason is
 * returned, so one bad entry cannot sink the transaction of the entries around it.
 */
export async function withSavepoint<T>(
  em: EntityManager,
  work: () => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; reason: string }> {
  counter = (counter + 1) % 1_000_000;
  const name = `entry_${counter}`;
  await em.query(`SAVEPOINT ${name}`);
  try {
    const value = await work();
    await em.query(`RELEASE SAVEPOINT ${name}`);
    return { ok: true, value };
  } catch (error) {
    if (!isRefusedValue(error)) throw error;
    await em.query(`ROLLBACK TO SAVEPOINT ${name}`);
    // Our own words: the server's message quotes the value and names columns and types.
    return { ok: false, reason: `refused by the database: ${refusedValueDetail(sqlStateOf(error))}` };
  }
}
