import {
  ComputeGateOutcome,
  DecideGateReview,
  DecisionInput,
  GateReviewQueries,
  PrepareGateReview,
  RequestGateReview,
  ScorecardInput,
  SubmitScorecard,
} from '@ambidex/gates';
import { Principal } from '@ambidex/identity';
import { DEFAULT_PROCESS_MODEL, Gate } from '@ambidex/portfolio';
import { newPrincipal, principalById, Services } from './people';

export interface ReviewInDecision {
  reviewId: string;
  gate: Gate;
  chair: Principal;
  gatekeepers: Principal[];
}

/** Enough gatekeepers and a chair for any gate of the default model, on a database that may have none. */
export async function reviewPanel(services: Services): Promise<void> {
  const needed = Math.max(...Object.values(DEFAULT_PROCESS_MODEL.gates).map((g) => g.gatekeepersRequired));
  for (let i = 0; i < needed; i++) await newPrincipal(services, ['gatekeeper'], `gatekeeper${i + 1}`);
  await newPrincipal(services, ['leadership'], 'chair');
}

/** A scorecard for the default model's gate: every must-meet the gatekeepers judge is `pass`, every should-meet `score`. */
export function scorecardFor(gate: Gate, score: number, pass = true): ScorecardInput {
  const definition = DEFAULT_PROCESS_MODEL.gates[gate];
  return {
    mustMeet: definition.mustMeet
      .filter((c) => c.evaluation.kind === 'gatekeeper')
      .map((c) => ({ key: c.key, pass, comment: pass ? '' : 'not met' })),
    shouldMeet: definition.shouldMeet.map((c) => ({ key: c.key, score })),
  };
}

/**
 * The owner requests the review of the initiative's next gate; then what the jobs would do, called directly: the
 * review is prepared (panel picked), each assigned gatekeeper scores it, and the outcome is computed.
 */
export async function reviewAwaitingDecision(
  services: Services,
  owner: Principal,
  initiativeId: string,
  scoring: { score: number; pass?: boolean } = { score: 8 },
): Promise<ReviewInDecision> {
  const review = await services.get(RequestGateReview).request(owner, initiativeId);
  await services.get(PrepareGateReview).run(review.id);
  const panel = await panelOf(services, owner, review.id);
  const gate = review.gate;
  for (const gatekeeper of panel.gatekeepers) {
    await services.get(SubmitScorecard).submit(gatekeeper, review.id, scorecardFor(gate, scoring.score, scoring.pass));
  }
  await services.get(ComputeGateOutcome).run(review.id);
  return { reviewId: review.id, gate, chair: panel.chair, gatekeepers: panel.gatekeepers };
}

/** reviewAwaitingDecision, then the chair's decision. */
export async function decidedReview(
  services: Services,
  owner: Principal,
  initiativeId: string,
  decision: DecisionInput = { decision: 'go', reason: 'ready' },
): Promise<ReviewInDecision> {
  const review = await reviewAwaitingDecision(services, owner, initiativeId);
  await services.get(DecideGateReview).decide(review.chair, review.reviewId, decision);
  return review;
}

/** The chair and gatekeepers the preparation picked, as principals; refuses a review that did not open. */
async function panelOf(
  services: Services,
  owner: Principal,
  reviewId: string,
): Promise<{ chair: Principal; gatekeepers: Principal[] }> {
  const { review, gatekeeperIds } = await services.get(GateReviewQueries).get(owner, reviewId);
  if (review.status !== 'scoring' || review.chairId === null)
    throw new Error(`the ${review.gate} review did not open for scoring (${review.status})`);
  return {
    chair: await principalById(services, review.chairId),
    gatekeepers: await Promise.all(gatekeeperIds.map((id) => principalById(services, id))),
  };
}
