import fc from 'fast-check';
import { hashOpaqueToken, newOpaqueToken, signAccessToken, verifyAccessToken } from './access-token';

const SECRET = 'a-test-secret-of-enough-length-000000';
const claims = { sid: 'session-1', sub: 'user-1', exp: 2000 };

describe('access tokens', () => {
  it('verifies a token it signed while it is unexpired', () => {
    expect(verifyAccessToken(signAccessToken(claims, SECRET), SECRET, 1999)).toEqual(claims);
  });

  it('rejects an expired token', () => {
    expect(verifyAccessToken(signAccessToken(claims, SECRET), SECRET, 2000)).toBeNull();
  });

  it('rejects a token signed with another secret', () => {
    expect(verifyAccessToken(signAccessToken(claims, 'another-secret'), SECRET, 0)).toBeNull();
  });

  it('rejects any change to the claims', () => {
    const [, signature] = signAccessToken(claims, SECRET).split('.');
    const forged = `${Buffer.from(JSON.stringify({ ...claims, sub: 'admin' })).toString('base64url')}.${signature}`;
    expect(verifyAccessToken(forged, SECRET, 0)).toBeNull();
  });

  it('never throws on arbitrary input', () => {
    fc.assert(fc.property(fc.string(), (input) => verifyAccessToken(input, SECRET, 0) === null));
  });
});

describe('opaque tokens', () => {
  it('stores only a hash that matches the shown token', () => {
    const { token, hash } = newOpaqueToken('amb_pat_');
    expect(token.startsWith('amb_pat_')).toBe(true);
    expect(hash).toBe(hashOpaqueToken(token));
    expect(hash).not.toContain(token);
  });
});
