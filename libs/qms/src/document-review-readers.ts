import { queryRows, SqlRunner } from '@ambidex/platform';

/** Unanswered due dates: no review of the effective revision recorded for the document's current due date. */
export const UNANSWERED = `d.status = 'controlled' AND d.review_due_at IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM document_reviews r JOIN document_revisions e ON e.id = r.revision_id AND e.state = 'effective'
                   WHERE r.document_id = d.id AND r.due_at = d.review_due_at)`;

/** A controlled document whose periodic review is overdue (for a management review, ISO 9001 9.3.2 c 5). */
export interface OverdueDocumentReview {
  id: string;
  number: string | null;
  title: string;
  ownerId: string;
  reviewDueAt: string;
}

/** Controlled documents whose review fell due before `asOf` and is still unanswered, oldest first. */
export async function overdueDocumentReviews(
  sql: SqlRunner,
  asOf: Date,
  limit: number,
): Promise<{ total: number; documents: OverdueDocumentReview[] }> {
  const [total] = await queryRows<{ n: number }>(
    sql,
    `SELECT count(*)::int AS n FROM controlled_documents d WHERE ${UNANSWERED} AND d.review_due_at < $1`,
    [asOf],
  );
  const rows = await queryRows<{
    id: string;
    number: string | null;
    title: string;
    owner_id: string;
    review_due_at: Date;
  }>(
    sql,
    `SELECT d.id, d.number, d.title, d.owner_id, d.review_due_at FROM controlled_documents d
      WHERE ${UNANSWERED} AND d.review_due_at < $1 ORDER BY d.review_due_at, d.id LIMIT $2`,
    [asOf, limit],
  );
  return {
    total: total?.n ?? 0,
    documents: rows.map((r) => ({
      id: r.id,
      number: r.number,
      title: r.title,
      ownerId: r.owner_id,
      reviewDueAt: r.review_due_at.toISOString(),
    })),
  };
}
