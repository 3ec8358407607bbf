import { SqlRunner } from '@ambidex/platform';
import { Scorecard } from './domain/gate-decision';
import { PanelCandidate } from './domain/review-panel';

// Typed reads of gates' own tables for its use cases: each query has its row type and one mapper.

interface IdRow {
  id: string;
}

/** The ids a statement selects (its one column is `id`), in the order it gives them. */
export async function selectIds(sql: SqlRunner, text: string, params: unknown[] = []): Promise<string[]> {
  const rows = (await sql.query(text, params)) as IdRow[];
  return rows.map((r) => r.id);
}

/** The review of this initiative that most recently put it on hold; null if none did. */
export async function latestHoldReviewId(sql: SqlRunner, initiativeId: string): Promise<string | null> {
  const [id] = await selectIds(
    sql,
    `SELECT id FROM gate_reviews WHERE initiative_id = $1 AND decision = 'hold' ORDER BY decided_at DESC LIMIT 1`,
    [initiativeId],
  );
  return id ?? null;
}

interface CountRow {
  n: number;
}

/** Conditions of earlier gates the initiative has not met yet. */
export async function openConditionCount(sql: SqlRunner, initiativeId: string): Promise<number> {
  const [row] = (await sql.query(
    `SELECT count(*)::int AS n FROM gate_conditions WHERE initiative_id = $1 AND met_at IS NULL`,
    [initiativeId],
  )) as CountRow[];
  return row?.n ?? 0;
}

interface GatekeeperRow {
  gatekeeper_id: string;
}

/** The gatekeepers assigned to score a review, by id. */
export async function assignedGatekeepers(sql: SqlRunner, reviewId: string): Promise<string[]> {
  const rows = (await sql.query(
    `SELECT gatekeeper_id FROM gate_review_assignments WHERE review_id = $1 ORDER BY gatekeeper_id`,
    [reviewId],
  )) as GatekeeperRow[];
  return rows.map((r) => r.gatekeeper_id);
}

/** The assigned gatekeepers whose scorecard is still missing. */
export async function gatekeepersYetToScore(sql: SqlRunner, reviewId: string): Promise<string[]> {
  const rows = (await sql.query(
    `SELECT a.gatekeeper_id FROM gate_review_assignments a
      WHERE a.review_id = $1 AND NOT EXISTS (SELECT 1 FROM scorecards s WHERE s.review_id = a.review_id AND s.gatekeeper_id = a.gatekeeper_id)`,
    [reviewId],
  )) as GatekeeperRow[];
  return rows.map((r) => r.gatekeeper_id);
}

/** Whether this user is one of the review's gatekeepers. */
export async function isAssigned(sql: SqlRunner, reviewId: string, userId: string): Promise<boolean> {
  const rows = (await sql.query(
    `SELECT gatekeeper_id FROM gate_review_assignments WHERE review_id = $1 AND gatekeeper_id = $2`,
    [reviewId, userId],
  )) as GatekeeperRow[];
  return rows.length > 0;
}

export interface ScoringProgress {
  assigned: number;
  scored: number;
}

/** How many gatekeepers a review has, and how many of them have scored. */
export async function scoringProgress(sql: SqlRunner, reviewId: string): Promise<ScoringProgress> {
  const [row] = (await sql.query(
    `SELECT (SELECT count(*)::int FROM gate_review_assignments WHERE review_id = $1) AS assigned,
            (SELECT count(*)::int FROM scorecards WHERE review_id = $1) AS scored`,
    [reviewId],
  )) as ScoringProgress[];
  return { assigned: row?.assigned ?? 0, scored: row?.scored ?? 0 };
}

/** An assigned gatekeeper with their scorecard, or nulls while they have not scored. */
export interface ScorecardSlot {
  gatekeeperId: string;
  mustMeet: Scorecard['mustMeet'] | null;
  shouldMeet: Scorecard['shouldMeet'] | null;
}

interface ScorecardSlotRow {
  gatekeeper_id: string;
  must_meet: Scorecard['mustMeet'] | null;
  should_meet: Scorecard['shouldMeet'] | null;
}

/** Every assigned gatekeeper's scorecard slot, by gatekeeper id. */
export async function scorecardSlots(sql: SqlRunner, reviewId: string): Promise<ScorecardSlot[]> {
  const rows = (await sql.query(
    `SELECT a.gatekeeper_id, s.must_meet, s.should_meet
       FROM gate_review_assignments a LEFT JOIN scorecards s ON s.review_id = a.review_id AND s.gatekeeper_id = a.gatekeeper_id
      WHERE a.review_id = $1 ORDER BY a.gatekeeper_id`,
    [reviewId],
  )) as ScorecardSlotRow[];
  return rows.map((r) => ({ gatekeeperId: r.gatekeeper_id, mustMeet: r.must_meet, shouldMeet: r.should_meet }));
}

interface PanelCandidateRow {
  id: string;
  open_load: number;
  last_assigned_at: Date | null;
  assigned_total: number;
}

function candidateOf(row: PanelCandidateRow): PanelCandidate {
  return {
    id: row.id,
    openLoad: row.open_load,
    lastAssignedAt: row.last_assigned_at,
    assignedTotal: row.assigned_total,
  };
}

// Load counts only open reviews (the partial index uq_gate_reviews_open covers them), not every review ever.

/** These users as scorers: their open assignments and their last one. */
export async function gatekeeperCandidates(sql: SqlRunner, userIds: readonly string[]): Promise<PanelCandidate[]> {
  const rows = (await sql.query(
    `SELECT u.id, coalesce(busy.n, 0)::int AS open_load, last.at AS last_assigned_at, last.n AS assigned_total
       FROM unnest($1::uuid[]) AS u(id)
       LEFT JOIN (SELECT a.gatekeeper_id, count(*) AS n FROM gate_review_assignments a
                    JOIN gate_reviews r ON r.id = a.review_id AND r.status IN ('requested', 'scoring', 'awaiting_decision')
                   GROUP BY a.gatekeeper_id) busy ON busy.gatekeeper_id = u.id
       LEFT JOIN LATERAL (SELECT max(a.assigned_at) AS at, count(*)::int AS n FROM gate_review_assignments a WHERE a.gatekeeper_id = u.id) last ON true`,
    [[...userIds]],
  )) as PanelCandidateRow[];
  return rows.map(candidateOf);
}

/** These users as chairs: the open reviews they chair and the last one they were given. */
export async function chairCandidates(sql: SqlRunner, userIds: readonly string[]): Promise<PanelCandidate[]> {
  const rows = (await sql.query(
    `SELECT u.id, coalesce(busy.n, 0)::int AS open_load, last.at AS last_assigned_at, last.n AS assigned_total
       FROM unnest($1::uuid[]) AS u(id)
       LEFT JOIN (SELECT r.chair_id, count(*) AS n FROM gate_reviews r
                   WHERE r.status IN ('requested', 'scoring', 'awaiting_decision') GROUP BY r.chair_id) busy ON busy.chair_id = u.id
       LEFT JOIN LATERAL (SELECT max(r.opened_at) AS at, count(*)::int AS n FROM gate_reviews r WHERE r.chair_id = u.id) last ON true`,
    [[...userIds]],
  )) as PanelCandidateRow[];
  return rows.map(candidateOf);
}
