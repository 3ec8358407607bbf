import { queryRows, SqlRunner } from '@ambidex/platform';
import type { OriginType } from './initiative.entity';

/** An initiative operations raised (ISO 56001 8.3.2): the opportunities a management review looks back on. */
export interface InitiativeFromOperations {
  id: string;
  portfolioId: string;
  title: string;
  stage: string;
  status: string;
  originType: OriginType;
  originLabel: string | null;
  createdAt: string;
}

/**
 * Initiatives with an origin created in [fromDay, toDay), newest first; in one portfolio when given. Asks for
 * `origin_id` (set with the type, ck_initiatives_origin) so ix_initiatives_origin finds the few, not a scan of the period.
 */
export async function initiativesFromOperations(
  sql: SqlRunner,
  filter: { portfolioId: string | null; fromDay: string; toDay: string },
  limit: number,
): Promise<InitiativeFromOperations[]> {
  const rows = await queryRows<{
    id: string;
    portfolio_id: string;
    title: string;
    stage: string;
    status: string;
    origin_type: OriginType;
    origin_label: string | null;
    created_at: Date;
  }>(
    sql,
    `SELECT id, portfolio_id, title, stage, status, origin_type, origin_label, created_at FROM initiatives
      WHERE origin_id IS NOT NULL AND created_at >= $1::date AND created_at < $2::date
        AND ($3::uuid IS NULL OR portfolio_id = $3::uuid)
      ORDER BY created_at DESC, id LIMIT $4`,
    [filter.fromDay, filter.toDay, filter.portfolioId, limit],
  );
  return rows.map((r) => ({
    id: r.id,
    portfolioId: r.portfolio_id,
    title: r.title,
    stage: r.stage,
    status: r.status,
    originType: r.origin_type,
    originLabel: r.origin_label,
    createdAt: r.created_at.toISOString(),
  }));
}
