import { queryRows, SqlRunner } from '@ambidex/platform';

/** An open condition of an accepted-with-conditions handover: a risk still carried by operations. */
export interface OpenHandoverCondition {
  id: string;
  packageId: string;
  initiativeId: string;
  text: string;
  ownerId: string;
  dueAt: string;
}

/** Open handover conditions (for a management review's risks, ISO 9001 9.3.2 e): counts and the oldest due first. */
export async function openHandoverConditions(
  sql: SqlRunner,
  asOf: Date,
  limit: number,
): Promise<{ open: number; overdue: number; conditions: OpenHandoverCondition[] }> {
  const [counts] = await queryRows<{ open: number; overdue: number }>(
    sql,
    `SELECT count(*)::int AS open, count(*) FILTER (WHERE due_at < $1)::int AS overdue
       FROM handover_actions WHERE done_at IS NULL`,
    [asOf],
  );
  const rows = await queryRows<{
    id: string;
    package_id: string;
    initiative_id: string;
    text: string;
    owner_id: string;
    due_at: Date;
  }>(
    sql,
    `SELECT a.id, a.package_id, p.initiative_id, left(a.text, 300) AS text, a.owner_id, a.due_at
       FROM handover_actions a JOIN handover_packages p ON p.id = a.package_id
      WHERE a.done_at IS NULL ORDER BY a.due_at, a.id LIMIT $1`,
    [limit],
  );
  return {
    open: counts?.open ?? 0,
    overdue: counts?.overdue ?? 0,
    conditions: rows.map((r) => ({
      id: r.id,
      packageId: r.package_id,
      initiativeId: r.initiative_id,
      text: r.text,
      ownerId: r.owner_id,
      dueAt: r.due_at.toISOString(),
    })),
  };
}
