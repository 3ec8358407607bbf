import { SqlRunner } from '@ambidex/platform';
import { MustMeetJudgement, ShouldMeetScore } from './domain/gate-decision';
import { ScorecardEntity } from './review-parts.entities';

export interface ReviewParts {
  gatekeeperIds: string[];
  /** In the order they were submitted. */
  scorecards: ScorecardEntity[];
  evidenceHash: string | null;
}

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

/**
 * A review's gatekeepers, scorecards and evidence hash in one statement: every answer about a review (the decision's
 * among them) reads them, and three round trips cost more than the rows.
 */
export async function reviewParts(sql: SqlRunner, reviewId: string): Promise<ReviewParts> {
  const [row] = (await sql.query(
    `SELECT ARRAY(SELECT gatekeeper_id FROM gate_review_assignments WHERE review_id = $1 ORDER BY gatekeeper_id) AS gatekeeper_ids,
            coalesce((SELECT json_agg(json_build_object('id', id, 'gatekeeper_id', gatekeeper_id, 'must_meet', must_meet,
                                                         'should_meet', should_meet, 'submitted_at', submitted_at)
                                      ORDER BY submitted_at, id)
                        FROM scorecards WHERE review_id = $1), '[]') AS scorecards,
            (SELECT content_hash FROM evidence_snapshots WHERE review_id = $1) AS evidence_hash`,
    [reviewId],
  )) as PartsRow[];
  if (row === undefined) return { gatekeeperIds: [], scorecards: [], evidenceHash: null };
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
