import { activeUserIds, actorOf, Principal, userContacts } from '@ambidex/identity';
import { AuditTrail, NotFoundError, queryRows, TransactionRunner } from '@ambidex/platform';
import {
  initiativeSummary,
  InitiativeSummary,
  lockInitiatives,
  NotOwnerError,
  ownsOrAdministers,
} from '@ambidex/portfolio';
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
  ): Promise<InitiativeSummary> {
    await lockInitiatives(em, [initiativeId]);
    const initiative = await initiativeSummary(em, initiativeId);
    if (initiative === null) throw new NotFoundError('PORTFOLIO.INITIATIVE_NOT_FOUND', `Initiative ${initiativeId}`);
    if (ownsOrAdministers({ userId, roles }, initiative)) return initiative;
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
      `SELECT user_id, added_at FROM initiative_members WHERE initiative_id = $1 ORDER BY added_at`,
      [initiativeId],
    )) as { user_id: string; added_at: Date }[];
    const contacts = await userContacts(
      this.dataSource,
      rows.map((r) => r.user_id),
    );
    return rows.flatMap((r) => {
      const user = contacts.get(r.user_id);
      return user === undefined
        ? []
        : [{ userId: r.user_id, email: user.email, displayName: user.displayName, addedAt: r.added_at }];
    });
  }

  /** The owner (or an admin) names the team. */
  async setMembers(principal: Principal, initiativeId: string, userIds: string[]): Promise<void> {
    await this.tx.run(async (em) => {
      await lockInitiatives(em, [initiativeId], 'update');
      const initiative = await initiativeSummary(em, initiativeId);
      if (initiative === null) throw new NotFoundError('PORTFOLIO.INITIATIVE_NOT_FOUND', `Initiative ${initiativeId}`);
      if (!ownsOrAdministers(principal, initiative)) throw new NotOwnerError();
      const before = (
        (await em.query(`SELECT user_id FROM initiative_members WHERE initiative_id = $1 ORDER BY user_id`, [
          initiativeId,
        ])) as { user_id: string }[]
      ).map((r) => r.user_id);
      const unique = [...new Set(userIds)].sort();
      const known = await activeUserIds(em, unique);
      if (known.size !== unique.length) throw new NotFoundError('IDENTITY.USER_NOT_FOUND', 'One or more team members');
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
