import { addDays, InsightsApply, InsightsOverview, InsightsRefresh, utcDay } from '@ambidex/insights';
import { Metrics } from '@ambidex/platform';
import { ensureDefaultProcessModel, newPortfolio } from '@ambidex/testing';
import { QueryRunner } from 'typeorm';
import { TestApp, TestUser } from '../support/test-app';
import { DirectFilters, directDecided, directOverview } from './direct-computation';
import { generateHistories, insertOwners } from './generate-history';

/**
 * The incremental read model (InsightsApply) equals the direct computation from the history, however the events
 * arrive: initiatives added with histories reaching years back, new history on existing ones, edits of ambition and
 * learning roll-ups, applied out of order, before all of their history was written, and twice. The safety check
 * (a full refresh with checkDrift) finds no drift on that read model, and finds and repairs a deliberate corruption.
 */
describe('insights incremental apply = direct computation, in any order', () => {
  let app: TestApp;
  let runner: QueryRunner;
  let leadership: TestUser;
  let portfolio: string;
  let other: string;
  let owners: string[];
  let processModelId: string;
  const now = new Date();
  const today = utcDay(now);

  const apply = (ids: string[]) => app.app.get(InsightsApply).apply(portfolio, ids);
  const ids = async (where: string, params: unknown[] = []): Promise<string[]> =>
    (
      (await app.dataSource.query(`SELECT id FROM initiatives WHERE ${where} ORDER BY id`, params)) as { id: string }[]
    ).map((r) => r.id);

  beforeAll(async () => {
    app = await TestApp.startIsolated();
    leadership = await app.newUser(['leadership']);
    const ds = app.dataSource;
    owners = await insertOwners(ds, 'inc-owner', 4);
    portfolio = await newPortfolio(ds, leadership.id, 'Incremental');
    other = await newPortfolio(ds, leadership.id, 'Incremental other');
    processModelId = await ensureDefaultProcessModel(ds);
    runner = ds.createQueryRunner();
    await runner.connect();
    await runner.query(`SELECT setseed(0.17)`);
    await generateHistories(runner, {
      tag: 'inc',
      fromIx: 1,
      toIx: 200,
      portfolioIds: [portfolio, other],
      portfolioWeights: [3, 1],
      ownerIds: owners,
      processModelId,
      start: new Date(now.getTime() - 3 * 365 * 86_400_000),
      end: new Date(now.getTime() - 20 * 86_400_000),
      now,
    });
    await app.app.get(InsightsRefresh).refresh(portfolio);
    await app.app.get(InsightsRefresh).refresh(other);
  }, 120_000);

  afterAll(async () => {
    await runner?.release();
    await app?.close();
  });

  const overview = async (query: string): Promise<InsightsOverview> => {
    const response = await app.request({
      url: `/api/insights/portfolios/${portfolio}/overview${query}`,
      token: leadership.token,
    });
    expect(response.status).toBe(200);
    return response.json<InsightsOverview>();
  };

  const expectEqualsDirect = async (): Promise<void> => {
    const yearAgo = addDays(today, -365);
    const cases: [string, DirectFilters][] = [
      ['', { fromDay: null, toDay: null }],
      [`?from=${yearAgo}&to=${today}`, { fromDay: yearAgo, toDay: addDays(today, 1) }],
      [
        `?from=${addDays(today, -800)}&to=${addDays(today, -47)}&ambition=core`,
        { fromDay: addDays(today, -800), toDay: addDays(today, -46), ambition: 'core' },
      ],
      ['?horizon=H2', { fromDay: null, toDay: null, horizon: 'H2' }],
      [`?ownerId=${owners[0]}`, { fromDay: null, toDay: null, ownerId: owners[0] as string }],
    ];
    for (const [query, filters] of cases) {
      const { portfolio: _p, refreshedAt: _r, ...figures } = await overview(query);
      expect({ query, figures }).toEqual({ query, figures: await directOverview(app.dataSource, portfolio, filters) });
    }
    const response = await app.request({
      url: `/api/insights/portfolios/${portfolio}/initiatives?gate=G2&decision=recycle&limit=1000`,
      token: leadership.token,
    });
    expect(
      response
        .json<{ id: string }[]>()
        .map((r) => r.id)
        .sort(),
    ).toEqual(await directDecided(app.dataSource, portfolio, 'G2', 'recycle', { fromDay: null, toDay: null }));
  };

  it('events applied out of order, early and twice leave the read model equal to the direct computation', async () => {
    const before = await ids('portfolio_id = $1', [portfolio]);

    // Initiatives that arrive with histories reaching three years back (running totals and monthly histograms of
    // old days and months change), applied in reverse order, each twice.
    await generateHistories(runner, {
      tag: 'inc-late',
      fromIx: 1,
      toIx: 60,
      portfolioIds: [portfolio, other],
      portfolioWeights: [3, 1],
      ownerIds: owners,
      processModelId,
      start: new Date(now.getTime() - 3 * 365 * 86_400_000),
      end: new Date(now.getTime() - 10 * 86_400_000),
      now,
    });
    const added = (await ids('portfolio_id = $1', [portfolio])).filter((id) => !before.includes(id));
    expect(added.length).toBeGreaterThan(20);
    for (const id of [...added].reverse()) expect((await apply([id])).applied).toBe(true);
    for (const id of added) await apply([id]);

    // New history on active initiatives: the event of the kill is applied before the initiative's row is updated
    // (the history is the truth), then again after, and once more late.
    const victims = (await ids(`portfolio_id = $1 AND status = 'active' AND stage = 'explore'`, [portfolio])).slice(
      0,
      6,
    );
    expect(victims.length).toBe(6);
    for (const id of victims) {
      await app.dataSource.query(
        `INSERT INTO stage_events (initiative_id, seq, kind, from_stage, from_status, to_stage, to_status, gate, decision, actor_label, occurred_at)
         SELECT $1, max(seq) + 1, 'decision', 'explore', 'active', 'explore', 'killed', 'G1', 'kill', 'test', now() - interval '2 days'
           FROM stage_events WHERE initiative_id = $1`,
        [id],
      );
      await apply([id]);
      await app.dataSource.query(`UPDATE initiatives SET status = 'killed' WHERE id = $1`, [id]);
    }
    await apply(victims);
    await apply(victims.slice(0, 3));

    // Edits: a new ambition (the initiative's whole contribution moves to another cell), new learning figures.
    const edited = (await ids(`portfolio_id = $1 AND ambition = 'core'`, [portfolio])).slice(0, 4);
    await app.dataSource.query(`UPDATE initiatives SET ambition = 'transformational' WHERE id = ANY($1)`, [edited]);
    await app.dataSource.query(
      `UPDATE initiative_learning_rollups SET learning_velocity = learning_velocity + 1.25, cost_per_learning = 777.77
        WHERE initiative_id = ANY($1)`,
      [edited],
    );
    for (const id of edited) await apply([id]);
    await apply(edited);

    // A duplicate of every event so far changes nothing.
    const cubeRows = (
      (await app.dataSource.query(`SELECT count(*)::int AS n FROM insights_daily WHERE portfolio_id = $1`, [
        portfolio,
      ])) as { n: number }[]
    )[0]?.n;
    const again = await apply([...added, ...victims, ...edited]);
    expect(again).toMatchObject({ applied: true, cubeDeltas: 0, sampleDeltas: 0 });
    expect(
      (
        (await app.dataSource.query(`SELECT count(*)::int AS n FROM insights_daily WHERE portfolio_id = $1`, [
          portfolio,
        ])) as { n: number }[]
      )[0]?.n,
    ).toBe(cubeRows);

    await expectEqualsDirect();
    // The other portfolio's read model did not move: its own initiatives were never applied here.
    const [state] = (await app.dataSource.query(
      `SELECT applies FROM insights_portfolio_state WHERE portfolio_id = $1`,
      [other],
    )) as { applies: number }[];
    expect(state?.applies).toBe(0);
  }, 120_000);

  it('the safety check finds no drift on the incremental read model', async () => {
    const result = await app.app.get(InsightsRefresh).refresh(portfolio, { checkDrift: true });
    expect(result.drift).toEqual({ rows: 0, tables: expect.any(Object) });
    await expectEqualsDirect();
  }, 60_000);

  it('the safety check reports a corruption as drift, in the metric too, and repairs it', async () => {
    await app.dataSource.query(
      `UPDATE insights_daily SET n = n + 1, cum = cum + 1
        WHERE (portfolio_id, ambition, horizon, measure, day) IN (
          SELECT portfolio_id, ambition, horizon, measure, day FROM insights_daily WHERE portfolio_id = $1 AND measure = 'in.explore'
           ORDER BY day DESC LIMIT 1)`,
      [portfolio],
    );
    await app.dataSource.query(
      `DELETE FROM insights_samples WHERE id = (SELECT min(id) FROM insights_samples WHERE portfolio_id = $1)`,
      [portfolio],
    );
    await app.dataSource.query(
      `UPDATE insights_sample_days SET counts[1] = counts[1] + 1
        WHERE (portfolio_id, metric, ambition, horizon, day) IN (
          SELECT portfolio_id, metric, ambition, horizon, day FROM insights_sample_days WHERE portfolio_id = $1 AND ambition = '*'
           ORDER BY day DESC LIMIT 1)`,
      [portfolio],
    );
    const corrupted = await app.app.get(InsightsRefresh).refresh(portfolio, { checkDrift: true });
    expect(corrupted.drift?.rows).toBeGreaterThan(0);
    expect(corrupted.drift?.tables).toMatchObject({ insights_daily: 2, insights_samples: 1, insights_sample_days: 2 });
    const metric = await app.app
      .get(Metrics)
      .registry.getSingleMetricAsString('ambidex_insights_read_model_drift_rows');
    expect(metric).toContain(
      `ambidex_insights_read_model_drift_rows{portfolio="${portfolio}"} ${corrupted.drift?.rows}`,
    );

    const repaired = await app.app.get(InsightsRefresh).refresh(portfolio, { checkDrift: true });
    expect(repaired.drift?.rows).toBe(0);
    await expectEqualsDirect();
  }, 60_000);
});
