import { INSIGHTS_APPLY_QUEUE, INSIGHTS_QUEUE, InsightsApply, InsightsRefresh } from '@ambidex/insights';
import { LEARNING_ROLLUPS_CHANGED_EVENT } from '@ambidex/experiments';
import { GateEvents } from '@ambidex/gates';
import { HANDOVER_CONTROLLED_EVENT } from '@ambidex/handover';
import { DomainEventDelivery, Outbox, QueueProducer } from '@ambidex/platform';
import { newInitiative, newPortfolio, obliterateQueues } from '@ambidex/testing';
import { randomUUID } from 'node:crypto';
import { TestApp } from '../support/test-app';

/**
 * Every event that refreshes insights names its portfolio; one recorded before events did (still in outbox_events
 * across the upgrade) refreshes them all. No worker: the refresh jobs stay in Redis for the test to read.
 */
describe('insights events name their portfolio', () => {
  let app: TestApp;
  let first: string;
  let second: string;
  let ownerId: string;

  beforeAll(async () => {
    app = await TestApp.startIsolated();
    const leadership = await app.newUser(['leadership']);
    ownerId = leadership.id;
    first = await newPortfolio(app.dataSource, leadership.id);
    second = await newPortfolio(app.dataSource, leadership.id);
  });
  afterAll(async () => {
    await obliterateQueues(app.config);
    await app.close();
  });

  const requested = async (): Promise<string[]> => {
    const jobs = await app.app.get(QueueProducer).queue(INSIGHTS_QUEUE).getJobs(['waiting', 'delayed', 'prioritized']);
    return jobs
      .filter((job) => job.name === 'refresh-portfolio')
      .map((job) => (job.data as { portfolioId: string }).portfolioId)
      .sort();
  };

  it('an event naming only its portfolio refreshes that portfolio, and no other', async () => {
    const eventId = await app.dataSource.transaction((em) =>
      app.app.get(Outbox).record(em, {
        type: LEARNING_ROLLUPS_CHANGED_EVENT,
        aggregateType: 'portfolio',
        aggregateId: first,
        payload: { portfolioId: first },
      }),
    );
    await expect(app.app.get(DomainEventDelivery).deliver(eventId)).resolves.toBe('delivered');
    await expect(requested()).resolves.toEqual([first]);
  });

  it('an event stored before events named their portfolio refreshes every portfolio', async () => {
    const reviewId = randomUUID();
    const [row] = (await app.dataSource.query(
      `INSERT INTO outbox_events (id, event_type, aggregate_type, aggregate_id, payload, occurred_at)
       VALUES ($1, $2, 'gate_review', $3, $4, now()) RETURNING id`,
      [
        randomUUID(),
        GateEvents.ReviewDecided,
        reviewId,
        JSON.stringify({ reviewId, initiativeId: randomUUID(), gate: 'G1', decision: 'go' }),
      ],
    )) as { id: string }[];
    await expect(app.app.get(DomainEventDelivery).deliver(row?.id ?? '')).resolves.toBe('delivered');
    await expect(requested()).resolves.toEqual([first, second].sort());
  });

  it('an event that names its initiative marks it pending and asks for an apply job, which applies it', async () => {
    const leadership = await app.newUser(['leadership']);
    const fresh = await newPortfolio(app.dataSource, leadership.id);
    const initiativeId = await newInitiative(app.dataSource, { ownerId, portfolioId: fresh });
    const waiting = await requested();
    const stageChanged = async (): Promise<void> => {
      const [row] = (await app.dataSource.query(
        `INSERT INTO outbox_events (id, event_type, aggregate_type, aggregate_id, payload, occurred_at)
         VALUES ($1, 'portfolio.stage-changed', 'initiative', $2, $3, now()) RETURNING id`,
        [randomUUID(), initiativeId, JSON.stringify({ initiativeId, portfolioId: fresh })],
      )) as { id: string }[];
      await expect(app.app.get(DomainEventDelivery).deliver(row?.id ?? '')).resolves.toBe('delivered');
    };
    // Twice: one pending initiative, one apply job, no refresh.
    await stageChanged();
    await stageChanged();
    const pending = async () =>
      (await app.dataSource.query(`SELECT initiative_id FROM insights_pending_applies WHERE portfolio_id = $1`, [
        fresh,
      ])) as { initiative_id: string }[];
    expect(await pending()).toEqual([{ initiative_id: initiativeId }]);
    const applyJobs = (
      await app.app.get(QueueProducer).queue(INSIGHTS_APPLY_QUEUE).getJobs(['waiting', 'delayed', 'prioritized'])
    ).filter((job) => (job.data as { portfolioId: string }).portfolioId === fresh);
    expect(applyJobs).toHaveLength(1);
    await expect(requested()).resolves.toEqual(waiting);

    // The job: without a read model, nothing applied (it asks for a refresh instead); with one, the initiative applied.
    const apply = app.app.get(InsightsApply);
    await expect(apply.applyPending(fresh)).resolves.toMatchObject({ applied: false });
    await app.app.get(InsightsRefresh).refresh(fresh);
    expect(await pending()).toEqual([]);
    await stageChanged();
    await expect(apply.applyPending(fresh)).resolves.toMatchObject({ applied: true, initiatives: 1, more: false });
    expect(await pending()).toEqual([]);
    const [state] = (await app.dataSource.query(
      `SELECT applies FROM insights_portfolio_state WHERE portfolio_id = $1`,
      [fresh],
    )) as { applies: number }[];
    expect(state?.applies).toBe(1);
  });

  it('a handover controlled marks its initiative pending for an apply, and refreshes nothing', async () => {
    const leadership = await app.newUser(['leadership']);
    const portfolioId = await newPortfolio(app.dataSource, leadership.id);
    const initiativeId = await newInitiative(app.dataSource, { ownerId, portfolioId });
    const waiting = await requested();
    const packageId = randomUUID();
    const eventId = await app.dataSource.transaction((em) =>
      app.app.get(Outbox).record(em, {
        type: HANDOVER_CONTROLLED_EVENT,
        aggregateType: 'handover_package',
        aggregateId: packageId,
        payload: { packageId, initiativeId, portfolioId },
      }),
    );
    await expect(app.app.get(DomainEventDelivery).deliver(eventId)).resolves.toBe('delivered');
    await expect(
      app.dataSource.query(`SELECT initiative_id FROM insights_pending_applies WHERE portfolio_id = $1`, [portfolioId]),
    ).resolves.toEqual([{ initiative_id: initiativeId }]);
    await expect(requested()).resolves.toEqual(waiting);
  });

  it('learning roll-ups naming their initiatives mark them pending for an apply, and refresh nothing', async () => {
    const leadership = await app.newUser(['leadership']);
    const portfolioId = await newPortfolio(app.dataSource, leadership.id);
    const initiativeIds = [
      await newInitiative(app.dataSource, { ownerId, portfolioId }),
      await newInitiative(app.dataSource, { ownerId, portfolioId }),
    ].sort();
    const waiting = await requested();
    const eventId = await app.dataSource.transaction((em) =>
      app.app.get(Outbox).record(em, {
        type: LEARNING_ROLLUPS_CHANGED_EVENT,
        aggregateType: 'portfolio',
        aggregateId: portfolioId,
        payload: { portfolioId, initiativeIds },
      }),
    );
    await expect(app.app.get(DomainEventDelivery).deliver(eventId)).resolves.toBe('delivered');
    const pending = (await app.dataSource.query(
      `SELECT initiative_id FROM insights_pending_applies WHERE portfolio_id = $1 ORDER BY initiative_id`,
      [portfolioId],
    )) as { initiative_id: string }[];
    expect(pending.map((p) => p.initiative_id)).toEqual(initiativeIds);
    const applyJobs = (
      await app.app.get(QueueProducer).queue(INSIGHTS_APPLY_QUEUE).getJobs(['waiting', 'delayed', 'prioritized'])
    ).filter((job) => (job.data as { portfolioId: string }).portfolioId === portfolioId);
    expect(applyJobs).toHaveLength(1);
    await expect(requested()).resolves.toEqual(waiting);
  });
});
