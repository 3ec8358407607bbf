import { PrincipalCache } from '@ambidex/identity';
import { eventually, testConfig } from '@ambidex/testing';
import { ChildProcess } from 'node:child_process';
import { TestApp, TestUser } from '../support/test-app';
import { freePort, startRedis, stopRedis } from '../support/throwaway-redis';

/**
 * A replica that cannot hear revocations (its Redis connection is gone) must not answer from memory: it empties its
 * cache and asks PostgreSQL until it has subscribed again.
 */
describe('the principal cache while Redis is away', () => {
  let port: number;
  let redis: ChildProcess;
  let a: TestApp;
  let b: TestApp;
  let users: TestUser[];

  const me = (app: TestApp, token: string) => app.request({ url: '/api/auth/me', token });
  const listening = (app: TestApp, wanted: boolean) =>
    eventually(
      async () => app.app.get(PrincipalCache).active,
      (active) => active === wanted,
      20_000,
    );

  beforeAll(async () => {
    port = await freePort();
    redis = await startRedis(port);
    const base = testConfig({ auth: { principalCacheMs: 60_000 } });
    const config = { ...base, redis: { ...base.redis, url: `redis://127.0.0.1:${port}` } };
    a = await TestApp.start({ config });
    b = await TestApp.start({ config });
    await listening(a, true);
    await listening(b, true);
    // Signing in needs Redis (the login limits), so everyone signs in before it goes.
    users = [await a.newUser(['innovation_lead']), await a.newUser(['innovation_lead'])];
  }, 60_000);
  afterAll(async () => {
    await a.close();
    await b.close();
    await stopRedis(redis);
  }, 30_000);

  it('B empties and bypasses its cache when Redis goes, and uses it again once resubscribed', async () => {
    const [first, second] = users as [TestUser, TestUser];
    await expect(me(b, first.token)).resolves.toMatchObject({ status: 200 });
    expect(b.app.get(PrincipalCache).size).toBeGreaterThan(0);

    await stopRedis(redis);
    await expect(listening(b, false)).resolves.toBe(false);
    expect(b.app.get(PrincipalCache).size).toBe(0);
    // No broadcast can reach B now; a revocation is still seen at once, because B asks PostgreSQL.
    await b.dataSource.query(`UPDATE sessions SET revoked_at = now() WHERE user_id = $1`, [first.id]);
    await expect(me(b, first.token)).resolves.toMatchObject({ status: 401 });
    await expect(me(b, second.token)).resolves.toMatchObject({ status: 200 });
    expect(b.app.get(PrincipalCache).size).toBe(0);

    redis = await startRedis(port);
    await expect(listening(b, true)).resolves.toBe(true);
    await listening(a, true);
    await expect(me(b, second.token)).resolves.toMatchObject({ status: 200 });
    expect(b.app.get(PrincipalCache).size).toBeGreaterThan(0);
    await expect(a.request({ method: 'POST', url: '/api/auth/logout', token: second.token })).resolves.toMatchObject({
      status: 204,
    });
    await expect(me(b, second.token)).resolves.toMatchObject({ status: 401 });
  }, 60_000);
});
