import { DEFAULT_PROCESS_MODEL } from '@ambidex/portfolio';
import { newInitiative } from '@ambidex/testing';
import { TestApp } from '../support/test-app';
import { Cast, castFor, requestReview, waitForStatus } from './support';

const G2 = DEFAULT_PROCESS_MODEL.gates.G2;
const g2Scorecard = {
  mustMeet: [{ key: 'evidence_quality', pass: true, comment: '' }],
  shouldMeet: G2.shouldMeet.map((c) => ({ key: c.key, score: 8 })),
};

/** G2's must-meet "riskiest desirability assumption validated" is decided from pre-registered experiments. */
describe('evidence-based gates', () => {
  let app: TestApp;
  let cast: Cast;

  beforeAll(async () => {
    app = await TestApp.startIsolated({ worker: true });
    cast = await castFor(app);
  });
  afterAll(() => app.close());

  async function initiativeWithTestedAssumption(observed: number): Promise<string> {
    const id = await newInitiative(app.dataSource, {
      ownerId: cast.owner.id,
      stage: 'experiment',
      deliverablesDone: true,
    });
    const post = (url: string, body: unknown) => app.request({ method: 'POST', url, token: cast.owner.token, body });
    const assumption = (
      await post(`/api/initiatives/${id}/assumptions`, {
        statement: 'Clinics want self check-in',
        riskKind: 'desirability',
        importance: 5,
      })
    ).json<{ id: string }>();
    await post(`/api/initiatives/${id}/assumptions`, {
      statement: 'Receptionists like it',
      riskKind: 'desirability',
      importance: 2,
    });
    const experiment = (
      await post(`/api/initiatives/${id}/experiments`, {
        assumptionIds: [assumption.id],
        hypothesis: '30% of patients use the kiosk',
        method: 'pilot in two clinics',
        metric: 'kiosk share',
        comparison: '>=',
        threshold: 0.3,
        minimumSample: 100,
      })
    ).json<{ id: string }>();
    await post(`/api/experiments/${experiment.id}/start`, {});
    await post(`/api/experiments/${experiment.id}/result`, { value: observed, sampleSize: 250, cost: 5000 });
    await post(`/api/initiatives/${id}/learnings`, {
      experimentId: experiment.id,
      observed: `kiosk share ${observed}`,
      belief: 'see result',
      decision: 'persevere',
      confidence: 'medium',
    });
    return id;
  }

  async function scoredReview(
    initiativeId: string,
  ): Promise<{ outcome: { passed: boolean; knockOuts: { key: string; by: string }[] } }> {
    const reviewId = await requestReview(app, cast.owner, initiativeId);
    await waitForStatus(app, cast.chair.token, reviewId, 'scoring');
    for (const gatekeeper of cast.gatekeepers) {
      await app.request({
        method: 'POST',
        url: `/api/reviews/${reviewId}/scorecards`,
        token: gatekeeper.token,
        body: g2Scorecard,
      });
    }
    const evidence = (await app.request({ url: `/api/reviews/${reviewId}/evidence`, token: cast.chair.token })).json<{
      content: { experiments: unknown[]; learnings: unknown[]; assumptions: unknown[] };
    }>();
    expect(evidence.content.experiments).toHaveLength(1);
    expect(evidence.content.learnings).toHaveLength(1);
    expect(evidence.content.assumptions).toHaveLength(2);
    return (await waitForStatus(app, cast.chair.token, reviewId, 'awaiting_decision')) as never;
  }

  it('passes when the riskiest desirability assumption was validated by its experiment', async () => {
    const review = await scoredReview(await initiativeWithTestedAssumption(0.42));
    expect(review.outcome).toMatchObject({ passed: true, knockOuts: [] });
  });

  it('is knocked out by the data when the experiment invalidated it, whatever the scores', async () => {
    const review = await scoredReview(await initiativeWithTestedAssumption(0.1));
    expect(review.outcome.passed).toBe(false);
    expect(review.outcome.knockOuts).toEqual([
      expect.objectContaining({ key: 'riskiest_desirability_validated', by: 'data' }),
    ]);
  });
});
