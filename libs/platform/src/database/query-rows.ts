import { SqlRunner } from './sql-runner';

/**
 * The rows of a SELECT (or an INSERT … RETURNING), typed as the statement's row type. The driver cannot check the
 * type: each query keeps its row type and its mapper beside the SQL, and only camelCase results leave the file.
 * `em` is anything that runs SQL: a transaction's EntityManager, the data source, or a query runner.
 */
export async function queryRows<Row>(em: SqlRunner, sql: string, params: readonly unknown[] = []): Promise<Row[]> {
  return (await em.query(sql, [...params])) as Row[];
}

/** An UPDATE or DELETE, which TypeORM answers with `[rows, count]`: the rows it returned and how many it changed. */
export async function queryChanges<Row>(
  em: SqlRunner,
  sql: string,
  params: readonly unknown[] = [],
): Promise<{ rows: Row[]; count: number }> {
  const [rows, count] = (await em.query(sql, [...params])) as [Row[], number];
  return { rows, count };
}
