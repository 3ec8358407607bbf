import { DEFAULT_PROCESS_MODEL } from '@ambidex/portfolio';
import { eventually, newInitiative } from '@ambidex/testing';
import { TEST_PASSWORD, TestApp, TestUser } from '../support/test-app';
import { castFor, Cast, requestReview, waitForStatus } from '../gates/support';

export interface HandoverCast extends Cast {
  quality: TestUser;
}

export async function handoverCast(app: TestApp): Promise<HandoverCast> {
  return { ...(await castFor(app)), quality: await app.newUser(['quality_head'], 'quality') };
}

const G3 = DEFAULT_PROCESS_MODEL.gates.G3;
const g3Scorecard = {
  mustMeet: [{ key: 'quality_ready', pass: true, comment: '' }],
  shouldMeet: G3.shouldMeet.map((c) => ({ key: c.key, score: 8 })),
};

/**
 * An initiative in develop with a validated and an invalidated assumption (and, when asked, untested ones), taken
 * through G3 Go; returns its package id.
 */
export async function initiativeThroughG3(
  app: TestApp,
  cast: HandoverCast,
  untested: string[] = [],
): Promise<{
  initiativeId: string;
  packageId: string;
  invalidatedAssumptionId: string;
  validatedAssumptionId: string;
}> {
  const initiativeId = await newInitiative(app.dataSource, {
    ownerId: cast.owner.id,
    stage: 'develop',
    deliverablesDone: true,
    title: `Kiosk check-in ${Date.now()}`,
  });
  const post = (url: string, body: unknown) => app.request({ method: 'POST', url, token: cast.owner.token, body });
  const validated = (
    await post(`/api/initiatives/${initiativeId}/assumptions`, {
      statement: 'Patients use the kiosk',
      riskKind: 'desirability',
      importance: 5,
    })
  ).json<{ id: string }>();
  const weak = (
    await post(`/api/initiatives/${initiativeId}/assumptions`, {
      statement: 'Clinics pay monthly',
      riskKind: 'viability',
      importance: 4,
    })
  ).json<{ id: string }>();
  for (const statement of untested)
    await post(`/api/initiatives/${initiativeId}/assumptions`, { statement, riskKind: 'feasibility', importance: 3 });
  for (const [assumption, value] of [
    [validated.id, 0.5],
    [weak.id, 0.05],
  ] as const) {
    const experiment = (
      await post(`/api/initiatives/${initiativeId}/experiments`, {
        assumptionIds: [assumption],
        hypothesis: 'h',
        method: 'pilot',
        metric: 'share',
        comparison: '>=',
        threshold: 0.3,
        minimumSample: 10,
      })
    ).json<{ id: string }>();
    await post(`/api/experiments/${experiment.id}/result`, { value, sampleSize: 100, cost: 100 });
    await post(`/api/initiatives/${initiativeId}/learnings`, {
      experimentId: experiment.id,
      observed: `share ${value}`,
      belief: 'b',
      decision: 'persevere',
      confidence: 'high',
    });
  }
  const { packageId } = await g3Go(app, cast, initiativeId, 1);
  return { initiativeId, packageId, invalidatedAssumptionId: weak.id, validatedAssumptionId: validated.id };
}

/** A G3 review of an initiative in develop, scored and decided Go; waits for its package (the initiative's nth). */
export async function g3Go(
  app: TestApp,
  cast: HandoverCast,
  initiativeId: string,
  nth: number,
): Promise<{ reviewId: string; packageId: string }> {
  const reviewId = await requestReview(app, cast.owner, initiativeId);
  await waitForStatus(app, cast.chair.token, reviewId, 'scoring');
  for (const gatekeeper of cast.gatekeepers) {
    await app.request({
      method: 'POST',
      url: `/api/reviews/${reviewId}/scorecards`,
      token: gatekeeper.token,
      body: g3Scorecard,
    });
  }
  await waitForStatus(app, cast.chair.token, reviewId, 'awaiting_decision');
  const go = await app.request({
    method: 'POST',
    url: `/api/reviews/${reviewId}/decision`,
    token: cast.chair.token,
    body: { decision: 'go', reason: 'ready' },
  });
  if (go.status !== 200) throw new Error(`G3 go: ${go.status} ${go.body}`);
  const packages = await eventually(
    async () =>
      (await app.request({ url: `/api/initiatives/${initiativeId}/handover-packages`, token: cast.owner.token })).json<
        { id: string }[]
      >(),
    (list) => list.length === nth,
    15_000,
  );
  return { reviewId, packageId: packages[nth - 1]?.id ?? '' };
}

export async function preparedAndSubmitted(app: TestApp, cast: HandoverCast, packageId: string): Promise<void> {
  const patched = await app.request({
    method: 'PATCH',
    url: `/api/handover-packages/${packageId}`,
    token: cast.owner.token,
    body: {
      riskControls: [{ key: 'RISK-001', control: 'Monthly invoicing fallback' }],
      kpiBaselines: [
        { name: 'Process time', baseline: 4 },
        { name: 'Lead time', baseline: 0.5 },
        { name: '% complete and accurate', baseline: 92 },
      ],
      trainingRoles: ['quality_head'],
    },
  });
  if (patched.status !== 200) throw new Error(`prepare: ${patched.status} ${patched.body}`);
  const submitted = await app.request({
    method: 'POST',
    url: `/api/handover-packages/${packageId}/submit`,
    token: cast.owner.token,
    body: { password: TEST_PASSWORD },
  });
  if (submitted.status !== 200) throw new Error(`submit: ${submitted.status} ${submitted.body}`);
}
