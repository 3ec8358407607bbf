import { INSIGHTS_QUEUE, InsightsRefresh } from '@ambidex/insights';
import { QueueProducer } from '@ambidex/platform';
import { eventually, newInitiative, newPortfolio, obliterateQueues } from '@ambidex/testing';
import { randomUUID } from 'node:crypto';
import { createInitiative, ensureDefaultModel, initiativeBody } from '../portfolio/support';
import { TestApp, TestUser } from '../support/test-app';

/**
 * The read model follows the history through the outbox and BullMQ, with a live worker: an event that names its
 * initiative is applied to that initiative's share (no refresh of the portfolio); one that names only its portfolio
 * (learning roll-ups) costs one refresh. Isolated database, so the safety refresh only ever sees this suite's portfolios.
 */
describe('insights refresh jobs and incremental applies', () => {
  let app: TestApp;
  let leadership: TestUser;
  let lead: TestUser;

  beforeAll(async () => {
    app = await TestApp.startIsolated({ worker: true });
    leadership = await app.newUser(['leadership']);
    lead = await app.newUser(['innovation_lead']);
    await ensureDefaultModel(app);
  });
  afterAll(async () => {
    await obliterateQueues(app.config);
    await app.close();
  });

  const refreshes = async (portfolioId: string): Promise<number> => {
    const [row] = (await app.dataSource.query(
      `SELECT refreshes FROM insights_portfolio_state WHERE portfolio_id = $1`,
      [portfolioId],
    )) as { refreshes: number }[];
    return row?.refreshes ?? 0;
  };
  /** Refresh jobs waiting, delayed or running (the safety scheduler always has its next run delayed: not counted). */
  const pendingJobs = async (): Promise<number> => {
    const jobs = await app.app
      .get(QueueProducer)
      .queue(INSIGHTS_QUEUE)
      .getJobs(['waiting', 'delayed', 'active', 'prioritized']);
    return jobs.filter((job) => job.name === 'refresh-portfolio').length;
  };
  const settled = async (): Promise<void> => {
    // Quiet for a while: no insights job waiting, delayed or running across several polls.
    let quiet = 0;
    await eventually(
      async () => ((await pendingJobs()) === 0 ? ++quiet : (quiet = 0)),
      (n) => n >= 8,
      20_000,
    );
  };

  it('a use case over HTTP refreshes the portfolio through the outbox', async () => {
    const portfolioId = await newPortfolio(app.dataSource, leadership.id);
    await app.app.get(InsightsRefresh).refresh(portfolioId);
    const created = await createInitiative(app, lead, initiativeBody(portfolioId));
    const row = await eventually(
      async () =>
        (await app.dataSource.query(`SELECT stage, status FROM insights_initiatives WHERE initiative_id = $1`, [
          created.id,
        ])) as unknown[],
      (rows) => rows.length === 1,
      15_000,
    );
    expect(row).toEqual([{ stage: 'explore', status: 'active' }]);
    const overview = await app.request({
      url: `/api/insights/portfolios/${portfolioId}/overview`,
      token: leadership.token,
    });
    expect(overview.json<{ funnel: { current: number }[] }>().funnel[0]?.current).toBe(1);
  });

  it('an edit of the estimates and a recorded learning reach the read model without a stage change', async () => {
    const portfolioId = await newPortfolio(app.dataSource, leadership.id);
    const created = await createInitiative(
      app,
      lead,
      initiativeBody(portfolioId, {
        npv: 1_000_000,
        probabilityCommercial: 0.5,
        probabilityTechnical: 0.8,
        commercializationCost: 100_000,
        remainingDevelopmentCost: 50_000,
      }),
    );
    await settled(); // the refresh the creation asked for has run: what follows is seen only through new events
    await app.app.get(InsightsRefresh).refresh(portfolioId);
    const row = async (): Promise<{ ecv: string | null; cost_per_learning: string | null } | undefined> =>
      (
        (await app.dataSource.query(
          `SELECT ecv, cost_per_learning FROM insights_initiatives WHERE initiative_id = $1`,
          [created.id],
        )) as {
          ecv: string | null;
          cost_per_learning: string | null;
        }[]
      )[0];
    expect(await row()).toMatchObject({ ecv: '270000.00', cost_per_learning: null });

    const edited = await app.request({
      method: 'PATCH',
      url: `/api/initiatives/${created.id}`,
      token: lead.token,
      body: { version: 1, npv: 2_000_000 },
    });
    expect(edited.status).toBe(200);
    expect(await eventually(row, (r) => r?.ecv === '670000.00', 15_000)).toMatchObject({ ecv: '670000.00' });

    // A completed experiment costs 900; the learning it led to makes the cost per learning 900.
    const post = (url: string, body: unknown) => app.request({ method: 'POST', url, token: lead.token, body });
    const assumption = (
      await post(`/api/initiatives/${created.id}/assumptions`, {
        statement: 'Clinics want it',
        riskKind: 'desirability',
        importance: 4,
      })
    ).json<{ id: string }>();
    const experiment = (
      await post(`/api/initiatives/${created.id}/experiments`, {
        assumptionIds: [assumption.id],
        hypothesis: 'Clinics sign up',
        method: 'pilot',
        metric: 'sign-ups',
        comparison: '>=',
        threshold: 3,
        minimumSample: 5,
      })
    ).json<{ id: string }>();
    expect(
      (await post(`/api/experiments/${experiment.id}/result`, { value: 4, sampleSize: 10, cost: 900 })).status,
    ).toBe(201);
    expect(
      (
        await post(`/api/initiatives/${created.id}/learnings`, {
          observed: 'Four clinics signed',
          belief: 'Clinics want it',
          decision: 'persevere',
          confidence: 'high',
        })
      ).status,
    ).toBe(201);
    expect(await eventually(row, (r) => r?.cost_per_learning === '900.00', 15_000)).toMatchObject({
      cost_per_learning: '900.00',
    });
  }, 60_000);

  it('50 stage-changed events in a burst are applied in a few batched applies, without a refresh', async () => {
    const portfolioId = await newPortfolio(app.dataSource, leadership.id);
    const initiativeIds: string[] = [];
    for (let i = 0; i < 5; i++)
      initiativeIds.push(await newInitiative(app.dataSource, { ownerId: lead.id, portfolioId }));
    await app.app.get(InsightsRefresh).refresh(portfolioId);
    await settled();
    const before = await refreshes(portfolioId);
    expect(before).toBeGreaterThanOrEqual(1);

    // History the read model has not seen yet, then the burst of events that announce it (ten per initiative: an
    // apply job takes every initiative pending by then; a duplicate finds its initiative already pending or applied).
    const killed = initiativeIds[0] as string;
    await app.dataSource.query(
      `INSERT INTO stage_events (initiative_id, seq, kind, from_stage, from_status, to_stage, to_status, gate, decision, actor_label)
       VALUES ($1, 2, 'decision', 'explore', 'active', 'explore', 'killed', 'G1', 'kill', 'test')`,
      [killed],
    );
    await app.dataSource.query(`UPDATE initiatives SET status = 'killed' WHERE id = $1`, [killed]);
    const eventIds = Array.from({ length: 50 }, () => randomUUID());
    await app.dataSource.query(
      `INSERT INTO outbox_events (id, event_type, aggregate_type, aggregate_id, payload, occurred_at)
       SELECT id, 'portfolio.stage-changed', 'initiative', (($2::uuid[])[1 + (n % 5)])::text, jsonb_build_object('initiativeId', ($2::uuid[])[1 + (n % 5)], 'portfolioId', $3::text), now()
         FROM unnest($1::uuid[]) WITH ORDINALITY AS e(id, n)`,
      [eventIds, initiativeIds, portfolioId],
    );

    const processed = await eventually(
      async () =>
        (
          (await app.dataSource.query(
            `SELECT count(*)::int AS n FROM outbox_events WHERE id = ANY($1) AND processed_at IS NOT NULL`,
            [eventIds],
          )) as { n: number }[]
        )[0]?.n ?? 0,
      (n) => n === 50,
      20_000,
    );
    expect(processed).toBe(50);
    await settled();

    expect(await refreshes(portfolioId)).toBe(before);
    const [state] = (await app.dataSource.query(
      `SELECT applies FROM insights_portfolio_state WHERE portfolio_id = $1`,
      [portfolioId],
    )) as { applies: number }[];
    expect(state?.applies).toBeGreaterThanOrEqual(1);
    expect(state?.applies).toBeLessThan(50);
    // The applies saw the new history.
    const [funnel] = (
      await app.request({ url: `/api/insights/portfolios/${portfolioId}/overview`, token: leadership.token })
    ).json<{
      funnel: { stage: string; current: number; outflow: number }[];
    }>().funnel;
    expect(funnel).toMatchObject({ stage: 'explore', current: 4, outflow: 1 });
  }, 60_000);
});
