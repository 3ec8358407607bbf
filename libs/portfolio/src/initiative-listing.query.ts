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
  limit?: number;
}

/**
 * Duplicate detection runs in a transaction of its own with these settings. Index plans only: the planner rates
 * similarity() as cheap and, on a few thousand rows, scans the table computing it on every long problem text
 * (measured 20× slower than the GIN plan). And a time budget: at a million rows a similarity search can take
 * seconds (docs/query-plans.md), so a search someone waits for gives up and says so: the search before a create
 * within DUPLICATE_SEARCH_BUDGET_MS, the create itself within DUPLICATE_CHECK_BUDGET_MS (config); the background
 * check (DuplicateChecks) has a budget of minutes.
 */
export const DUPLICATE_SEARCH_BUDGET_MS = 1000;
export function duplicateCheckSettings(budgetMs: number): string[] {
  return ['SET LOCAL enable_seqscan = off', `SET LOCAL statement_timeout = ${Math.max(1, Math.trunc(budgetMs))}`];
}

/**
 * Initiatives whose title or problem is similar: pg_trgm's `%` (similarity ≥ pg_trgm.similarity_threshold, 0.3 by
 * default) is what the GIN trigram indexes serve; the score is the closer of the two. Null when there is no text.
 */
export function buildDuplicatesQuery(query: DuplicateQuery): { sql: string; params: unknown[] } | null {
  const params: unknown[] = [];
  const similar: string[] = [];
  const scores: string[] = [];
  for (const [column, text] of [
    ['title', query.title],
    ['problem', query.problem],
  ] as const) {
    if (text === undefined || text.trim() === '') continue;
    params.push(text);
    similar.push(`${column} % $${params.length}`);
    scores.push(`similarity(${column}, $${params.length})`);
  }
  if (similar.length === 0) return null;
  const exclude = query.excludeId === undefined ? '' : `AND id <> $${params.push(query.excludeId)}`;
  const sql = `SELECT id, portfolio_id AS "portfolioId", title, stage, status, greatest(${scores.join(', ')})::float8 AS similarity
  FROM initiatives
  WHERE (${similar.join(' OR ')}) ${exclude}
  ORDER BY similarity DESC, id
  LIMIT $${params.push(query.limit ?? 5)}`;
  return { sql, params };
}
