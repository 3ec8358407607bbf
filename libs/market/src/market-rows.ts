import { queryRows, SqlRunner } from '@ambidex/platform';
import type { FeedbackChannel, FeedbackSentiment, ReviewVerdict } from './domain/market-rules';
import { FeedbackNotFoundError, ReviewNotFoundError } from './domain/market.errors';

// The market context's rows, read with explicit SQL as camelCase records; numerics as float8 so pg hands back numbers.

export interface MarketProductRecord {
  initiativeId: string;
  packageId: string | null;
  handedOverAt: Date;
}

export interface MonthValueRecord {
  month: string;
  revenue: number;
  costSavings: number;
  customers: number;
  enteredBy: string;
  enteredAt: Date;
  correctedAt: Date | null;
}

export interface PostLaunchReviewRecord {
  id: string;
  initiativeId: string;
  months: number;
  dueAt: Date;
  notifiedAt: Date | null;
  verdict: ReviewVerdict | null;
  notes: string | null;
  recordedBy: string | null;
  recordedAt: Date | null;
}

export interface FeedbackRecord {
  id: string;
  initiativeId: string;
  channel: FeedbackChannel;
  sentiment: FeedbackSentiment;
  text: string;
  receivedOn: string;
  recordedBy: string;
  recordedAt: Date;
  nonconformityId: string | null;
  opportunityInitiativeId: string | null;
}

const PRODUCT_COLUMNS = `initiative_id AS "initiativeId", package_id AS "packageId", handed_over_at AS "handedOverAt"`;
const VALUE_COLUMNS = `to_char(month, 'YYYY-MM') AS month, revenue::float8 AS revenue, cost_savings::float8 AS "costSavings",
  customers, entered_by AS "enteredBy", entered_at AS "enteredAt", corrected_at AS "correctedAt"`;
const REVIEW_COLUMNS = `id, initiative_id AS "initiativeId", months, due_at AS "dueAt", notified_at AS "notifiedAt", verdict, notes,
  recorded_by AS "recordedBy", recorded_at AS "recordedAt"`;
const FEEDBACK_COLUMNS = `id, initiative_id AS "initiativeId", channel, sentiment, text, to_char(received_on, 'YYYY-MM-DD') AS "receivedOn",
  recorded_by AS "recordedBy", recorded_at AS "recordedAt", nonconformity_id AS "nonconformityId",
  opportunity_initiative_id AS "opportunityInitiativeId"`;

export async function findProduct(sql: SqlRunner, initiativeId: string): Promise<MarketProductRecord | null> {
  const [row] = await queryRows<MarketProductRecord>(
    sql,
    `SELECT ${PRODUCT_COLUMNS} FROM market_products WHERE initiative_id = $1`,
    [initiativeId],
  );
  return row ?? null;
}

/** Every registered product (a portfolio's handful to a few thousand): the dashboards filter them by portfolio. */
export async function allProducts(sql: SqlRunner): Promise<MarketProductRecord[]> {
  return queryRows<MarketProductRecord>(sql, `SELECT ${PRODUCT_COLUMNS} FROM market_products ORDER BY handed_over_at`);
}

export async function valuesOfProduct(sql: SqlRunner, initiativeId: string): Promise<MonthValueRecord[]> {
  return queryRows<MonthValueRecord>(
    sql,
    `SELECT ${VALUE_COLUMNS} FROM market_values WHERE initiative_id = $1 ORDER BY month`,
    [initiativeId],
  );
}

/** One month's figures, locked for a correction; null when the month has none yet. */
export async function lockedMonth(
  sql: SqlRunner,
  initiativeId: string,
  month: string,
): Promise<MonthValueRecord | null> {
  const [row] = await queryRows<MonthValueRecord>(
    sql,
    `SELECT ${VALUE_COLUMNS} FROM market_values WHERE initiative_id = $1 AND month = $2::date FOR UPDATE`,
    [initiativeId, `${month}-01`],
  );
  return row ?? null;
}

/** Per product: revenue, savings and the latest month's customers in [from, to) (first days of months). */
export async function valueTotals(
  sql: SqlRunner,
  from: string,
  toExclusive: string,
): Promise<{ initiativeId: string; revenue: number; costSavings: number; customers: number }[]> {
  return queryRows(
    sql,
    `SELECT initiative_id AS "initiativeId", sum(revenue)::float8 AS revenue, sum(cost_savings)::float8 AS "costSavings",
            (array_agg(customers ORDER BY month DESC))[1] AS customers
       FROM market_values WHERE month >= $1::date AND month < $2::date GROUP BY initiative_id`,
    [from, toExclusive],
  );
}

