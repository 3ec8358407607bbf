import { DataSource } from 'typeorm';

/**
 * Words found in at least this share of all learnings are "common": their GIN bitmap alone (a quarter of a million
 * row pointers for the bench's most common words) costs more than walking the learnings newest first until enough
 * of them match, and PostgreSQL's cost model underrates that bitmap.
 */
export const COMMON_WORDS_SHARE = 0.05;

/**
 * Whether the planner expects `q` to match at least COMMON_WORDS_SHARE of the learnings. Its estimate comes from the
 * statistics of search_vector (the most common lexemes and their frequencies), so it costs a plan, not a scan.
 */
export async function matchesCommonWords(dataSource: DataSource, q: string): Promise<boolean> {
  const [plan] = (await dataSource.query(
    `EXPLAIN (FORMAT JSON) SELECT 1 FROM learnings l WHERE l.search_vector @@ websearch_to_tsquery('english', $1)`,
    [q],
  )) as { 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }[];
  const [size] = (await dataSource.query(
    `SELECT greatest(reltuples, 0) AS rows FROM pg_class WHERE oid = 'learnings'::regclass`,
  )) as { rows: number }[];
  const matches = plan?.['QUERY PLAN'][0].Plan['Plan Rows'] ?? 0;
  return matches > 0 && matches >= COMMON_WORDS_SHARE * Number(size?.rows ?? 0);
}
