import {
  APP_CONFIG,
  AppConfig,
  AuditTrail,
  queryChanges,
  queryRows,
  SYSTEM_ACTOR,
  TransactionRunner,
} from '@ambidex/platform';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import {
  API_TOKEN_PREFIX,
  hashOpaqueToken,
  newOpaqueToken,
  REFRESH_TOKEN_PREFIX,
  signAccessToken,
  verifyAccessToken,
} from './domain/access-token';
import { normaliseEmail } from './domain/credentials';
import { ApiTokenUse } from './api-token-use';
import { InvalidCredentialsError, NotAuthenticatedError } from './domain/identity.errors';
import { Role } from './domain/roles';
import { LoginRateLimiter } from './login-rate-limiter';
import { PasswordHasher } from './password-hasher';
import { Principal } from './principal';
import { PrincipalCache } from './principal-cache';
import { PrincipalRevocations } from './principal-revocations';
import { SessionEntity } from './session.entity';
import { UserEntity } from './user.entity';

export interface IssuedTokens {
  accessToken: string;
  accessTokenExpiresAt: Date;
  refreshToken: string;
  sessionExpiresAt: Date;
  sessionId: string;
}

interface PrincipalRow {
  user_id: string;
  email: string;
  display_name: string;
  roles: Role[];
  session_id: string | null;
  api_token_id: string | null;
  /** When the session or the API token expires (null: an API token without expiry). */
  expires_at: Date | null;
}

interface ApiTokenPrincipalRow extends PrincipalRow {
  /** last_used_at is more than a minute old. */
  stale: boolean;
}

interface SessionRow {
  id: string;
  user_id: string;
  expires_at: Date;
}

interface RotatedSession {
  id: string;
  userId: string;
  expiresAt: Date;
}