/** Per product: everything realised since its handover. */
export async function lifetimeTotals(
  sql: SqlRunner,
  initiativeIds: string[],
): Promise<Map<string, { revenue: number; costSavings: number }>> {
  const rows = await queryRows<{ initiativeId: string; revenue: number; costSavings: number }>(
    sql,
    `SELECT initiative_id AS "initiativeId", sum(revenue)::float8 AS revenue, sum(cost_savings)::float8 AS "costSavings"
       FROM market_values WHERE initiative_id = ANY($1::uuid[]) GROUP BY initiative_id`,
    [initiativeIds],
  );
  return new Map(rows.map((r) => [r.initiativeId, { revenue: r.revenue, costSavings: r.costSavings }]));
}

export async function reviewsOfProduct(sql: SqlRunner, initiativeId: string): Promise<PostLaunchReviewRecord[]> {
  return queryRows<PostLaunchReviewRecord>(
    sql,
    `SELECT ${REVIEW_COLUMNS} FROM market_post_launch_reviews WHERE initiative_id = $1 ORDER BY months`,
    [initiativeId],
  );
}

/** Reviews due in [from, to), by due date. */
export async function reviewsDueBetween(sql: SqlRunner, from: Date, to: Date): Promise<PostLaunchReviewRecord[]> {
  return queryRows<PostLaunchReviewRecord>(
    sql,
    `SELECT ${REVIEW_COLUMNS} FROM market_post_launch_reviews WHERE due_at >= $1 AND due_at < $2 ORDER BY due_at, id`,
    [from, to],
  );
}

/** Reviews due and never notified (the sweep's work when a delayed job was lost), oldest first. */
export async function reviewsDueUnnotified(sql: SqlRunner, limit: number): Promise<PostLaunchReviewRecord[]> {
  return queryRows<PostLaunchReviewRecord>(
    sql,
    `SELECT ${REVIEW_COLUMNS} FROM market_post_launch_reviews
      WHERE notified_at IS NULL AND due_at <= now() ORDER BY due_at LIMIT $1`,
    [limit],
  );
}

export async function loadReview(sql: SqlRunner, id: string, lock = false): Promise<PostLaunchReviewRecord> {
  const [row] = await queryRows<PostLaunchReviewRecord>(
    sql,
    `SELECT ${REVIEW_COLUMNS} FROM market_post_launch_reviews WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
    [id],
  );
  if (row === undefined) throw new ReviewNotFoundError(id);
  return row;
}

export async function feedbackOfProduct(sql: SqlRunner, initiativeId: string): Promise<FeedbackRecord[]> {
  return queryRows<FeedbackRecord>(
    sql,
    `SELECT ${FEEDBACK_COLUMNS} FROM market_feedback WHERE initiative_id = $1 ORDER BY received_on DESC, recorded_at DESC LIMIT 500`,
    [initiativeId],
  );
}

export async function loadFeedback(sql: SqlRunner, id: string): Promise<FeedbackRecord> {
  const [row] = await queryRows<FeedbackRecord>(sql, `SELECT ${FEEDBACK_COLUMNS} FROM market_feedback WHERE id = $1`, [
    id,
  ]);
  if (row === undefined) throw new FeedbackNotFoundError(id);
  return row;
}

/** Feedback received in [from, to] (days) counted by sentiment. */
export async function feedbackCounts(
  sql: SqlRunner,
  from: string,
  toExclusive: string,
): Promise<{ initiativeId: string; sentiment: FeedbackSentiment; count: number }[]> {
  return queryRows(
    sql,
    `SELECT initiative_id AS "initiativeId", sentiment, count(*)::int AS count FROM market_feedback
      WHERE received_on >= $1::date AND received_on < $2::date GROUP BY initiative_id, sentiment`,
    [from, toExclusive],
  );
}

/** The feedback that raised a nonconformity (the NC's side of the link). */
export async function feedbackOfNonconformity(sql: SqlRunner, nonconformityId: string): Promise<FeedbackRecord[]> {
  return queryRows<FeedbackRecord>(
    sql,
    `SELECT ${FEEDBACK_COLUMNS} FROM market_feedback WHERE nonconformity_id = $1 ORDER BY recorded_at`,
    [nonconformityId],
  );
}
