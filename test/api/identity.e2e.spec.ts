import { testConfig, uniqueEmail } from '@ambidex/testing';
import { TEST_PASSWORD, TestApp } from '../support/test-app';

describe('identity: sessions, API tokens, rate limiting and user management', () => {
  let api: TestApp;

  beforeAll(async () => {
    api = await TestApp.start({ config: testConfig({ auth: { loginMaxFailures: 3 } }) });
  });
  afterAll(() => api.close());

  it('logout revokes the session: its access and refresh tokens stop working', async () => {
    const user = await api.newUser(['innovation_lead']);
    const login = await api.request({
      method: 'POST',
      url: '/api/auth/login',
      body: { email: user.email, password: TEST_PASSWORD },
    });
    const { accessToken, refreshToken } = login.json<{ accessToken: string; refreshToken: string }>();
    expect(login.headers['set-cookie']).toEqual(
      expect.arrayContaining([expect.stringMatching(/^ambidex_access=.*HttpOnly; SameSite=Strict/)]),
    );

    const refreshed = await api.request({ method: 'POST', url: '/api/auth/refresh', body: { refreshToken } });
    expect(refreshed.status).toBe(200);
    const next = refreshed.json<{ accessToken: string; refreshToken: string }>();

    await expect(api.request({ method: 'POST', url: '/api/auth/logout', token: accessToken })).resolves.toMatchObject({
      status: 204,
    });
    await expect(api.request({ url: '/api/auth/me', token: accessToken })).resolves.toMatchObject({ status: 401 });
    await expect(api.request({ url: '/api/auth/me', token: next.accessToken })).resolves.toMatchObject({ status: 401 });
    await expect(
      api.request({ method: 'POST', url: '/api/auth/refresh', body: { refreshToken: next.refreshToken } }),
    ).resolves.toMatchObject({ status: 401 });
    // Rotation: the old refresh token is spent (presenting it earlier would have revoked the session: see login-protection).
    await expect(
      api.request({ method: 'POST', url: '/api/auth/refresh', body: { refreshToken } }),
    ).resolves.toMatchObject({ status: 401 });
    // The browser cookie works like the bearer token, and is revoked with it.
    await expect(
      api.request({ url: '/api/auth/me', headers: { cookie: `ambidex_access=${user.token}` } }),
    ).resolves.toMatchObject({ status: 200 });
  });

  it('personal API tokens act as their owner, are stored hashed and can be revoked', async () => {
    const user = await api.newUser(['leadership']);
    const created = await api.request({
      method: 'POST',
      url: '/api/me/api-tokens',
      token: user.token,
      body: { name: 'nightly script' },
    });
    expect(created.status).toBe(201);
    const { id, token } = created.json<{ id: string; token: string }>();
    expect(token).toMatch(/^amb_pat_/);
    const [stored] = (await api.dataSource.query(`SELECT token_hash FROM api_tokens WHERE id = $1`, [id])) as {
      token_hash: string;
    }[];
    expect(stored?.token_hash).toHaveLength(64);
    expect(stored?.token_hash).not.toContain(token);

    const me = await api.request({ url: '/api/auth/me', token });
    expect(me.json()).toMatchObject({ email: user.email, via: 'api-token' });
    const listed = await api.request({ url: '/api/me/api-tokens', token: user.token });
    expect(listed.json<{ id: string; lastUsedAt: string | null }[]>()).toEqual([
      expect.objectContaining({ id, lastUsedAt: expect.any(String) }),
    ]);

    await expect(
      api.request({ method: 'DELETE', url: `/api/me/api-tokens/${id}`, token: user.token }),
    ).resolves.toMatchObject({ status: 204 });
    await expect(api.request({ url: '/api/auth/me', token })).resolves.toMatchObject({ status: 401 });
  });

  it('limits failed logins per email, with Retry-After, and never says whether the email exists', async () => {
    const user = await api.newUser(['gatekeeper']);
    const attempt = (password: string) =>
      api.request({ method: 'POST', url: '/api/auth/login', body: { email: user.email, password } });
    for (let i = 0; i < 3; i += 1) {
      const failed = await attempt('wrong-password-123');
      expect(failed.status).toBe(401);
      expect(failed.json()).toMatchObject({ code: 'IDENTITY.INVALID_CREDENTIALS' });
    }
    const blocked = await attempt(TEST_PASSWORD);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    const unknown = await api.request({
      method: 'POST',
      url: '/api/auth/login',
      body: { email: uniqueEmail('nobody'), password: 'x' },
    });
    expect(unknown.json()).toMatchObject({ status: 401, code: 'IDENTITY.INVALID_CREDENTIALS' });
  });

  it('admins create, change and deactivate users; every change is audited; deactivation ends sessions', async () => {
    const admin = await api.newUser(['admin']);
    const email = uniqueEmail('new-lead');
    const created = await api.request({
      method: 'POST',
      url: '/api/admin/users',
      token: admin.token,
      body: {
        email: email.toUpperCase(),
        displayName: 'New Lead',
        password: 'a-long-enough-secret',
        roles: ['innovation_lead'],
      },
    });
    expect(created.status).toBe(201);
    const user = created.json<{ id: string; email: string }>();
    expect(user.email).toBe(email);
    const duplicate = await api.request({
      method: 'POST',
      url: '/api/admin/users',
      token: admin.token,
      body: { email, displayName: 'Again', password: 'a-long-enough-secret', roles: ['gatekeeper'] },
    });
    expect(duplicate.status).toBe(409);
    expect(duplicate.json()).toMatchObject({ code: 'IDENTITY.EMAIL_TAKEN' });

    const token = await api.login(email, 'a-long-enough-secret');
    const patched = await api.request({
      method: 'PATCH',
      url: `/api/admin/users/${user.id}`,
      token: admin.token,
      body: { roles: ['innovation_lead', 'gatekeeper'], active: false },
    });
    expect(patched.json()).toMatchObject({ roles: ['innovation_lead', 'gatekeeper'], active: false });
    await expect(api.request({ url: '/api/auth/me', token })).resolves.toMatchObject({ status: 401 });

    const audit = (await api.dataSource.query(
      `SELECT action, actor_id, before, after FROM audit_entries WHERE chain_key = $1 ORDER BY seq`,
      [`user:${user.id}`],
    )) as { action: string; actor_id: string; before: { active: boolean } | null; after: { active: boolean } }[];
    expect(audit.map((a) => a.action)).toEqual([
      'identity.user.created',
      'identity.session.opened',
      'identity.user.updated',
    ]);
    expect(audit[2]).toMatchObject({ actor_id: admin.id, before: { active: true }, after: { active: false } });
  });
});
