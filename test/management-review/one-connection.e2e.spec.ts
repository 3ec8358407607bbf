import { newInitiative, testConfig } from '@ambidex/testing';
import { TestApp } from '../support/test-app';
import { ReviewDriver, section } from './support';

/**
 * The embedded database (npm start without DATABASE_URL) serves one connection, so the app's pool holds one: code that
 * waits for a second connection while holding the first hangs the whole product. The pack job reads the dashboards,
 * which take snapshots of their own; on a pool of one it must still finish, and the API still answer.
 */
describe('management-review pack on a pool of one connection, as on the embedded database', () => {
  let app: TestApp;

  beforeAll(async () => {
    const base = testConfig();
    app = await TestApp.startIsolated({
      worker: true,
      config: { ...base, database: { ...base.database, poolSize: 1 } },
    });
  }, 60_000);

  afterAll(async () => {
    await app?.close();
  });

  it('assembles the pack with the portfolio figures, and the API answers meanwhile', async () => {
    const leader = await app.newUser(['leadership'], 'one-connection-leader');
    await newInitiative(app.dataSource, { ownerId: leader.id });
    const mr = new ReviewDriver(app);
    const scheduled = await mr.schedule(leader);
    const review = await mr.packed(leader, scheduled.id);
    const portfolios = (section(review, 'portfolio-performance').figures as { portfolios: unknown[] }).portfolios;
    expect(portfolios).toHaveLength(1);
    expect(section(review, 'handover-results').figures).toMatchObject({ portfolios: [expect.any(Object)] });
  }, 60_000);
});
