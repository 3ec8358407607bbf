import { addDays, DayPeriod, funnelOf, gatesOf, InsightsOverview, InsightsRefresh, utcDay } from '@ambidex/insights';
import { ensureDefaultProcessModel, newPortfolio } from '@ambidex/testing';
import { QueryRunner } from 'typeorm';
import { TestApp, TestUser } from '../support/test-app';
import { DirectFilters, directDecided, directOverview, DirectSelection, directSelected } from './direct-computation';
import { generateHistories, insertOwners } from './generate-history';
import { cycleTimesOf, HistoryEvent, Mark, measuresOf, operationsOf, passagesOf, seriesOf } from './metrics-oracle';

/**
 * On a generated data set (an isolated database: a few hundred initiatives with legal, realistic histories over three
 * years), every figure the API serves from the read model equals the same figure computed straight from the
 * history with independently written SQL (./direct-computation.ts), with and without filters; funnel, gate rates
 * and cycle times also equal the definitions written over the history in memory (./metrics-oracle.ts).
 */
describe('insights read model = direct computation from the events', () => {
  let app: TestApp;
  let runner: QueryRunner;
  let leadership: TestUser;
  let big: string;
  let small: string;
  let owners: string[];
  const now = new Date();
  const today = utcDay(now);

  beforeAll(async () => {
    app = await TestApp.startIsolated();
    leadership = await app.newUser(['leadership']);
    const ds = app.dataSource;
    owners = await insertOwners(ds, 'owner', 6);
    big = await newPortfolio(ds, leadership.id, 'Insights big');
    small = await newPortfolio(ds, leadership.id, 'Insights small');
    const processModelId = await ensureDefaultProcessModel(ds);
    runner = ds.createQueryRunner();
    await runner.connect();
    await runner.query(`SELECT setseed(0.42)`);
    const generated = await generateHistories(runner, {
      tag: 'rm',
      fromIx: 1,
      toIx: 450,
      portfolioIds: [big, small],
      portfolioWeights: [4, 1],
      ownerIds: owners,
      processModelId,
      start: new Date(now.getTime() - 3 * 365 * 86_400_000),
      end: new Date(now.getTime() - 20 * 86_400_000),
      now,
    });
    expect(generated.initiatives).toBe(450);
    expect(generated.events).toBeGreaterThan(1500);
    // About one in five initiatives raised by operations (the generator knows no origins), seeded so runs repeat.
    await runner.query(
      `UPDATE initiatives SET origin_type = CASE WHEN random() < 0.5 THEN 'nonconformity' ELSE 'customer_complaint' END,
              origin_id = gen_random_uuid(), origin_label = 'NC-' || upper(left(id::text, 4))
        WHERE portfolio_id = ANY($1::uuid[]) AND random() < 0.2`,
      [[big, small]],
    );
    for (const portfolioId of [big, small]) await app.app.get(InsightsRefresh).refresh(portfolioId);
  }, 120_000);

  afterAll(async () => {
    await runner?.release();
    await app?.close();
  });

  const overview = async (portfolioId: string, query: string): Promise<InsightsOverview> => {
    const response = await app.request({
      url: `/api/insights/portfolios/${portfolioId}/overview${query}`,
      token: leadership.token,
    });
    expect(response.status).toBe(200);
    return response.json<InsightsOverview>();
  };

  /** Filter sets: the query string, and the same filters as the direct computation must see them. */
  const cases = (): [string, string, DirectFilters][] => {
    const yearAgo = addDays(today, -365);
    const monthAgo = addDays(today, -30);
    return [
      ['no filter', '', { fromDay: null, toDay: null }],
      [
        'a period given as dates (to inclusive)',
        `?from=${yearAgo}&to=${monthAgo}`,
        { fromDay: yearAgo, toDay: addDays(monthAgo, 1) },
      ],
      [
        'a period given as date-times',
        `?from=${yearAgo}T13:45:00Z&to=${monthAgo}T00:00:00Z`,
        { fromDay: yearAgo, toDay: monthAgo },
      ],
      ['only a start', `?from=${addDays(today, -500)}`, { fromDay: addDays(today, -500), toDay: null }],
      ['only an end', `?to=${addDays(today, -200)}`, { fromDay: null, toDay: addDays(today, -199) }],
      ['ambition', '?ambition=core', { fromDay: null, toDay: null, ambition: 'core' }],
      [
        'horizon and a period',
        `?horizon=H2&from=${addDays(today, -700)}&to=${addDays(today, -60)}`,
        { fromDay: addDays(today, -700), toDay: addDays(today, -59), horizon: 'H2' },
      ],
      [
        'ambition and horizon',
        '?ambition=adjacent&horizon=H1',
        { fromDay: null, toDay: null, ambition: 'adjacent', horizon: 'H1' },
      ],
      ['empty parameters mean no filter', '?ambition=&horizon=&ownerId=&from=&to=', { fromDay: null, toDay: null }],
    ];
  };

  it.each([0, 1, 2, 3, 4, 5, 6, 7, 8])(
    'big portfolio, filter set %i: every figure equals the direct computation',
    async (k) => {
      const [, query, filters] = cases()[k] as [string, string, DirectFilters];
      const served = await overview(big, query);
      const direct = await directOverview(app.dataSource, big, filters);
      const { portfolio, refreshedAt, ...figures } = served;
      expect(portfolio.id).toBe(big);
      expect(Date.parse(refreshedAt)).toBeLessThanOrEqual(Date.now());
      expect(figures).toEqual(direct);
    },
  );

  it('owner filters (alone, with ambition, with a period) equal the direct computation', async () => {
    for (const owner of owners.slice(0, 3)) {
      const from = addDays(today, -600);
      const to = addDays(today, -10);
      for (const [query, filters] of [
        [`?ownerId=${owner}`, { fromDay: null, toDay: null, ownerId: owner }],
        [`?ownerId=${owner}&ambition=core`, { fromDay: null, toDay: null, ownerId: owner, ambition: 'core' }],
        [
          `?ownerId=${owner}&from=${from}&to=${to}&horizon=H1`,
          { fromDay: from, toDay: addDays(to, 1), ownerId: owner, horizon: 'H1' },
        ],
      ] as [string, DirectFilters][]) {
        const { portfolio: _p, refreshedAt: _r, ...figures } = await overview(big, query);
        expect({ query, figures }).toEqual({ query, figures: await directOverview(app.dataSource, big, filters) });
      }
    }
  });

  it('the generated data exercises every metric (no figure is trivially empty)', async () => {
    const o = await overview(big, '');
    expect(o.funnel.every((r) => r.inflow > 0)).toBe(true);
    expect(o.funnel.slice(0, 4).every((r) => r.outflow > 0)).toBe(true);
    expect(o.gates.every((g) => g.decisions > 0 && g.go > 0 && g.kill > 0 && g.recycle > 0 && g.hold > 0)).toBe(true);
    expect(o.cycleTimes.every((c) => c.samples > 0 && c.medianDays !== null && c.p85Days !== null)).toBe(true);
    expect(o.ecvRanking).toHaveLength(20);
    expect(o.bubbles.length).toBeGreaterThan(20);
    expect(o.zombies.length).toBeGreaterThan(0);
    expect(o.learning.velocity).not.toBeNull();
    expect(o.learning.costPerLearning).not.toBeNull();
    expect(o.handover.decided).toBeGreaterThan(0);
    expect(o.handover.medianTimeToControlledHours).not.toBeNull();
    expect(Number.isInteger(o.handover.medianTimeToControlledSeconds)).toBe(true);
    expect(
      Math.abs((o.handover.medianTimeToControlledSeconds ?? 0) / 3600 - (o.handover.medianTimeToControlledHours ?? 0)),
    ).toBeLessThan(0.01);
    expect(o.balance.ambition.reduce((s, b) => s + b.count, 0)).toBe(
      o.funnel.slice(0, 4).reduce((s, r) => s + r.current, 0),
    );
    expect(o.operations.fromOperations).toBeGreaterThan(0);
    expect(o.operations.fromOperations).toBeLessThan(o.operations.newInitiatives);
    expect(o.operations.decided).toBeGreaterThan(0);
    expect(o.operations.medianDaysToFirstDecision).not.toBeNull();
    expect(o.portfolio).toMatchObject({
      name: 'Insights big',
      ambitionTargets: { core: 70, adjacent: 20, transformational: 10 },
    });
  });

  it('funnel, gates and cycle times equal the pure definitions applied to the events in memory', async () => {
    const rows = (await app.dataSource.query(
      `SELECT e.initiative_id, e.seq, e.kind, e.from_stage, e.from_status, e.to_stage, e.to_status, e.gate, e.decision, e.occurred_at,
              i.ambition, i.horizon
         FROM stage_events e JOIN initiatives i ON i.id = e.initiative_id WHERE i.portfolio_id = $1 ORDER BY e.initiative_id, e.seq`,
      [big],
    )) as (Record<string, string | number | null> & { occurred_at: Date })[];
    const events = rows.map((r) => ({
      event: {
        initiativeId: String(r.initiative_id),
        seq: Number(r.seq),
        kind: String(r.kind),
        fromStage: r.from_stage as string | null,
        fromStatus: r.from_status as string | null,
        toStage: String(r.to_stage),
        toStatus: String(r.to_status),
        gate: r.gate as string | null,
        decision: r.decision as string | null,
        occurredAt: r.occurred_at,
      } satisfies HistoryEvent,
      ambition: String(r.ambition),
      horizon: String(r.horizon),
    }));
    const marks: Mark[] = events.flatMap(({ event, ambition, horizon }) =>
      measuresOf(event).map((measure) => ({ ambition, horizon, measure, day: utcDay(event.occurredAt) })),
    );
    const histories = new Map<string, HistoryEvent[]>();
    for (const { event } of events)
      histories.set(event.initiativeId, [...(histories.get(event.initiativeId) ?? []), event]);
    const passages = [...histories.values()].flatMap(passagesOf);
    const origins = (
      (await app.dataSource.query(
        `SELECT id, created_at, origin_type IS NOT NULL AS from_operations FROM initiatives WHERE portfolio_id = $1`,
        [big],
      )) as { id: string; created_at: Date; from_operations: boolean }[]
    ).map((i) => ({ createdAt: i.created_at, fromOperations: i.from_operations, history: histories.get(i.id) ?? [] }));
    for (const [query, period] of [
      ['', { fromDay: null, toDay: null }],
      [
        `?from=${addDays(today, -365)}&to=${addDays(today, -30)}`,
        { fromDay: addDays(today, -365), toDay: addDays(today, -29) },
      ],
    ] as [string, DayPeriod][]) {
      const served = await overview(big, query);
      const series = seriesOf(marks, period);
      expect(served.funnel).toEqual(funnelOf(series));
      expect(served.gates).toEqual(gatesOf(series));
      expect(served.cycleTimes).toEqual(cycleTimesOf(passages, period));
      expect(served.operations).toEqual(operationsOf(origins, period));
    }
  });

  it('the small portfolio reconciles too, and portfolios do not leak into each other', async () => {
    const { portfolio: _p, refreshedAt: _r, ...figures } = await overview(small, '');
    expect(figures).toEqual(await directOverview(app.dataSource, small, { fromDay: null, toDay: null }));
    const [counts] = (await app.dataSource.query(
      `SELECT count(*) FILTER (WHERE portfolio_id = $1)::int AS big, count(*) FILTER (WHERE portfolio_id = $2)::int AS small FROM initiatives`,
      [big, small],
    )) as { big: number; small: number }[];
    const total = (o: { funnel: { current: number }[] }, all: number) =>
      expect(o.funnel.reduce((s, r) => s + r.current, 0)).toBeLessThanOrEqual(all);
    total(figures, counts?.small ?? 0);
  });

  it('the click-through lists exactly the initiatives behind a gate decision, in a period or not', async () => {
    for (const [gate, decision] of [
      ['G1', 'kill'],
      ['G2', 'recycle'],
      ['G3', 'go'],
    ]) {
      for (const [query, filters] of [
        ['', { fromDay: null, toDay: null }],
        [
          `&from=${addDays(today, -400)}&to=${addDays(today, -100)}`,
          { fromDay: addDays(today, -400), toDay: addDays(today, -99) },
        ],
        ['&ambition=core', { fromDay: null, toDay: null, ambition: 'core' }],
      ] as [string, DirectFilters][]) {
        const response = await app.request({
          url: `/api/insights/portfolios/${big}/initiatives?gate=${gate}&decision=${decision}&limit=1000${query}`,
          token: leadership.token,
        });
        expect(response.status).toBe(200);
        const ids = response
          .json<{ id: string }[]>()
          .map((r) => r.id)
          .sort();
        expect({ gate, decision, query, ids }).toEqual({
          gate,
          decision,
          query,
          ids: await directDecided(app.dataSource, big, gate as string, decision as string, filters),
        });
      }
    }
  });

  it('the click-through by movement, passage and handover verdict lists exactly the initiatives behind the figure', async () => {
    const selections: [string, DirectSelection][] = [
      ['entered=explore', { entered: 'explore' }],
      ['entered=develop', { entered: 'develop' }],
      ['entered=in_operation', { entered: 'in_operation' }],
      ['left=experiment', { left: 'experiment' }],
      ['left=handover', { left: 'handover' }],
      ['passed=develop', { passed: 'develop' }],
      ['passed=handover', { passed: 'handover' }],
      ['handover=decided', { handover: 'decided' }],
      ['handover=accepted', { handover: 'accepted' }],
    ];
    for (const [selection, direct] of selections) {
      for (const [query, filters] of [
        ['', { fromDay: null, toDay: null }],
        [
          `&from=${addDays(today, -400)}&to=${addDays(today, -100)}`,
          { fromDay: addDays(today, -400), toDay: addDays(today, -99) },
        ],
        ['&horizon=H2', { fromDay: null, toDay: null, horizon: 'H2' }],
      ] as [string, DirectFilters][]) {
        const response = await app.request({
          url: `/api/insights/portfolios/${big}/initiatives?${selection}&limit=1000${query}`,
          token: leadership.token,
        });
        expect(response.status).toBe(200);
        const ids = response
          .json<{ id: string }[]>()
          .map((r) => r.id)
          .sort();
        const expected = await directSelected(app.dataSource, big, direct, filters);
        expect({ selection, query, ids }).toEqual({ selection, query, ids: expected });
        if (query === '') expect(expected.length).toBeGreaterThan(0);
      }
    }
  });

  it('the click-through by stage and status is the current state, highest ECV first', async () => {
    const response = await app.request({
      url: `/api/insights/portfolios/${big}/initiatives?stage=develop&status=active&limit=1000`,
      token: leadership.token,
    });
    expect(response.status).toBe(200);
    const served = response.json<{ id: string; stage: string; status: string; ecv: number | null }[]>();
    const expected = (await app.dataSource.query(
      `SELECT id FROM initiatives WHERE portfolio_id = $1 AND stage = 'develop' AND status = 'active'`,
      [big],
    )) as { id: string }[];
    expect(served.map((r) => r.id).sort()).toEqual(expected.map((r) => r.id).sort());
    const ecvs = served.map((r) => r.ecv ?? -Infinity);
    expect(ecvs).toEqual([...ecvs].sort((a, b) => b - a));
  });

  it('the funnel CSV holds the overview funnel, with a header row', async () => {
    const query = `from=${addDays(today, -365)}&to=${today}`;
    const csv = await app.request({
      url: `/api/insights/portfolios/${big}/export/funnel.csv?${query}`,
      token: leadership.token,
    });
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toBe('attachment; filename="insights-big-funnel.csv"');
    const o = await overview(big, `?${query}`);
    expect(csv.body).toBe(
      [
        'stage,current,inflow,outflow',
        ...o.funnel.map((r) => `${r.stage},${r.current},${r.inflow},${r.outflow}`),
        '',
      ].join('\r\n'),
    );
  });

  it('after new history, a refresh brings the read model back in line with the events', async () => {
    const [victim] = (await app.dataSource.query(
      `SELECT id, stage FROM initiatives WHERE portfolio_id = $1 AND status = 'active' AND stage = 'explore' ORDER BY id LIMIT 1`,
      [big],
    )) as { id: string; stage: string }[];
    if (victim === undefined) throw new Error('no active initiative in explore');
    await app.dataSource.query(
      `INSERT INTO stage_events (initiative_id, seq, kind, from_stage, from_status, to_stage, to_status, gate, decision, actor_label, occurred_at)
       SELECT $1, max(seq) + 1, 'decision', 'explore', 'active', 'explore', 'killed', 'G1', 'kill', 'test', now() FROM stage_events WHERE initiative_id = $1`,
      [victim.id],
    );
    await app.dataSource.query(`UPDATE initiatives SET status = 'killed' WHERE id = $1`, [victim.id]);
    const before = await overview(big, '');
    await app.app.get(InsightsRefresh).refresh(big);
    const after = await overview(big, '');
    expect(after.funnel[0]?.current).toBe((before.funnel[0]?.current ?? 0) - 1);
    expect(after.gates[0]?.kill).toBe((before.gates[0]?.kill ?? 0) + 1);
    const { portfolio: _p, refreshedAt: _r, ...figures } = after;
    expect(figures).toEqual(await directOverview(app.dataSource, big, { fromDay: null, toDay: null }));
  });
});
