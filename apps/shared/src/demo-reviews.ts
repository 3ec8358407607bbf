import { AssembleHandoverPackage } from '@ambidex/handover';
import {
  ComputeGateOutcome,
  DecideGateReview,
  PrepareGateReview,
  RequestGateReview,
  SubmitScorecard,
} from '@ambidex/gates';
import { Decision, DeliverablesService, Gate, GATE_OF_STAGE, GateDefinition, Stage } from '@ambidex/portfolio';
import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DemoCast } from './demo-cast';

/**
 * Gate reviews for the demo through the real use cases: deliverables done by the owner, the request, the readiness
 * check with its evidence snapshot and panel, each assigned gatekeeper's scorecard, the outcome and the chair's
 * decision. The seed calls the jobs' services itself (each is idempotent on the review's status), so it never waits
 * for the worker, and a worker that gets there first changes nothing.
 */
export class DemoReviews {
  constructor(
    private readonly app: INestApplicationContext,
    private readonly cast: DemoCast,
  ) {}

  /** Requests the current gate's review and opens it: the assigned gatekeepers find it in their inbox. */
  async open(initiativeId: string, gate: Gate): Promise<string> {
    const pending = (await this.app
      .get(DataSource)
      .query(
        `SELECT key FROM initiative_deliverables WHERE initiative_id = $1 AND gate = $2 AND status = 'pending' ORDER BY key`,
        [initiativeId, gate],
      )) as { key: string }[];
    for (const { key } of pending) {
      await this.app
        .get(DeliverablesService)
        .update(this.cast.lead, initiativeId, gate, key, { status: 'done', note: null });
    }
    const review = await this.app.get(RequestGateReview).request(this.cast.lead, initiativeId);
    await this.app.get(PrepareGateReview).run(review.id);
    await this.expectStatus(review.id, 'scoring');
    return review.id;
  }

  /** Every assigned gatekeeper scores; the outcome and its proposal go to the chair. */
  async score(reviewId: string, decision: Decision, reason: string): Promise<void> {
    const [review] = (await this.app
      .get(DataSource)
      .query(`SELECT initiative_id, gate FROM gate_reviews WHERE id = $1`, [reviewId])) as {
      initiative_id: string;
      gate: Gate;
    }[];
    if (review === undefined) throw new Error(`demo review ${reviewId} is missing`);
    const definition = await this.gateDefinition(review.initiative_id, review.gate);
    const assigned = (await this.app
      .get(DataSource)
      .query(
        `SELECT gatekeeper_id FROM gate_review_assignments WHERE review_id = $1 ORDER BY assigned_at, gatekeeper_id`,
        [reviewId],
      )) as { gatekeeper_id: string }[];
    // Scores that lead the outcome to propose the demo's decision: go passes, recycle falls just short, kill far short.
    const base = decision === 'go' ? 8 : decision === 'recycle' ? 5 : 3;
    for (const [index, { gatekeeper_id: gatekeeperId }] of assigned.entries()) {
      const gatekeeper = this.cast.byId.get(gatekeeperId);
      if (gatekeeper === undefined)
        throw new Error(`demo review ${reviewId} is assigned to ${gatekeeperId}, not a demo user`);
      const pass = decision !== 'kill';
      await this.app.get(SubmitScorecard).submit(gatekeeper, reviewId, {
        mustMeet: definition.mustMeet
          .filter((c) => c.evaluation.kind === 'gatekeeper')
          .map((c) => ({ key: c.key, pass, comment: pass ? '' : reason })),
        shouldMeet: definition.shouldMeet.map((c, k) => ({
          key: c.key,
          score: Math.min(10, base + ((index + k) % 2)),
        })),
      });
    }
    await this.app.get(ComputeGateOutcome).run(reviewId);
    await this.expectStatus(reviewId, 'awaiting_decision');
  }

  /** The chair decides; a G3 Go assembles the handover package (the job's service, idempotent per review). */
  async decide(initiativeId: string, reviewId: string, gate: Gate, decision: Decision, reason: string): Promise<void> {
    await this.app.get(DecideGateReview).decide(this.cast.chair, reviewId, { decision, reason });
    if (gate === 'G3' && decision === 'go') await this.app.get(AssembleHandoverPackage).run(initiativeId, reviewId);
  }

  /** Opens the review of the gate that closes the initiative's current stage. */
  async openCurrent(initiativeId: string): Promise<string> {
    const [row] = (await this.app
      .get(DataSource)
      .query(`SELECT stage FROM initiatives WHERE id = $1`, [initiativeId])) as { stage: Stage }[];
    const gate = row === undefined ? undefined : GATE_OF_STAGE[row.stage];
    if (gate === undefined) throw new Error(`demo initiative ${initiativeId} has no gate to review`);
    return this.open(initiativeId, gate);
  }

  /** A whole review, from the request to the decision. */
  async hold(initiativeId: string, gate: Gate, decision: Decision, reason: string): Promise<string> {
    const reviewId = await this.open(initiativeId, gate);
    await this.score(reviewId, decision, reason);
    await this.decide(initiativeId, reviewId, gate, decision, reason);
    return reviewId;
  }

  /** The gate as the initiative's own process model version defines it. */
  private async gateDefinition(initiativeId: string, gate: Gate): Promise<GateDefinition> {
    const [row] = (await this.app
      .get(DataSource)
      .query(
        `SELECT m.definition FROM initiatives i JOIN process_models m ON m.id = i.process_model_id WHERE i.id = $1`,
        [initiativeId],
      )) as { definition: { gates: Record<Gate, GateDefinition> } }[];
    if (row === undefined) throw new Error(`demo initiative ${initiativeId} is missing`);
    return row.definition.gates[gate];
  }

  private async expectStatus(reviewId: string, status: string): Promise<void> {
    const [row] = (await this.app
      .get(DataSource)
      .query(`SELECT status, readiness FROM gate_reviews WHERE id = $1`, [reviewId])) as {
      status: string;
      readiness: unknown;
    }[];
    if (row?.status !== status)
      throw new Error(
        `demo review ${reviewId} is ${row?.status ?? 'missing'}, not ${status}: ${JSON.stringify(row?.readiness)}`,
      );
  }
}
