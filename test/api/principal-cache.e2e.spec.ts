import { PrincipalCache } from '@ambidex/identity';
import { eventually, testConfig } from '@ambidex/testing';
import { TestApp, TestUser } from '../support/test-app';

/**
 * Two API replicas on one database and one Redis, each keeping checked sessions and API tokens in memory: every
 * change that must refuse or alter a caller reaches the other replica before the change answers.
 */
describe('the principal cache across replicas: revocations take effect at once on every replica', () => {
  // A cache entry outlives every test here, so a refusal can only come from the broadcast, never from an expiry.
  const config = testConfig({ auth: { principalCacheMs: 60_000 } });
  let a: TestApp;
  let b: TestApp;
  let admin: TestUser;

  const me = (app: TestApp, token: string) => app.request({ url: '/api/auth/me', token });
  /** Signed in on A, then used on both replicas, so both hold it in their caches. */
  const cachedOnBoth = async (user: TestUser): Promise<void> => {
    await expect(me(a, user.token)).resolves.toMatchObject({ status: 200 });
    await expect(me(b, user.token)).resolves.toMatchObject({ status: 200 });
  };

  beforeAll(async () => {
    a = await TestApp.start({ config });
    b = await TestApp.start({ config });
    // Both listen before anything is cached (until then a replica keeps nothing, which would prove nothing here).
    for (const app of [a, b]) await eventually(async () => app.app.get(PrincipalCache).active, Boolean);
    admin = await a.newUser(['admin']);
  });
  afterAll(async () => {
    await a.close();
    await b.close();
  });

  it('B answers from its memory: a session revoked behind the use cases’ back still works there', async () => {
    const user = await a.newUser(['innovation_lead']);
    await cachedOnBoth(user);
    await b.dataSource.query(`UPDATE sessions SET revoked_at = now() WHERE user_id = $1`, [user.id]);
    await expect(me(b, user.token)).resolves.toMatchObject({ status: 200 });
  });

  it('logout on A: the next request on B is 401', async () => {
    const user = await a.newUser(['innovation_lead']);
    await cachedOnBoth(user);
    await expect(a.request({ method: 'POST', url: '/api/auth/logout', token: user.token })).resolves.toMatchObject({
      status: 204,
    });
    await expect(me(b, user.token)).resolves.toMatchObject({ status: 401 });
    await expect(me(a, user.token)).resolves.toMatchObject({ status: 401 });
  });

  it('deactivation on A: B refuses the user at once', async () => {
    const user = await a.newUser(['gatekeeper']);
    await cachedOnBoth(user);
    const patched = await a.request({
      method: 'PATCH',
      url: `/api/admin/users/${user.id}`,
      token: admin.token,
      body: { active: false },
    });
    expect(patched.status).toBe(200);
    await expect(me(b, user.token)).resolves.toMatchObject({ status: 401 });
  });

  it('a role change on A: B sees the new roles on the next request', async () => {
    const user = await a.newUser(['innovation_lead']);
    await cachedOnBoth(user);
    const patched = await a.request({
      method: 'PATCH',
      url: `/api/admin/users/${user.id}`,
      token: admin.token,
      body: { roles: ['gatekeeper'] },
    });
    expect(patched.status).toBe(200);
    const after = await me(b, user.token);
    expect(after.json()).toMatchObject({ roles: ['gatekeeper'] });
    // The guard of B decides with the new roles too.
    await expect(b.request({ url: '/api/admin/users', token: user.token })).resolves.toMatchObject({ status: 403 });
  });

  it('an API token revoked on A: B refuses it at once', async () => {
    const user = await a.newUser(['innovation_lead']);
    const created = await a.request({
      method: 'POST',
      url: '/api/me/api-tokens',
      token: user.token,
      body: { name: 'ci' },
    });
    const { id, token } = created.json<{ id: string; token: string }>();
    await expect(me(a, token)).resolves.toMatchObject({ status: 200 });
    await expect(me(b, token)).resolves.toMatchObject({ status: 200 });
    await expect(
      a.request({ method: 'DELETE', url: `/api/me/api-tokens/${id}`, token: user.token }),
    ).resolves.toMatchObject({ status: 204 });
    await expect(me(b, token)).resolves.toMatchObject({ status: 401 });
  });

  it('a refresh token presented twice revokes its session on every replica', async () => {
    const user = await a.newUser(['innovation_lead']);
    const login = await a.request({
      method: 'POST',
      url: '/api/auth/login',
      body: { email: user.email, password: 'test-password-0123' },
    });
    const { accessToken, refreshToken } = login.json<{ accessToken: string; refreshToken: string }>();
    await expect(me(b, accessToken)).resolves.toMatchObject({ status: 200 });
    await expect(
      a.request({ method: 'POST', url: '/api/auth/refresh', body: { refreshToken } }),
    ).resolves.toMatchObject({ status: 200 });
    await expect(
      a.request({ method: 'POST', url: '/api/auth/refresh', body: { refreshToken } }),
    ).resolves.toMatchObject({ status: 401 });
    await expect(me(b, accessToken)).resolves.toMatchObject({ status: 401 });
  });
});
