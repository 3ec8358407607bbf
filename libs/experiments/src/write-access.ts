import { initiativeSummaries, ownsOrAdministers } from '@ambidex/portfolio';
import { EntityManager } from 'typeorm';
import { Writer } from './entry-outcome';

interface MembershipRow {
  initiative_id: string;
}

/** Of these initiatives, the ones that exist and that the writer may write (owner, team member, admin). */
export async function writableInitiatives(
  em: EntityManager,
  writer: Writer,
  initiativeIds: readonly string[],
): Promise<Map<string, boolean>> {
  const initiatives = await initiativeSummaries(em, initiativeIds);
  const memberships = (await em.query(
    `SELECT initiative_id FROM initiative_members WHERE initiative_id = ANY($1::uuid[]) AND user_id = $2`,
    [[...initiatives.keys()], writer.userId],
  )) as MembershipRow[];
  const onTeam = new Set(memberships.map((m) => m.initiative_id));
  return new Map(
    [...initiatives.values()].map((i) => [i.id, ownsOrAdministers(writer, i) || onTeam.has(i.id)] as const),
  );
}
