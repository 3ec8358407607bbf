import { testConfig } from '@ambidex/testing';
import { ChildProcess } from 'node:child_process';
import { TEST_PASSWORD, TestApp, TestUser } from '../support/test-app';
import { freePort, startRedis, stopRedis } from '../support/throwaway-redis';

/** The failed-login counts live in Redis: while it is away, sign-in is a 503 with Retry-After, never a 500. */
describe('login while Redis is down', () => {
  let redis: ChildProcess;
  let api: TestApp;
  let user: TestUser;

  beforeAll(async () => {
    const port = await freePort();
    redis = await startRedis(port);
    const base = testConfig();
    api = await TestApp.start({ config: { ...base, redis: { ...base.redis, url: `redis://127.0.0.1:${port}` } } });
    user = await api.newUser(['innovation_lead']);
  });
  afterAll(async () => {
    await api.close();
    await stopRedis(redis);
  }, 30_000);

  it('answers 503 problem+json with a retry-after, and the session table is untouched', async () => {
    await stopRedis(redis);
    // Only this user's: other suites sign in on the same database meanwhile.
    const sessionsOfUser = async (): Promise<number> =>
      Number(
        (
          (await api.dataSource.query(`SELECT count(*) AS n FROM sessions WHERE user_id = $1`, [user.id])) as {
            n: string;
          }[]
        )[0]?.n,
      );
    const sessionsBefore = await sessionsOfUser();
    const response = await api.request({
      method: 'POST',
      url: '/api/auth/login',
      body: { email: user.email, password: TEST_PASSWORD },
    });
    expect(response.status).toBe(503);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.headers['retry-after']).toMatch(/^[1-9][0-9]*$/);
    expect(response.json()).toMatchObject({ status: 503, code: 'IDENTITY.LOGIN_UNAVAILABLE' });
    await expect(sessionsOfUser()).resolves.toBe(sessionsBefore);
  }, 30_000);
});
