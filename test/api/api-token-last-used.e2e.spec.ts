import { testConfig } from '@ambidex/testing';
import { TestApp, TestUser } from '../support/test-app';

interface Use {
  lastUsedAt: Date | null;
  /** The row version's transaction id: any UPDATE that changes the row, even to the same value, changes it. */
  xmin: string;
}

/** A personal API token's last_used_at is written at most once a minute, however many requests use it. */
describe('API token last_used_at: one write a minute, not one a request', () => {
  const config = testConfig();
  let a: TestApp;
  let b: TestApp;
  let user: TestUser;
  let tokenId: string;
  let token: string;

  const use = async (): Promise<Use> => {
    const [row] = (await a.dataSource.query(`SELECT last_used_at, xmin::text AS xmin FROM api_tokens WHERE id = $1`, [
      tokenId,
    ])) as { last_used_at: Date | null; xmin: string }[];
    if (row === undefined) throw new Error('the token row is gone');
    return { lastUsedAt: row.last_used_at, xmin: row.xmin };
  };
  const burst = async (app: TestApp, requests: number): Promise<void> => {
    const answers = await Promise.all(
      Array.from({ length: requests }, () => app.request({ url: '/api/auth/me', token })),
    );
    expect(answers.map((r) => r.status)).toEqual(answers.map(() => 200));
  };

  beforeAll(async () => {
    a = await TestApp.start({ config });
    b = await TestApp.start({ config });
    user = await a.newUser(['innovation_lead']);
    const created = await a.request({
      method: 'POST',
      url: '/api/me/api-tokens',
      token: user.token,
      body: { name: 'ci' },
    });
    ({ id: tokenId, token } = created.json<{ id: string; token: string }>());
  });
  afterAll(async () => {
    await a.close();
    await b.close();
  });

  it('the first use writes it; a burst right after, on the same replica, writes nothing', async () => {
    expect((await use()).lastUsedAt).toBeNull();
    await burst(a, 1);
    const first = await use();
    expect(first.lastUsedAt).not.toBeNull();
    await burst(a, 25);
    expect(await use()).toEqual(first);
  });

  it('a value older than a minute is written once by a replica that uses the token, then left alone', async () => {
    await a.dataSource.query(`UPDATE api_tokens SET last_used_at = now() - interval '2 minutes' WHERE id = $1`, [
      tokenId,
    ]);
    const aged = await use();
    // B has never seen the token: its first requests read the old value and one of them writes the new one.
    await burst(b, 25);
    const written = await use();
    expect(written.lastUsedAt?.getTime()).toBeGreaterThan(aged.lastUsedAt?.getTime() ?? 0);
    expect(written.xmin).not.toBe(aged.xmin);
    await burst(b, 25);
    await burst(a, 25);
    expect(await use()).toEqual(written);
  });
});