@Injectable()
export class AuthenticationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly audit: AuditTrail,
    private readonly hasher: PasswordHasher,
    private readonly limiter: LoginRateLimiter,
    private readonly cache: PrincipalCache,
    private readonly revocations: PrincipalRevocations,
    private readonly tokenUse: ApiTokenUse,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async login(rawEmail: string, password: string, clientIp: string | null): Promise<IssuedTokens> {
    const email = normaliseEmail(rawEmail);
    await this.limiter.assertAllowed(email, clientIp);
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ email });
    const passwordOk = await this.hasher.verify(user?.passwordHash ?? null, password);
    if (user === null || !passwordOk || !user.active) {
      await this.limiter.recordFailure(email, clientIp);
      throw new InvalidCredentialsError();
    }
    await this.limiter.recordSuccess(email);
    const refresh = newOpaqueToken(REFRESH_TOKEN_PREFIX);
    const now = new Date();
    const sessionExpiresAt = new Date(now.getTime() + this.config.auth.sessionTtlSeconds * 1000);
    const session = await this.tx.run(async (em) => {
      const saved = await em.save(
        em.create(SessionEntity, {
          userId: user.id,
          refreshTokenHash: refresh.hash,
          createdAt: now,
          expiresAt: sessionExpiresAt,
          revokedAt: null,
          clientIp,
        }),
      );
      await this.audit.append(em, {
        actor: { userId: user.id, label: user.email },
        action: 'identity.session.opened',
        entityType: 'user',
        entityId: user.id,
        after: { sessionId: saved.id, clientIp },
      });
      return saved;
    });
    return { ...this.accessTokenFor(session), refreshToken: refresh.token, sessionExpiresAt, sessionId: session.id };
  }

  /**
   * Trades a refresh token for a new access token and a new refresh token (rotation). A token already traded in
   * signals a stolen copy: its whole session is revoked (committed) before the refusal.
   */
  async refresh(refreshToken: string): Promise<IssuedTokens> {
    const presented = hashOpaqueToken(refreshToken);
    const next = newOpaqueToken(REFRESH_TOKEN_PREFIX);
    let revokedUserId: string | undefined;
    const session = await this.tx.run(async (em) => {
      revokedUserId = undefined;
      const { rows } = await queryChanges<SessionRow>(
        em,
        `UPDATE sessions s SET refresh_token_hash = $2
           FROM users u
          WHERE s.refresh_token_hash = $1 AND u.id = s.user_id AND u.active
            AND s.revoked_at IS NULL AND s.expires_at > now()
         RETURNING s.id, s.user_id, s.expires_at`,
        [presented, next.hash],
      );
      const rotated = rows[0] === undefined ? undefined : rotatedSession(rows[0]);
      if (rotated !== undefined) {
        await em.query(`INSERT INTO spent_refresh_tokens (token_hash, session_id, spent_at) VALUES ($1, $2, now())`, [
          presented,
          rotated.id,
        ]);
      } else {
        revokedUserId = await this.revokeOnReuse(em, presented);
      }
      return rotated;
    });
    if (revokedUserId !== undefined) await this.revocations.broadcast(revokedUserId);
    if (session === undefined) throw new NotAuthenticatedError('The refresh token is unknown, expired or revoked');
    return {
      ...this.accessTokenFor(session),
      refreshToken: next.token,
      sessionExpiresAt: session.expiresAt,
      sessionId: session.id,
    };
  }

  /** Resolves the user whose session it revoked, if it revoked one. */
  private async revokeOnReuse(em: EntityManager, spentHash: string): Promise<string | undefined> {
    const { rows } = await queryChanges<Omit<SessionRow, 'expires_at'>>(
      em,
      `UPDATE sessions s SET revoked_at = now()
         FROM spent_refresh_tokens t
        WHERE t.token_hash = $1 AND s.id = t.session_id AND s.revoked_at IS NULL
       RETURNING s.id, s.user_id`,
      [spentHash],
    );
    const revoked = rows[0];
    if (revoked === undefined) return undefined;
    await this.audit.append(em, {
      actor: SYSTEM_ACTOR,
      action: 'identity.session.revoked',
      entityType: 'user',
      entityId: revoked.user_id,
      reason: 'a refresh token already traded in was presented again',
      before: { sessionId: revoked.id },
    });
    return revoked.user_id;
  }

  async logout(principal: Principal): Promise<void> {
    if (principal.sessionId === null) return;
    const sessionId = principal.sessionId;
    await this.tx.run(async (em) => {
      const { count } = await queryChanges<never>(
        em,
        `UPDATE sessions SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL`,
        [sessionId],
      );
      if (count === 1) {
        await this.audit.append(em, {
          actor: { userId: principal.userId, label: principal.email },
          action: 'identity.session.revoked',
          entityType: 'user',
          entityId: principal.userId,
          before: { sessionId },
        });
      }
    });
    await this.revocations.broadcast(principal.userId);
  }

  /** Resolves a bearer credential (access token or API token) to its principal, or throws. */
  async authenticate(credential: string): Promise<Principal> {
    const principal = credential.startsWith(API_TOKEN_PREFIX)
      ? await this.principalFromApiToken(credential)
      : await this.principalFromAccessToken(credential);
    if (principal === undefined) throw new NotAuthenticatedError('The token is invalid, expired or revoked');
    return principal;
  }

  private accessTokenFor(session: { id: string; userId: string }): { accessToken: string; accessTokenExpiresAt: Date } {
    const exp = Math.floor(Date.now() / 1000) + this.config.auth.accessTokenTtlSeconds;
    return {
      accessToken: signAccessToken({ sid: session.id, sub: session.userId, exp }, this.config.auth.tokenSecret),
      accessTokenExpiresAt: new Date(exp * 1000),
    };
  }

  /*
   * The cache is keyed by the credential itself: a hit skips the signature check (the same bytes were verified
   * before) and the hashing of an API token. Entries expire no later than the token, the session or the API token.
   */

  /** A process that answers requests keeps the principals it checked, so it must hear their revocations. */
  listenForRevocations(): void {
    this.revocations.listen();
  }

  private async principalFromAccessToken(token: string): Promise<Principal | undefined> {
    const now = Date.now();
    const cached = this.cache.get(token, now);
    if (cached !== undefined) return cached;
    const claims = verifyAccessToken(token, this.config.auth.tokenSecret, Math.floor(now / 1000));
    if (claims === null) return undefined;
    // The session is checked on every request so that logout and deactivation take effect at once: in PostgreSQL,
    // or in the cache, which every such change empties on every replica before it answers (PrincipalRevocations).
    const ticket = this.cache.ticket();
    const rows = await queryRows<PrincipalRow>(
      this.dataSource,
      `SELECT u.id AS user_id, u.email, u.display_name, u.roles, s.id AS session_id, NULL AS api_token_id, s.expires_at
         FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE s.id = $1 AND s.user_id = $2 AND s.revoked_at IS NULL AND s.expires_at > now() AND u.active`,
      [claims.sid, claims.sub],
    );
    const row = rows[0];
    if (row === undefined) return undefined;
    const principal = principalOf(row);
    this.cache.store(token, ticket, principal, Math.min(expiryOf(row), claims.exp * 1000), now);
    return principal;
  }

  private async principalFromApiToken(token: string): Promise<Principal | undefined> {
    const now = Date.now();
    const cached = this.cache.get(token, now);
    if (cached !== undefined) {
      await this.tokenUse.record(cached.apiTokenId ?? '');
      return cached;
    }
    const ticket = this.cache.ticket();
    const rows = await queryRows<ApiTokenPrincipalRow>(
      this.dataSource,
      `SELECT u.id AS user_id, u.email, u.display_name, u.roles, NULL AS session_id, t.id AS api_token_id, t.expires_at,
              t.last_used_at < now() - interval '1 minute' OR t.last_used_at IS NULL AS stale
         FROM api_tokens t JOIN users u ON u.id = t.user_id
        WHERE t.token_hash = $1 AND u.active AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > now())`,
      [hashOpaqueToken(token)],
    );
    const row = rows[0];
    if (row === undefined) return undefined;
    const principal = principalOf(row);
    this.cache.store(token, ticket, principal, expiryOf(row), now);
    await this.tokenUse.record(principal.apiTokenId ?? '', !row.stale);
    return principal;
  }
}

/** Frozen: a cached principal is shared by the requests that present the same credential. */
function principalOf(row: PrincipalRow): Principal {
  return Object.freeze({
    userId: row.user_id,
    email: row.email,
    displayName: row.display_name,
    roles: Object.freeze([...row.roles]) as Role[],
    sessionId: row.session_id,
    apiTokenId: row.api_token_id,
  });
}

function expiryOf(row: PrincipalRow): number {
  return row.expires_at === null ? Number.POSITIVE_INFINITY : new Date(row.expires_at).getTime();
}

function rotatedSession(row: SessionRow): RotatedSession {
  return { id: row.id, userId: row.user_id, expiresAt: row.expires_at };
}
