import { SqlRunner } from '@ambidex/platform';
import { Decision, Gate } from '@ambidex/portfolio';

// What later contexts (handover) read about gate reviews, in the caller's transaction, instead of SQL on gates' tables.

/** A review's verdict: which gate, what was decided and when (null while undecided). */
export interface GateReviewVerdict {
  id: string;
  initiativeId: string;
  gate: Gate;
  decision: Decision | null;
  decidedAt: Date | null;
}

interface VerdictRow {
  id: string;
  initiative_id: string;
  gate: Gate;
  decision: Decision | null;
  decided_at: Date | null;
}

function verdictOf(row: VerdictRow): GateReviewVerdict {
  return {
    id: row.id,
    initiativeId: row.initiative_id,
    gate: row.gate,
    decision: row.decision,
    decidedAt: row.decided_at,
  };
}

/** One review's verdict; null when there is no such review. */
export async function gateReviewVerdict(sql: SqlRunner, reviewId: string): Promise<GateReviewVerdict | null> {
  const [row] = (await sql.query(
    `SELECT id, initiative_id, gate, decision, decided_at FROM gate_reviews WHERE id = $1`,
    [reviewId],
  )) as VerdictRow[];
  return row === undefined ? null : verdictOf(row);
}

/** Where a page of `handoverApprovals` starts: after this review in (decided_at, id) order. */
export interface ApprovalCursor {
  decidedAt: Date;
  id: string;
}

/**
 * G3 Go and Conditional Go reviews decided more than `settledSeconds` ago, oldest decision first, one page of at most
 * `limit` after `after`: the reviews that hand an initiative over (the handover sweeper assembles the package of any
 * whose event was lost). Paged, so a sweep never loads every approval there ever was at once.
 */
export async function handoverApprovals(
  sql: SqlRunner,
  settledSeconds: number,
  page: { after: ApprovalCursor | null; limit: number },
): Promise<GateReviewVerdict[]> {
  const rows = (await sql.query(
    `SELECT id, initiative_id, gate, decision, decided_at FROM gate_reviews
      WHERE gate = 'G3' AND decision IN ('go', 'conditional_go') AND decided_at < now() - make_interval(secs => $1)
        AND ($2::timestamptz IS NULL OR (decided_at, id) > ($2::timestamptz, $3::uuid))
      ORDER BY decided_at, id
      LIMIT $4`,
    [settledSeconds, page.after?.decidedAt ?? null, page.after?.id ?? null, page.limit],
  )) as VerdictRow[];
  return rows.map(verdictOf);
}
