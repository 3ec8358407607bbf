import { obliterateQueues } from '@ambidex/testing';
import { DEMO_PASSWORD, seedDemoData } from '../../apps/shared/src/demo-seed';
import { ensureDefaultModel } from '../portfolio/support';
import { TestApp } from '../support/test-app';

/** What a newcomer sees after `npm start` on an empty database: the demo portfolio, its tests and learnings. */
describe('demo data', () => {
  let app: TestApp;
  const progress: string[] = [];

  beforeAll(async () => {
    app = await TestApp.startIsolated();
    await ensureDefaultModel(app);
    await expect(seedDemoData(app.app, (line) => progress.push(line))).resolves.toBe(true);
  }, 60_000);
  afterAll(async () => {
    await obliterateQueues(app.config);
    await app.close();
  });

  it('seeds once, with visible progress', async () => {
    expect(progress).toContain('  seeding demo initiatives 10/10: Waiting-room digital signage');
    await expect(seedDemoData(app.app, () => undefined)).resolves.toBe(false);
    expect(await app.count('initiatives')).toBe(10);
  });

  it('the demo lead sees tested assumptions and learnings, a killed idea keeping its learning', async () => {
    const rows = (await app.dataSource.query(
      `SELECT i.title, i.status, r.validated, r.invalidated, r.learnings, r.cost_per_learning
         FROM initiatives i JOIN initiative_learning_rollups r ON r.initiative_id = i.id ORDER BY i.title`,
    )) as { title: string; status: string; validated: number; invalidated: number; learnings: number; cost_per_learning: string }[];
    expect(rows).toEqual([
      { title: 'Automated appointment reminders', status: 'active', validated: 1, invalidated: 0, learnings: 1, cost_per_learning: '1200.00' },
      { title: 'Home blood sampling service', status: 'killed', validated: 0, invalidated: 1, learnings: 1, cost_per_learning: '2500.00' },
      { title: 'Self check-in kiosk', status: 'active', validated: 2, invalidated: 0, learnings: 2, cost_per_learning: '4750.00' },
    ]);
  });

  it('leadership signs in with the demo password and the dashboard shows the learning figures', async () => {
    const token = await app.login('leadership@ambidex.local', DEMO_PASSWORD);
    const [portfolio] = (await app.request({ url: '/api/insights/portfolios', token })).json<{ id: string }[]>();
    const overview = (await app.request({ url: `/api/insights/portfolios/${portfolio?.id}/overview`, token })).json<{
      learning: { velocity: number | null; costPerLearning: number | null };
      gates: { gate: string; decisions: number }[];
    }>();
    expect(overview.learning.costPerLearning).toBeCloseTo((4750 + 1200 + 2500) / 3, 2);
    expect(overview.learning.velocity).toBeGreaterThan(0);
    expect(overview.gates.find((g) => g.gate === 'G1')?.decisions).toBe(8);
  });
});
