/**
 * Anything that runs SQL: the data source, a transaction's EntityManager, or a query runner holding a snapshot.
 * Readers that other contexts call take this, so they run in whatever transaction the caller holds.
 */
export interface SqlRunner {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}
