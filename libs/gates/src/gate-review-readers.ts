import { SqlRunner } from '@ambidex/platform';
import { Decision, expectedCommercialValue, Gate } from '@ambidex/portfolio';

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

/** The financials an initiative was approved on at its G3 Go, as its review's frozen evidence snapshot holds them. */
export interface ApprovedForecast {
  reviewId: string;
  decision: Decision;
  decidedAt: Date;
  npv: number | null;
  probabilityCommercial: number | null;
  probabilityTechnical: number | null;
  commercializationCost: number | null;
  remainingDevelopmentCost: number | null;
  costToDate: number | null;
  /** Expected commercial value from those figures; null when one was missing at the decision. */
  ecv: number | null;
}

interface ForecastRow {
  id: string;
  initiative_id: string;
  decision: Decision;
  decided_at: Date;
  financials: Record<string, unknown> | null;
}

const numberOrNull = (value: unknown): number | null =>
  value === null || value === undefined || value === '' || !Number.isFinite(Number(value)) ? null : Number(value);

/**
 * initiative id → the forecast of its latest G3 Go or Conditional Go, for those of the ids that have one. The
 * snapshot is taken when the review is prepared and frozen with it, so later edits to the initiative's estimates
 * never move the forecast it was approved on.
 */
export async function approvedForecasts(
  sql: SqlRunner,
  initiativeIds: Iterable<string>,
): Promise<Map<string, ApprovedForecast>> {
  const ids = [...new Set(initiativeIds)];
  if (ids.length === 0) return new Map();
  const rows = (await sql.query(
    `SELECT DISTINCT ON (r.initiative_id) r.id, r.initiative_id, r.decision, r.decided_at, s.content -> 'financials' AS financials
       FROM gate_reviews r JOIN evidence_snapshots s ON s.review_id = r.id
      WHERE r.initiative_id = ANY($1::uuid[]) AND r.gate = 'G3' AND r.decision IN ('go', 'conditional_go')
      ORDER BY r.initiative_id, r.decided_at DESC, r.id`,
    [ids],
  )) as ForecastRow[];
  return new Map(rows.map((row) => [row.initiative_id, forecastOf(row)]));
}

function forecastOf(row: ForecastRow): ApprovedForecast {
  const f = row.financials ?? {};
  const inputs = {
    npv: numberOrNull(f.npv),
    probabilityCommercial: numberOrNull(f.probabilityCommercial),
    probabilityTechnical: numberOrNull(f.probabilityTechnical),
    commercializationCost: numberOrNull(f.commercializationCost),
    remainingDevelopmentCost: numberOrNull(f.remainingDevelopmentCost),
  };
  return {
    reviewId: row.id,
    decision: row.decision,
    decidedAt: row.decided_at,
    ...inputs,
    costToDate: numberOrNull(f.costToDate),
    ecv: expectedCommercialValue(inputs),
  };
}
