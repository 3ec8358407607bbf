import { queryRows, SqlRunner } from '@ambidex/platform';
import type { ReviewStatus } from './domain/management-review-rules';
import { ManagementReviewNotFoundError } from './domain/management-review.errors';
import type { ManagementReviewPack } from './domain/pack';

/** Typed reads of the context's own rows, camelCase out. */

export interface ManagementReviewRecord {
  id: string;
  number: string;
  status: ReviewStatus;
  meetingOn: string;
  periodFrom: string;
  periodTo: string;
  portfolioId: string | null;
  ambition: string | null;
  horizon: string | null;
  contextChanges: string | null;
  decisions: string[];
  packSha256: string | null;
  packRound: number;
  packAssembledRound: number | null;
  packAssembledAt: Date | null;
  scheduledBy: string;
  scheduledAt: Date;
  signatureId: string | null;
  signedBy: string | null;
  signedAt: Date | null;
}

export interface ReviewActionRecord {
  id: string;
  reviewId: string;
  text: string;
  ownerId: string;
  dueAt: Date;
  createdAt: Date;
  doneAt: Date | null;
  doneNote: string | null;
  escalatedToOwnerAt: Date | null;
  escalatedToLeadershipAt: Date | null;
}

export interface ReviewOpportunityRecord {
  id: string;
  reviewId: string;
  initiativeId: string;
  portfolioId: string;
  title: string;
  raisedBy: string;
  raisedAt: Date;
}

interface ReviewRow {
  id: string;
  number: string;
  status: ReviewStatus;
  meeting_on: string;
  period_from: string;
  period_to: string;
  portfolio_id: string | null;
  ambition: string | null;
  horizon: string | null;
  context_changes: string | null;
  decisions: string[];
  pack_sha256: string | null;
  pack_round: number;
  pack_assembled_round: number | null;
  pack_assembled_at: Date | null;
  scheduled_by: string;
  scheduled_at: Date;
  signature_id: string | null;
  signed_by: string | null;
  signed_at: Date | null;
}

interface ActionRow {
  id: string;
  review_id: string;
  text: string;
  owner_id: string;
  due_at: Date;
  created_at: Date;
  done_at: Date | null;
  done_note: string | null;
  escalated_to_owner_at: Date | null;
  escalated_to_leadership_at: Date | null;
}

// Dates as text: calendar days, not instants shifted by the session's time zone.
const REVIEW_COLUMNS = `id, number, status, meeting_on::text AS meeting_on, period_from::text AS period_from,
  period_to::text AS period_to, portfolio_id, ambition, horizon, context_changes, decisions, pack_sha256, pack_round,
  pack_assembled_round, pack_assembled_at, scheduled_by, scheduled_at, signature_id, signed_by, signed_at`;

const ACTION_COLUMNS = `id, review_id, text, owner_id, due_at, created_at, done_at, done_note, escalated_to_owner_at,
  escalated_to_leadership_at`;

function reviewOf(r: ReviewRow): ManagementReviewRecord {
  return {
    id: r.id,
    number: r.number,
    status: r.status,
    meetingOn: r.meeting_on,
    periodFrom: r.period_from,
    periodTo: r.period_to,
    portfolioId: r.portfolio_id,
    ambition: r.ambition,
    horizon: r.horizon,
    contextChanges: r.context_changes,
    decisions: r.decisions,
    packSha256: r.pack_sha256,
    packRound: r.pack_round,
    packAssembledRound: r.pack_assembled_round,
    packAssembledAt: r.pack_assembled_at,
    scheduledBy: r.scheduled_by,
    scheduledAt: r.scheduled_at,
    signatureId: r.signature_id,
    signedBy: r.signed_by,
    signedAt: r.signed_at,
  };
}

export function actionOf(r: ActionRow): ReviewActionRecord {
  return {
    id: r.id,
    reviewId: r.review_id,
    text: r.text,
    ownerId: r.owner_id,
    dueAt: r.due_at,
    createdAt: r.created_at,
    doneAt: r.done_at,
    doneNote: r.done_note,
    escalatedToOwnerAt: r.escalated_to_owner_at,
    escalatedToLeadershipAt: r.escalated_to_leadership_at,
  };
}

