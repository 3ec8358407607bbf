import { EntityManager } from 'typeorm';

/**
 * The rows of a SELECT (or an INSERT … RETURNING), typed as the statement's row type. The driver cannot check the
 * type: each query keeps its row type and its mapper beside the SQL, and only camelCase results leave the file.
 */
export async function queryRows<Row>(em: EntityManager, sql: string, params: readonly unknown[]): Promise<Row[]> {
  return (await em.query(sql, [...params])) as Row[];
}

/** An UPDATE or DELETE, which TypeORM answers with `[rows, count]`: the rows it returned and how many it changed. */
export async function queryChanges<Row>(
  em: EntityManager,
  sql: string,
  params: readonly unknown[],
): Promise<{ rows: Row[]; count: number }> {
  const [rows, count] = (await em.query(sql, [...params])) as [Row[], number];
  return { rows, count };
}
