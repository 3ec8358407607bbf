import { testConfig, uniqueEmail } from '@ambidex/testing';
import { TEST_PASSWORD, TestApp } from '../support/test-app';

const CLIENT_A = '203.0.113.5';
const CLIENT_B = '203.0.113.6';
const MAX_FAILURES = 1; // an address is allowed four times as many: 4
// Each failed login verifies an argon2 hash: slow on a busy machine.
const SLOW_TEST_MS = 120_000;

async function login(
  api: TestApp,
  email: string,
  forwardedFor: string,
  password = 'wrong-password-000',
): Promise<number> {
  // Fastify's inject connects from 127.0.0.1: the proxy, when it is trusted.
  const response = await api.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    headers: { 'x-forwarded-for': forwardedFor },
    payload: { email, password },
  });
  return response.statusCode;
}

/** Fails logins from one client (each for another e-mail, so only the address limit can trip). */
async function exhaustAddressAllowance(api: TestApp, client: string): Promise<void> {
  for (let attempt = 0; attempt < MAX_FAILURES * 4; attempt += 1) {
    expect(await login(api, uniqueEmail('nobody'), client)).toBe(401);
  }
  expect(await login(api, uniqueEmail('nobody'), client)).toBe(429);
}

describe('login limits per client behind a trusted proxy', () => {
  let api: TestApp;
  beforeAll(async () => {
    const base = testConfig({ auth: { loginMaxFailures: MAX_FAILURES } });
    api = await TestApp.start({ config: { ...base, http: { ...base.http, trustedProxies: ['127.0.0.1'] } } });
  });
  afterAll(() => api.close());

  it(
    "one client's failures lock out that client only; the session records the client's address",
    async () => {
      await exhaustAddressAllowance(api, CLIENT_A);
      const user = await api.newUser(['innovation_lead']);
      expect(await login(api, uniqueEmail('nobody'), CLIENT_B)).toBe(401);
      expect(await login(api, user.email, CLIENT_B, TEST_PASSWORD)).toBe(200);
      const [session] = (await api.dataSource.query(
        `SELECT client_ip FROM sessions WHERE user_id = $1 ORDER BY created_at DESC LIMIT 1`,
        [user.id],
      )) as { client_ip: string }[];
      expect(session?.client_ip).toBe(CLIENT_B);
    },
    SLOW_TEST_MS,
  );
});

describe('login limits with no trusted proxy', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await TestApp.start({ config: testConfig({ auth: { loginMaxFailures: MAX_FAILURES } }) });
  });
  afterAll(() => api.close());

  it(
    'X-Forwarded-For is ignored: failures count against the connecting address whatever the header says',
    async () => {
      await exhaustAddressAllowance(api, CLIENT_A);
      expect(await login(api, uniqueEmail('nobody'), CLIENT_B)).toBe(429);
    },
    SLOW_TEST_MS,
  );
});

describe('refresh token reuse', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await TestApp.start();
  });
  afterAll(() => api.close());

  it('presenting a spent refresh token revokes its whole session: the newer tokens stop working too', async () => {
    const user = await api.newUser(['innovation_lead']);
    const first = await api.request({
      method: 'POST',
      url: '/api/auth/login',
      body: { email: user.email, password: TEST_PASSWORD },
    });
    const stolen = first.json<{ refreshToken: string }>().refreshToken;
    const refreshed = await api.request({ method: 'POST', url: '/api/auth/refresh', body: { refreshToken: stolen } });
    expect(refreshed.status).toBe(200);
    const current = refreshed.json<{ accessToken: string; refreshToken: string }>();
    await expect(api.request({ url: '/api/auth/me', token: current.accessToken })).resolves.toMatchObject({
      status: 200,
    });

    await expect(
      api.request({ method: 'POST', url: '/api/auth/refresh', body: { refreshToken: stolen } }),
    ).resolves.toMatchObject({ status: 401 });

    await expect(api.request({ url: '/api/auth/me', token: current.accessToken })).resolves.toMatchObject({
      status: 401,
    });
    await expect(
      api.request({ method: 'POST', url: '/api/auth/refresh', body: { refreshToken: current.refreshToken } }),
    ).resolves.toMatchObject({ status: 401 });
    // Other sessions of the same user are not the stolen one's: they go on.
    await expect(api.request({ url: '/api/auth/me', token: user.token })).resolves.toMatchObject({ status: 200 });
    const [audit] = (await api.dataSource.query(
      `SELECT reason FROM audit_entries WHERE entity_id = $1 AND action = 'identity.session.revoked'`,
      [user.id],
    )) as { reason: string }[];
    expect(audit?.reason).toMatch(/refresh token already traded in/);
  });
});
