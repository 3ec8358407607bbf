import { DEFAULT_PROCESS_MODEL } from '@ambidex/portfolio';
import { eventually } from '@ambidex/testing';
import { TestApp, TestUser } from '../support/test-app';

export interface Cast {
  owner: TestUser;
  gatekeepers: TestUser[];
  chair: TestUser;
  outsider: TestUser;
}

/**
 * On an isolated database: the owner (also a gatekeeper, to prove owners are never assigned), exactly two other
 * gatekeepers, one chair, and an innovation lead who owns nothing here.
 */
export async function castFor(app: TestApp): Promise<Cast> {
  return {
    owner: await app.newUser(['innovation_lead', 'gatekeeper'], 'owner'),
    gatekeepers: [await app.newUser(['gatekeeper'], 'gk1'), await app.newUser(['gatekeeper'], 'gk2')],
    chair: await app.newUser(['leadership'], 'chair'),
    outsider: await app.newUser(['innovation_lead'], 'outsider'),
  };
}

export type ReviewBody = {
  id: string;
  status: string;
  gatekeeperIds: string[];
  chairId: string | null;
  evidenceHash: string | null;
  outcome: { passed: boolean; proposal: string; weightedMean: number } | null;
  readiness: { ready: boolean; openDeliverables: string[] } | null;
};

export async function reviewOf(app: TestApp, token: string, reviewId: string): Promise<ReviewBody> {
  return (await app.request({ url: `/api/reviews/${reviewId}`, token })).json<ReviewBody>();
}

export function waitForStatus(app: TestApp, token: string, reviewId: string, status: string): Promise<ReviewBody> {
  return eventually(
    () => reviewOf(app, token, reviewId),
    (r) => r.status === status,
    15_000,
  );
}

/** A scorecard for G1 of the default model: pass or knock out, with one score for every criterion. */
export function g1Scorecard(score: number, strategicFit = true): { mustMeet: object[]; shouldMeet: object[] } {
  return {
    mustMeet: [{ key: 'strategic_fit', pass: strategicFit, comment: strategicFit ? '' : 'fits no objective' }],
    shouldMeet: DEFAULT_PROCESS_MODEL.gates.G1.shouldMeet.map((c) => ({ key: c.key, score })),
  };
}

export async function requestReview(app: TestApp, owner: TestUser, initiativeId: string): Promise<string> {
  const response = await app.request({
    method: 'POST',
    url: `/api/initiatives/${initiativeId}/reviews`,
    token: owner.token,
  });
  if (response.status !== 202) throw new Error(`request review: ${response.status} ${response.body}`);
  return response.json<{ id: string }>().id;
}

/** Requests G1, waits for it to open, has both gatekeepers score, waits for the outcome. */
export async function reviewAwaitingDecision(
  app: TestApp,
  cast: Cast,
  initiativeId: string,
  score = 8,
  fit = true,
): Promise<string> {
  const reviewId = await requestReview(app, cast.owner, initiativeId);
  await waitForStatus(app, cast.chair.token, reviewId, 'scoring');
  for (const gatekeeper of cast.gatekeepers) {
    const scored = await app.request({
      method: 'POST',
      url: `/api/reviews/${reviewId}/scorecards`,
      token: gatekeeper.token,
      body: g1Scorecard(score, fit),
    });
    if (scored.status !== 201) throw new Error(`scorecard: ${scored.status} ${scored.body}`);
  }
  await waitForStatus(app, cast.chair.token, reviewId, 'awaiting_decision');
  return reviewId;
}

/** Rows `sql` returns, on the app's database. */
export async function count(app: TestApp, sql: string, params: unknown[] = []): Promise<number> {
  const [row] = (await app.dataSource.query(`SELECT count(*)::int AS n FROM (${sql}) AS q`, params)) as { n: number }[];
  return row?.n ?? 0;
}
