import { actorOf, Principal } from '@ambidex/identity';
import { AuditTrail, NotFoundError, queryRows, TransactionRunner } from '@ambidex/platform';
import { InitiativeEntity, lockInitiatives, NotOwnerError } from '@ambidex/portfolio';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { NotOnTeamError } from './domain/experiments.errors';

/** Who may write an initiative's experiment log: its owner, its team members, admins. */
@Injectable()
export class InitiativeTeam {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly audit: AuditTrail,
  ) {}

  /** Takes the initiative's lock first (the global lock order), then checks the writer against the team it holds still. */
  async assertCanWrite(
    em: EntityManager,
    userId: string,
    roles: readonly string[],
    initiativeId: string,
  ): Promise<InitiativeEntity> {
    await lockInitiatives(em, [initiativeId]);
    const initiative = await em.findOneBy(InitiativeEntity, { id: initiativeId });
    if (initiative === null) throw new NotFoundError('PORTFOLIO.INITIATIVE_NOT_FOUND', `Initiative ${initiativeId}`);
    if (initiative.ownerId === userId || roles.includes('admin')) return initiative;
    const member = await queryRows<{ one: number }>(
      em,
      `SELECT 1 AS one FROM initiative_members WHERE initiative_id = $1 AND user_id = $2`,
      [initiativeId, userId],
    );
    if (member.length === 0) throw new NotOnTeamError();
    return initiative;
  }

  async members(
    initiativeId: string,
  ): Promise<{ userId: string; email: string; displayName: string; addedAt: Date }[]> {
    const rows = (await this.dataSource.query(
      `SELECT m.user_id, u.email, u.display_name, m.added_at FROM initiative_members m JOIN users u ON u.id = m.user_id
        WHERE m.initiative_id = $1 ORDER BY m.added_at`,
      [initiativeId],
    )) as { user_id: string; email: string; display_name: string; added_at: Date }[];
    return rows.map((r) => ({ userId: r.user_id, email: r.email, displayName: r.display_name, addedAt: r.added_at }));
  }

  /** The owner (or an admin) names the team. */
  async setMembers(principal: Principal, initiativeId: string, userIds: string[]): Promise<void> {
    await this.tx.run(async (em) => {
      const initiative = await em.findOne(InitiativeEntity, {
        where: { id: initiativeId },
        lock: { mode: 'pessimistic_write' },
      });
      if (initiative === null) throw new NotFoundError('PORTFOLIO.INITIATIVE_NOT_FOUND', `Initiative ${initiativeId}`);
      if (initiative.ownerId !== principal.userId && !principal.roles.includes('admin')) throw new NotOwnerError();
      const before = (
        (await em.query(`SELECT user_id FROM initiative_members WHERE initiative_id = $1 ORDER BY user_id`, [
          initiativeId,
        ])) as { user_id: string }[]
      ).map((r) => r.user_id);
      const unique = [...new Set(userIds)].sort();
      const known = (await em.query(`SELECT id FROM users WHERE id = ANY($1::uuid[]) AND active`, [unique])) as {
        id: string;
      }[];
      if (known.length !== unique.length)
        throw new NotFoundError('IDENTITY.USER_NOT_FOUND', 'One or more team members');
      await em.query(`DELETE FROM initiative_members WHERE initiative_id = $1 AND NOT (user_id = ANY($2::uuid[]))`, [
        initiativeId,
        unique,
      ]);
      await em.query(
        `INSERT INTO initiative_members (initiative_id, user_id, added_by) SELECT $1, unnest($2::uuid[]), $3 ON CONFLICT DO NOTHING`,
        [initiativeId, unique, principal.userId],
      );
      await this.audit.append(em, {
        actor: actorOf(principal),
        action: 'experiments.team.changed',
        entityType: 'initiative',
        entityId: initiativeId,
        before: { members: before },
        after: { members: unique },
      });
    });
  }
}
