import {
  Actor,
  AuditTrail,
  isUniqueViolation,
  NotFoundError,
  Outbox,
  queryRows,
  TransactionRunner,
} from '@ambidex/platform';
import { USER_CREATED_EVENT } from './identity-events';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { assertPasswordAcceptable, normaliseEmail } from './domain/credentials';
import { EmailTakenError, LastAdminError } from './domain/identity.errors';
import { normaliseRoles, Role } from './domain/roles';
import { PasswordHasher } from './password-hasher';
import { PrincipalRevocations } from './principal-revocations';
import { UserEntity } from './user.entity';

export interface NewUser {
  email: string;
  displayName: string;
  password: string;
  roles: Role[];
}

export interface UserChanges {
  displayName?: string;
  roles?: Role[];
  active?: boolean;
}

export type UserView = Pick<
  UserEntity,
  'id' | 'email' | 'displayName' | 'roles' | 'active' | 'createdAt' | 'updatedAt'
>;

export function viewOf(user: UserEntity): UserView {
  const { id, email, displayName, roles, active, createdAt, updatedAt } = user;
  return { id, email, displayName, roles, active, createdAt, updatedAt };
}

/** User management for admins; every change is audited in the user's chain. */
@Injectable()
export class UsersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly audit: AuditTrail,
    private readonly outbox: Outbox,
    private readonly hasher: PasswordHasher,
    private readonly revocations: PrincipalRevocations,
  ) {}

  async create(actor: Actor, input: NewUser): Promise<UserView> {
    const email = normaliseEmail(input.email);
    assertPasswordAcceptable(input.password, email);
    const passwordHash = await this.hasher.hash(input.password);
    try {
      return await this.tx.run((em) => this.insert(em, actor, { ...input, email }, passwordHash));
    } catch (error) {
      if (isUniqueViolation(error, 'uq_users_email')) throw new EmailTakenError(email);
      throw error;
    }
  }

  async list(): Promise<UserView[]> {
    const users = await this.dataSource.getRepository(UserEntity).find({ order: { email: 'ASC' } });
    return users.map(viewOf);
  }

  async get(id: string): Promise<UserView> {
    return viewOf(await this.load(this.dataSource.manager, id));
  }

  async update(actor: Actor, id: string, changes: UserChanges): Promise<UserView> {
    const updated = await this.tx.run(async (em) => {
      // Locking every admin row serialises admin changes, so two demotions cannot both leave "the other" admin.
      // In id order, like every set of rows locked together (docs/ARCHITECTURE.md, lock order).
      await em.query(`SELECT id FROM users WHERE 'admin' = ANY(roles) AND active ORDER BY id FOR UPDATE`);
      const user = await this.load(em, id, true);
      const before = viewOf(user);
      const roles = changes.roles === undefined ? user.roles : normaliseRoles(changes.roles);
      const active = changes.active ?? user.active;
      if (before.roles.includes('admin') && before.active && (!roles.includes('admin') || !active)) {
        await this.assertAnotherAdmin(em, id);
      }
      user.displayName = changes.displayName ?? user.displayName;
      user.roles = roles;
      user.active = active;
      user.version += 1;
      const saved = await em.save(user);
      if (!active)
        await em.query(`UPDATE sessions SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`, [id]);
      await this.audit.append(em, {
        actor,
        action: 'identity.user.updated',
        entityType: 'user',
        entityId: id,
        before,
        after: viewOf(saved),
      });
      return viewOf(saved);
    });
    // Roles, name and status travel in the principal that replicas cache, and deactivation revoked the sessions.
    await this.revocations.broadcast(id);
    return updated;
  }

  /** Used by the admin bootstrap and the demo seed, inside their own transaction. */
  async insert(em: EntityManager, actor: Actor, input: NewUser, passwordHash: string): Promise<UserView> {
    const user = await em.save(
      em.create(UserEntity, {
        email: normaliseEmail(input.email),
        displayName: input.displayName,
        passwordHash,
        roles: normaliseRoles(input.roles),
        active: true,
      }),
    );
    await this.audit.append(em, {
      actor,
      action: 'identity.user.created',
      entityType: 'user',
      entityId: user.id,
      after: viewOf(user),
    });
    await this.outbox.record(em, {
      type: USER_CREATED_EVENT,
      aggregateType: 'user',
      aggregateId: user.id,
      payload: { userId: user.id },
    });
    return viewOf(user);
  }

  private async load(em: EntityManager, id: string, lock = false): Promise<UserEntity> {
    const user = await em
      .getRepository(UserEntity)
      .findOne({ where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (user === null) throw new NotFoundError('IDENTITY.USER_NOT_FOUND', `User ${id}`);
    return user;
  }

  private async assertAnotherAdmin(em: EntityManager, exceptId: string): Promise<void> {
    const [row] = await queryRows<{ n: number }>(
      em,
      `SELECT count(*)::int AS n FROM users WHERE 'admin' = ANY(roles) AND active AND id <> $1`,
      [exceptId],
    );
    if ((row?.n ?? 0) === 0) throw new LastAdminError();
  }
}
