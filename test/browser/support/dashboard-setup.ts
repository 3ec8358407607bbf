import { InsightsOverview, InsightsRefreshScheduler } from '@ambidex/insights';
import { eventually } from '@ambidex/testing';
import { TestApp, TestUser } from '../../support/test-app';
import { ecvOf, SEED, Seeded, seedPortfolio } from './seed';

export const STAGE_LABELS = ['Explore', 'Experiment', 'Develop', 'Handover', 'In operation'];
export const money = (title: string): number | null => ecvOf(SEED.find((s) => s.title === title)?.money ?? null);
export const day = (daysAgo: number): string => new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);
/** The lazily loaded code of the dashboard: only leadership and admins download it. */
export const DASHBOARD_CODE = /^\/assets\/(DashboardPage|PrintPage|dashboard)-/;

export interface DashboardCast {
  leader: TestUser;
  gatekeeper: TestUser;
  alice: TestUser;
  seeded: Seeded;
}

/** When the portfolio's read model was last refreshed, or null before its first refresh. */
export async function refreshedAt(app: TestApp, portfolioId: string): Promise<string | null> {
  const [row] = (await app.dataSource.query(
    `SELECT refreshed_at FROM insights_portfolio_state WHERE portfolio_id = $1`,
    [portfolioId],
  )) as { refreshed_at: Date }[];
  return row === undefined ? null : row.refreshed_at.toISOString();
}

/** The seeded 'Energy transition' portfolio and its people, with the read model refreshed as production does it. */
export async function seedDashboard(app: TestApp): Promise<DashboardCast> {
  const leader = await app.newUser(['leadership'], 'leader');
  const gatekeeper = await app.newUser(['gatekeeper'], 'gatekeeper');
  const alice = await app.newUser(['innovation_lead'], 'alice');
  const bob = await app.newUser(['innovation_lead'], 'bob');
  const seeded = await seedPortfolio(
    app.dataSource,
    { leader: leader.id, alice: alice.id, bob: bob.id },
    'Energy transition',
  );
  // A deduplicated BullMQ job run by the worker.
  await app.app.get(InsightsRefreshScheduler, { strict: false }).request(seeded.portfolioId);
  const refreshed = await eventually(
    () => refreshedAt(app, seeded.portfolioId),
    (at) => at !== null,
    20_000,
  );
  if (refreshed === null) throw new Error('the read model was not refreshed');
  return { leader, gatekeeper, alice, seeded };
}

/** The API's overview of the portfolio for this user and query, which the charts must match. */
export async function overviewOf(
  app: TestApp,
  user: TestUser,
  portfolioId: string,
  query: string,
): Promise<InsightsOverview> {
  const response = await app.request({
    url: `/api/insights/portfolios/${portfolioId}/overview?${query}`,
    token: user.token,
  });
  expect(response.status).toBe(200);
  return response.json<InsightsOverview>();
}
