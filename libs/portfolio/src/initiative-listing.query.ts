import { Ambition, Horizon } from './initiative.entity';
import { InitiativeSort, likePattern, ListingCursor, SortDirection } from './domain/listing-cursor';
import { InitiativeStatus, Stage } from './domain/stage-machine';
import { SUMMARY_COLUMNS } from './initiative.views';

export interface InitiativeFilters {
  portfolioId?: string;
  stage?: Stage;
  status?: InitiativeStatus;
  ownerId?: string;
  horizon?: Horizon;
  ambition?: Ambition;
  /** Text searched in title and problem (ILIKE, served by the trigram indexes); at least 3 characters. */
  q?: string;
}

export interface ListingRequest {
  filters: InitiativeFilters;
  sort: InitiativeSort;
  direction: SortDirection;
  limit: number;
  cursor?: ListingCursor;
}

/**
 * The only SQL fragments a sort can put into ORDER BY: chosen from this table by key, never built from input.
 * `value` renders the sort value for the cursor exactly (timestamps to the microsecond, in UTC).
 */
const SORTS: Record<InitiativeSort, { column: string; value: string; cast: string }> = {
  createdAt: {
    column: 'created_at',
    value: `to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
    cast: 'timestamptz',
  },
  updatedAt: {
    column: 'updated_at',
    value: `to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
    cast: 'timestamptz',
  },
  title: { column: 'title', value: 'title', cast: 'text' },
};
const DIRECTIONS: Record<SortDirection, { keyword: string; after: string }> = {
  asc: { keyword: 'ASC', after: '>' },
  desc: { keyword: 'DESC', after: '<' },
};
const EQUALITY_FILTERS: [keyof InitiativeFilters, string][] = [
  ['portfolioId', 'portfolio_id'],
  ['stage', 'stage'],
  ['status', 'status'],
  ['ownerId', 'owner_id'],
  ['horizon', 'horizon'],
  ['ambition', 'ambition'],
];

/**
 * One page of the listing, keyset-paginated: `(sort column, id)` compared as a row with the cursor, ordered by
 * the same pair, so every page is an index range scan (see docs/query-plans.md). Fetches limit + 1 rows to know
 * whether another page follows. Every value is a bind parameter.
 */
export function buildListingQuery(request: ListingRequest): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const bind = (value: unknown): string => {
    params.push(value);
    return `$${params.length}`;
  };
  const where: string[] = [];
  for (const [key, column] of EQUALITY_FILTERS) {
    const value = request.filters[key];
    if (value !== undefined) where.push(`${column} = ${bind(value)}`);
  }
  if (request.filters.q !== undefined) {
    const pattern = bind(likePattern(request.filters.q));
    where.push(`(title ILIKE ${pattern} OR problem ILIKE ${pattern})`);
  }
  const sort = SORTS[request.sort];
  const direction = DIRECTIONS[request.direction];
  if (request.cursor !== undefined) {
    where.push(
      `(${sort.column}, id) ${direction.after} (${bind(request.cursor.value)}::${sort.cast}, ${bind(request.cursor.id)}::uuid)`,
    );
  }
  const sql = `SELECT ${SUMMARY_COLUMNS}, ${sort.value} AS "sortValue"
  FROM initiatives
  ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
  ORDER BY ${sort.column} ${direction.keyword}, id ${direction.keyword}
  LIMIT ${bind(request.limit + 1)}`;
  return { sql, params };
}

export interface DuplicateQuery {
  title?: string;
  problem?: string;
  excludeId?: string;
  /** How many candidates at most: the nearest this many by title and by problem are the only ones considered. */
  limit?: number;
}

/** The product's rule: a possible duplicate when its title or its problem has a pg_trgm similarity of at least this. */
export const DUPLICATE_SIMILARITY_THRESHOLD = 0.3;
/** As many candidates as a person reads at create. */
export const DUPLICATE_CANDIDATE_LIMIT = 5;

/**
 * Duplicate detection runs in a transaction of its own with these settings. Index plans only: the planner rates
 * similarity() as cheap and, on a few thousand rows, would rather compute distances over the whole table than walk
 * the GiST indexes. And a time budget, so a search someone waits for gives up and says so rather than hang: the
 * search before a create within DUPLICATE_SEARCH_BUDGET_MS, the create and the edit within DUPLICATE_CHECK_BUDGET_MS
 * (config); the background check (DuplicateChecks) has a budget of minutes.
 */
export const DUPLICATE_SEARCH_BUDGET_MS = 1000;
export function duplicateCheckSettings(budgetMs: number): string[] {
  return ['SET LOCAL enable_seqscan = off', `SET LOCAL statement_timeout = ${Math.max(1, Math.trunc(budgetMs))}`];
}

/**
 * Initiatives whose title or problem is similar, closest first (docs/query-plans.md). Each text given is one
 * nearest-neighbour walk of its GiST index on initiative_duplicate_texts (`<->` with LIMIT k); the union of the walks
 * is scored by the closer of the two similarities and kept at DUPLICATE_SIMILARITY_THRESHOLD or above. The k closest
 * by title and the k closest by problem hold the k closest by the better of the two, so this returns what a
 * threshold scan of every row would, without reading the rows that are not near. Null when there is no text.
 */
export function buildDuplicatesQuery(query: DuplicateQuery): { sql: string; params: unknown[] } | null {
  const params: unknown[] = [];
  const bind = (value: unknown): string => `$${params.push(value)}`;
  const texts = (
    [
      ['title_norm', query.title],
      ['problem_norm', query.problem],
    ] as const
  ).filter((entry): entry is readonly ['title_norm' | 'problem_norm', string] => (entry[1]?.trim() ?? '') !== '');
  if (texts.length === 0) return null;
  const limit = bind(query.limit ?? DUPLICATE_CANDIDATE_LIMIT);
  const exclude = query.excludeId === undefined ? '' : `WHERE initiative_id <> ${bind(query.excludeId)}::uuid`;
  const searched = texts.map(([column, text]) => ({ column, text: `duplicate_text_norm(${bind(text)}::text)` }));
  const walks = searched.map(
    ({ column, text }) =>
      `(SELECT initiative_id FROM initiative_duplicate_texts ${exclude} ORDER BY ${column} <-> ${text} LIMIT ${limit})`,
  );
  const scores = searched.map(({ column, text }) => `similarity(t.${column}, ${text})`);
  const sql = `WITH near AS (${walks.join('\n  UNION ')})
SELECT i.id, i.portfolio_id AS "portfolioId", i.title, i.stage, i.status, s.similarity
  FROM near
  JOIN initiative_duplicate_texts t USING (initiative_id)
  JOIN initiatives i ON i.id = t.initiative_id
  CROSS JOIN LATERAL (SELECT greatest(${scores.join(', ')})::float8 AS similarity) s
 WHERE s.similarity >= ${bind(DUPLICATE_SIMILARITY_THRESHOLD)}
 ORDER BY s.similarity DESC, i.id
 LIMIT ${limit}`;
  return { sql, params };
}
