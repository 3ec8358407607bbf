import { DataSource } from 'typeorm';

/**
 * Words found in at least this share of all learnings are "common": their GIN bitmap alone (a quarter of a million
 * row pointers for the bench's most common words) costs more than walking the learnings newest first until enough
 * of them match, and PostgreSQL's cost model underrates that bitmap.
 */
export const COMMON_WORDS_SHARE = 0.05;

/**
 * Words expected in at most this share are "rare": reading their few matches from the GIN index alone beats
 * intersecting them with the bitmap of a date range or a decision, which the planner picks because it rates a word
 * it has no statistics for at a few thousand matches (the bench's rare words have about a hundred).
 */
export const RARE_WORDS_SHARE = 0.005;

export type WordFrequency = 'rare' | 'middling' | 'common';

/**
 * How often the planner expects `q` to match. Its estimate comes from the statistics of search_vector (the most
 * common lexemes and their frequencies), so it costs a plan, not a scan.
 */
export async function wordFrequency(dataSource: DataSource, q: string): Promise<WordFrequency> {
  const [plan] = (await dataSource.query(
    `EXPLAIN (FORMAT JSON) SELECT 1 FROM learnings l WHERE l.search_vector @@ websearch_to_tsquery('english', $1)`,
    [q],
  )) as { 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }[];
  const [size] = (await dataSource.query(
    `SELECT greatest(reltuples, 0) AS rows FROM pg_class WHERE oid = 'learnings'::regclass`,
  )) as { rows: number }[];
  const matches = plan?.['QUERY PLAN'][0].Plan['Plan Rows'] ?? 0;
  const learnings = Number(size?.rows ?? 0);
  if (matches >= COMMON_WORDS_SHARE * learnings) return 'common';
  return matches <= RARE_WORDS_SHARE * learnings ? 'rare' : 'middling';
}
