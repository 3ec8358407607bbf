import { EntityManager } from 'typeorm';
import { Writer } from './entry-outcome';

/** Of these initiatives, the ones that exist and that the writer may write (owner, team member, admin). */
export async function writableInitiatives(
  em: EntityManager,
  writer: Writer,
  initiativeIds: readonly string[],
): Promise<Map<string, boolean>> {
  const unique = [...new Set(initiativeIds)];
  const rows = (await em.query(
    `SELECT i.id, (i.owner_id = $2 OR $3 OR EXISTS (SELECT 1 FROM initiative_members m WHERE m.initiative_id = i.id AND m.user_id = $2)) AS writable
       FROM initiatives i WHERE i.id = ANY($1::uuid[])`,
    [unique, writer.userId, writer.roles.includes('admin')],
  )) as { id: string; writable: boolean }[];
  return new Map(rows.map((r) => [r.id, r.writable]));
}
