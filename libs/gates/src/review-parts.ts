import { SqlRunner } from '@ambidex/platform';
import { MustMeetJudgement, ShouldMeetScore } from './domain/gate-decision';
import { GateReviewEntity } from './gate-review.entity';
import { ScorecardEntity } from './review-parts.entities';

export interface ReviewParts {
  gatekeeperIds: string[];
  /** In the order they were submitted. */
  scorecards: ScorecardEntity[];
  evidenceHash: string | null;
}

/** The columns of GateReviewEntity, as its properties (`r` is gate_reviews). */
export const REVIEW_COLUMNS = `r.id, r.initiative_id AS "initiativeId", r.gate, r.status, r.requested_by AS "requestedBy",
  r.requested_at AS "requestedAt", r.chair_id AS "chairId", r.opened_at AS "openedAt", r.deadline_at AS "deadlineAt",
  r.readiness, r.evaluated, r.outcome, r.decision, r.decision_reason AS "decisionReason", r.decided_by AS "decidedBy",
  r.decided_at AS "decidedAt", r.hold_until AS "holdUntil", r.escalated_at AS "escalatedAt", r.version`;

interface PartsRow {
  gatekeeper_ids: string[];
  scorecards: {
    id: string;
    gatekeeper_id: string;
    must_meet: MustMeetJudgement[];
    should_meet: ShouldMeetScore[];
    submitted_at: string;
  }[];
  evidence_hash: string | null;
}

const PARTS_COLUMNS = `ARRAY(SELECT gatekeeper_id FROM gate_review_assignments WHERE review_id = $1 ORDER BY gatekeeper_id) AS gatekeeper_ids,
  coalesce((SELECT json_agg(json_build_object('id', id, 'gatekeeper_id', gatekeeper_id, 'must_meet', must_meet,
                                               'should_meet', should_meet, 'submitted_at', submitted_at)
                            ORDER BY submitted_at, id)
              FROM scorecards WHERE review_id = $1), '[]') AS scorecards,
  (SELECT content_hash FROM evidence_snapshots WHERE review_id = $1) AS evidence_hash`;

/**
 * A review with its gatekeepers, scorecards and evidence hash, in one statement: every answer about a review (the
 * decision's among them) reads them, and four round trips cost more than the rows. Null if there is no such review.
 */
export async function reviewWithParts(
  sql: SqlRunner,
  reviewId: string,
): Promise<{ review: GateReviewEntity; parts: ReviewParts } | null> {
  const [row] = (await sql.query(`SELECT ${REVIEW_COLUMNS}, ${PARTS_COLUMNS} FROM gate_reviews r WHERE r.id = $1`, [
    reviewId,
  ])) as (PartsRow & Record<string, unknown>)[];
  if (row === undefined) return null;
  const { gatekeeper_ids, scorecards, evidence_hash, ...review } = row;
  return {
    review: Object.assign(new GateReviewEntity(), review),
    parts: partsOf(reviewId, { gatekeeper_ids, scorecards, evidence_hash }),
  };
}

function partsOf(reviewId: string, row: PartsRow): ReviewParts {
  return {
    gatekeeperIds: row.gatekeeper_ids,
    scorecards: row.scorecards.map((s) =>
      Object.assign(new ScorecardEntity(), {
        id: s.id,
        reviewId,
        gatekeeperId: s.gatekeeper_id,
        mustMeet: s.must_meet,
        shouldMeet: s.should_meet,
        submittedAt: new Date(s.submitted_at),
      }),
    ),
    evidenceHash: row.evidence_hash,
  };
}
