import { EntityManager } from 'typeorm';

/**
 * The rows of a SELECT (or an INSERT … RETURNING), typed as the statement's row type. The driver cannot check the type: each query keeps its row
 * type and its mapper beside the SQL, and only the mapper's camelCase result leaves the file.
 */
export async function queryRows<Row>(em: EntityManager, sql: string, params: readonly unknown[]): Promise<Row[]> {
  return (await em.query(sql, [...params])) as Row[];
}
