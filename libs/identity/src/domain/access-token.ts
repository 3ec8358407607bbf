import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** What an access token asserts: which session, whose, until when (epoch seconds). */
export interface AccessTokenClaims {
  sid: string;
  sub: string;
  exp: number;
}

/** A compact HMAC-signed token: base64url(claims).base64url(signature). */
export function signAccessToken(claims: AccessTokenClaims, secret: string): string {
  const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${body}.${sign(body, secret)}`;
}

/** Returns the claims of a well-formed, correctly signed, unexpired token; null otherwise. */
export function verifyAccessToken(token: string, secret: string, nowSeconds: number): AccessTokenClaims | null {
  const [body, signature, extra] = token.split('.');
  if (body === undefined || signature === undefined || extra !== undefined) return null;
  const expected = Buffer.from(sign(body, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString()) as Partial<AccessTokenClaims>;
    if (typeof claims.sid !== 'string' || typeof claims.sub !== 'string' || typeof claims.exp !== 'number') return null;
    return claims.exp > nowSeconds ? { sid: claims.sid, sub: claims.sub, exp: claims.exp } : null;
  } catch {
    return null;
  }
}

function sign(body: string, secret: string): string {
  return createHmac('sha256', secret).update(body).digest('base64url');
}

export const API_TOKEN_PREFIX = 'amb_pat_';
export const REFRESH_TOKEN_PREFIX = 'amb_rt_';

/** Opaque secrets (API tokens, refresh tokens) are shown once and stored only as their SHA-256. */
export function newOpaqueToken(prefix: string): { token: string; hash: string } {
  const token = `${prefix}${randomBytes(32).toString('base64url')}`;
  return { token, hash: hashOpaqueToken(token) };
}

export function hashOpaqueToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
