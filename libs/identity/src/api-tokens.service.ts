import { AuditTrail, NotFoundError, TransactionRunner } from '@ambidex/platform';
import { Injectable } from '@nestjs/common';
import { DataSource, IsNull } from 'typeorm';
import { ApiTokenEntity } from './api-token.entity';
import { API_TOKEN_PREFIX, newOpaqueToken } from './domain/access-token';
import { actorOf, Principal } from './principal';
import { PrincipalRevocations } from './principal-revocations';

export type ApiTokenView = Pick<ApiTokenEntity, 'id' | 'name' | 'createdAt' | 'expiresAt' | 'lastUsedAt' | 'revokedAt'>;

function viewOf(token: ApiTokenEntity): ApiTokenView {
  const { id, name, createdAt, expiresAt, lastUsedAt, revokedAt } = token;
  return { id, name, createdAt, expiresAt, lastUsedAt, revokedAt };
}

/** Personal API tokens: the secret is returned once, at creation, and only its hash is kept. */
@Injectable()
export class ApiTokensService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly audit: AuditTrail,
    private readonly revocations: PrincipalRevocations,
  ) {}

  async create(owner: Principal, name: string, expiresAt: Date | null): Promise<ApiTokenView & { token: string }> {
    const { token, hash } = newOpaqueToken(API_TOKEN_PREFIX);
    const saved = await this.tx.run(async (em) => {
      const row = await em.save(
        em.create(ApiTokenEntity, {
          userId: owner.userId,
          name,
          tokenHash: hash,
          createdAt: new Date(),
          expiresAt,
          lastUsedAt: null,
          revokedAt: null,
        }),
      );
      await this.audit.append(em, {
        actor: actorOf(owner),
        action: 'identity.api-token.created',
        entityType: 'user',
        entityId: owner.userId,
        after: { tokenId: row.id, name, expiresAt },
      });
      return row;
    });
    return { ...viewOf(saved), token };
  }

  async list(owner: Principal): Promise<ApiTokenView[]> {
    const tokens = await this.dataSource
      .getRepository(ApiTokenEntity)
      .find({ where: { userId: owner.userId }, order: { createdAt: 'DESC' } });
    return tokens.map(viewOf);
  }

  async revoke(owner: Principal, tokenId: string): Promise<void> {
    await this.tx.run(async (em) => {
      const token = await em.getRepository(ApiTokenEntity).findOneBy({ id: tokenId, userId: owner.userId });
      if (token === null) throw new NotFoundError('IDENTITY.API_TOKEN_NOT_FOUND', `API token ${tokenId}`);
      const result = await em.update(ApiTokenEntity, { id: tokenId, revokedAt: IsNull() }, { revokedAt: new Date() });
      if (result.affected === 1) {
        await this.audit.append(em, {
          actor: actorOf(owner),
          action: 'identity.api-token.revoked',
          entityType: 'user',
          entityId: owner.userId,
          before: { tokenId, name: token.name },
        });
      }
    });
    await this.revocations.broadcast(owner.userId);
  }
}