export async function loadReview(sql: SqlRunner, id: string, forUpdate = false): Promise<ManagementReviewRecord> {
  const [row] = await queryRows<ReviewRow>(
    sql,
    `SELECT ${REVIEW_COLUMNS} FROM management_reviews WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`,
    [id],
  );
  if (row === undefined) throw new ManagementReviewNotFoundError(id);
  return reviewOf(row);
}

export async function loadPack(sql: SqlRunner, id: string): Promise<ManagementReviewPack | null> {
  const [row] = await queryRows<{ pack: ManagementReviewPack | null }>(
    sql,
    `SELECT pack FROM management_reviews WHERE id = $1`,
    [id],
  );
  return row?.pack ?? null;
}

export async function listReviews(sql: SqlRunner, limit: number): Promise<ManagementReviewRecord[]> {
  const rows = await queryRows<ReviewRow>(
    sql,
    `SELECT ${REVIEW_COLUMNS} FROM management_reviews ORDER BY meeting_on DESC, number DESC LIMIT $1`,
    [limit],
  );
  return rows.map(reviewOf);
}

/** The last signed review held before this meeting: its actions are the first input of the next one. */
export async function previousSignedReview(
  sql: SqlRunner,
  reviewId: string,
  meetingOn: string,
): Promise<ManagementReviewRecord | null> {
  const [row] = await queryRows<ReviewRow>(
    sql,
    `SELECT ${REVIEW_COLUMNS} FROM management_reviews
      WHERE status = 'signed' AND id <> $1 AND meeting_on <= $2::date ORDER BY meeting_on DESC, signed_at DESC LIMIT 1`,
    [reviewId, meetingOn],
  );
  return row === undefined ? null : reviewOf(row);
}

export async function actionsOfReview(sql: SqlRunner, reviewId: string): Promise<ReviewActionRecord[]> {
  const rows = await queryRows<ActionRow>(
    sql,
    `SELECT ${ACTION_COLUMNS} FROM management_review_actions WHERE review_id = $1 ORDER BY created_at, id`,
    [reviewId],
  );
  return rows.map(actionOf);
}

export async function loadAction(sql: SqlRunner, id: string, forUpdate = false): Promise<ReviewActionRecord | null> {
  const [row] = await queryRows<ActionRow>(
    sql,
    `SELECT ${ACTION_COLUMNS} FROM management_review_actions WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`,
    [id],
  );
  return row === undefined ? null : actionOf(row);
}

export async function actionsOfOwner(sql: SqlRunner, ownerId: string, limit: number): Promise<ReviewActionRecord[]> {
  const rows = await queryRows<ActionRow>(
    sql,
    `SELECT ${ACTION_COLUMNS} FROM management_review_actions WHERE owner_id = $1
      ORDER BY done_at IS NOT NULL, due_at, id LIMIT $2`,
    [ownerId, limit],
  );
  return rows.map(actionOf);
}

/** Open actions past due, not yet escalated to the owner, or past `leadershipAfter` and not yet escalated to leadership. */
export async function overdueActions(
  sql: SqlRunner,
  leadershipAfter: Date,
  limit: number,
): Promise<ReviewActionRecord[]> {
  const rows = await queryRows<ActionRow>(
    sql,
    `SELECT ${ACTION_COLUMNS} FROM management_review_actions
      WHERE done_at IS NULL AND due_at < now()
        AND (escalated_to_owner_at IS NULL OR (escalated_to_leadership_at IS NULL AND due_at < $1))
      ORDER BY due_at LIMIT $2`,
    [leadershipAfter, limit],
  );
  return rows.map(actionOf);
}

export async function opportunitiesOfReview(sql: SqlRunner, reviewId: string): Promise<ReviewOpportunityRecord[]> {
  const rows = await queryRows<{
    id: string;
    review_id: string;
    initiative_id: string;
    portfolio_id: string;
    title: string;
    raised_by: string;
    raised_at: Date;
  }>(
    sql,
    `SELECT id, review_id, initiative_id, portfolio_id, title, raised_by, raised_at
       FROM management_review_opportunities WHERE review_id = $1 ORDER BY raised_at, id`,
    [reviewId],
  );
  return rows.map((r) => ({
    id: r.id,
    reviewId: r.review_id,
    initiativeId: r.initiative_id,
    portfolioId: r.portfolio_id,
    title: r.title,
    raisedBy: r.raised_by,
    raisedAt: r.raised_at,
  }));
}
