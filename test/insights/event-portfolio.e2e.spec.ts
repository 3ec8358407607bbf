import { INSIGHTS_QUEUE, InsightsRefresh } from '@ambidex/insights';
import { LEARNING_ROLLUPS_CHANGED_EVENT } from '@ambidex/experiments';
import { GateEvents } from '@ambidex/gates';
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

  it('refreshes the portfolio the event names, and no other', async () => {
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

  it('an event that names its initiative is applied at once when the portfolio has a read model, else refreshes it', async () => {
    const stageChanged = async (portfolioId: string, initiativeId: string): Promise<void> => {
      const [row] = (await app.dataSource.query(
        `INSERT INTO outbox_events (id, event_type, aggregate_type, aggregate_id, payload, occurred_at)
         VALUES ($1, 'portfolio.stage-changed', 'initiative', $2, $3, now()) RETURNING id`,
        [randomUUID(), initiativeId, JSON.stringify({ initiativeId, portfolioId })],
      )) as { id: string }[];
      await expect(app.app.get(DomainEventDelivery).deliver(row?.id ?? '')).resolves.toBe('delivered');
    };
    const leadership = await app.newUser(['leadership']);
    const fresh = await newPortfolio(app.dataSource, leadership.id);
    const waiting = await requested();

    // Never refreshed: no read model to apply to, so a refresh is requested.
    await stageChanged(fresh, await newInitiative(app.dataSource, { ownerId, portfolioId: fresh }));
    await expect(requested()).resolves.toEqual([...waiting, fresh].sort());

    // Refreshed: applied in the handler, no further job.
    await app.app.get(InsightsRefresh).refresh(first);
    const initiativeId = await newInitiative(app.dataSource, { ownerId, portfolioId: first });
    await stageChanged(first, initiativeId);
    await expect(requested()).resolves.toEqual([...waiting, fresh].sort());
    const rows = (await app.dataSource.query(
      `SELECT s.applies, (SELECT count(*)::int FROM insights_initiatives WHERE initiative_id = $2) AS rows
         FROM insights_portfolio_state s WHERE s.portfolio_id = $1`,
      [first, initiativeId],
    )) as { applies: number; rows: number }[];
    expect(rows).toEqual([{ applies: 1, rows: 1 }]);
  });
});
