import { TransactionRunner } from '@ambidex/platform';
import { newInitiative, obliterateQueues, waitForLockWaiters } from '@ambidex/testing';
import { Client } from 'pg';
import { TestApp, TestResponse } from '../support/test-app';
import { Cast, castFor, reviewAwaitingDecision } from './support';

/**
 * The gate decision takes its locks in the global order (initiative, then review). Before, it updated the review and
 * then the initiative, while a review request locks the initiative and then waits on the open review in the
 * open-review index: the two deadlocked. Here the request is made to hold the initiative first, deterministically.
 */
describe('gate decision and review request in the global lock order', () => {
  let app: TestApp;
  let cast: Cast;

  beforeAll(async () => {
    app = await TestApp.startIsolated({ worker: true });
    cast = await castFor(app);
  }, 120_000);
  afterAll(async () => {
    await obliterateQueues(app.config);
    await app.close();
  });

  const retries = (): number => [...app.app.get(TransactionRunner).retries().values()].reduce((a, b) => a + b, 0);

  it('a review request queued on the initiative, then the decision: no deadlock, no retry, one 409 and one 200', async () => {
    const initiativeId = await newInitiative(app.dataSource, { ownerId: cast.owner.id, deliverablesDone: true });
    const reviewId = await reviewAwaitingDecision(app, cast, initiativeId);
    const retriesBefore = retries();

    const gate = new Client({ connectionString: app.config.database.url });
    await gate.connect();
    let responses: TestResponse[];
    try {
      await gate.query('BEGIN');
      await gate.query(`SELECT id FROM initiatives WHERE id = $1 FOR UPDATE`, [initiativeId]);
      const request = app.request({
        method: 'POST',
        url: `/api/initiatives/${initiativeId}/reviews`,
        token: cast.owner.token,
      });
      await waitForLockWaiters(gate, 1);
      const decision = app.request({
        method: 'POST',
        url: `/api/reviews/${reviewId}/decision`,
        token: cast.chair.token,
        body: { decision: 'recycle' },
      });
      await waitForLockWaiters(gate, 2);
      await gate.query('COMMIT');
      responses = await Promise.all([request, decision]);
    } finally {
      await gate.query('ROLLBACK').catch(() => undefined);
      await gate.end();
    }

    const [request, decision] = responses;
    expect(request?.status).toBe(409);
    expect(request?.json()).toMatchObject({ code: 'GATES.REVIEW_ALREADY_OPEN' });
    expect(decision?.status).toBe(200);
    expect(retries() - retriesBefore).toBe(0);
    const [review] = (await app.dataSource.query(`SELECT status, decision FROM gate_reviews WHERE id = $1`, [
      reviewId,
    ])) as { status: string; decision: string }[];
    expect(review).toEqual({ status: 'decided', decision: 'recycle' });
  }, 120_000);
});
