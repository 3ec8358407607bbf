import { DuplicateCandidate } from '../initiative.views';

/**
 * The SQL of the in-memory duplicate index. Each row of initiative_duplicate_texts carries the id of the transaction
 * that last wrote it (changed_xid, set by the trigger). A snapshot's xmin is the oldest transaction still running
 * when it was taken, so a row written by a transaction this snapshot does not see has a changed_xid at or above it:
 * reading `changed_xid >= the previous read's xmin` never misses a committed write, and rereads at most a few.
 * Every row a snapshot sees was written below its xmax; the upper bound keeps rows restored from another cluster,
 * whose ids may lie ahead of this one's, from being read again at every search.
 */

/** Run first in the load's REPEATABLE READ transaction: the xmin of the snapshot every batch then reads. */
export const LOAD_SNAPSHOT_SQL = `SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin`;

/** The next batch of texts in id order: the first one, or those after the last id read. */
export function loadBatchSql(after: string | null): string {
  return `SELECT initiative_id AS id, title_norm AS title, problem_norm AS problem, text_version AS version
  FROM initiative_duplicate_texts${after === null ? '' : '\n WHERE initiative_id > $2::uuid'}
 ORDER BY initiative_id
 LIMIT $1`;
}

/**
 * In one statement, so in one snapshot: that snapshot's xmin, the texts written since the previous one's, and the
 * searched texts normalised as the stored ones are. Always one row at least (the LEFT JOIN), for the xmin.
 */
export const CATCH_UP_SQL = `SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin,
       duplicate_text_norm($2::text) AS "titleNorm", duplicate_text_norm($3::text) AS "problemNorm",
       d.initiative_id AS id, d.title_norm AS title, d.problem_norm AS problem, d.text_version AS version
  FROM (SELECT 1) AS one
  LEFT JOIN initiative_duplicate_texts d
    ON d.changed_xid >= $1::bigint AND d.changed_xid < pg_snapshot_xmax(pg_current_snapshot())::text::bigint`;

export interface CatchUpRow {
  xmin: string;
  titleNorm: string | null;
  problemNorm: string | null;
  id: string | null;
  title: string | null;
  problem: string | null;
  version: number | null;
}

/**
 * The proposed initiatives as PostgreSQL scores them (pg_trgm's own similarity(), the figure the API answers with),
 * threshold not yet applied: a proposed id that is missing here was deleted.
 */
export function scoreProposedSql(
  ids: string[],
  texts: { title?: string; problem?: string },
): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const bind = (value: unknown): string => `$${params.push(value)}`;
  const idList = bind(ids);
  const scores = (['title', 'problem'] as const)
    .filter((field) => texts[field] !== undefined)
    .map((field) => `similarity(t.${field}_norm, ${bind(texts[field])}::text)`);
  const sql = `SELECT i.id, i.portfolio_id AS "portfolioId", i.title, i.stage, i.status,
       greatest(${scores.join(', ')})::float8 AS similarity
  FROM initiative_duplicate_texts t
  JOIN initiatives i ON i.id = t.initiative_id
 WHERE t.initiative_id = ANY(${idList}::uuid[])`;
  return { sql, params };
}

/** Best first, equal similarities by id: the order of the SQL search. */
export function rankCandidates(rows: DuplicateCandidate[], threshold: number, limit: number): DuplicateCandidate[] {
  return rows
    .filter((row) => row.similarity >= threshold)
    .sort((a, b) => b.similarity - a.similarity || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice(0, limit);
}
