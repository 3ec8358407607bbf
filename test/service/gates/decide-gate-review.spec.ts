import {
  DecideGateReview,
  GateNotPassedError,
  GateReviewQueries,
  GatesModule,
  InvalidDecisionError,
  NotChairError,
  ReviewNotAwaitingDecisionError,
} from '@ambidex/gates';
import { Principal } from '@ambidex/identity';
import { newInitiative, newPrincipal, reviewAwaitingDecision, reviewPanel } from '@ambidex/testing';
import { randomUUID } from 'node:crypto';
import { ServiceContext } from '../../support/service-context';

/**
 * DecideGateReview's rules through the gates module on the run's database: who may decide, which inputs a decision
 * needs, Go only after a passed gate, one decision per review. Reviews are built through the gates use cases
 * (request, the preparation and outcome jobs called directly, the panel's scorecards).
 */
describe('DecideGateReview (service tier)', () => {
  let ctx: ServiceContext;
  let owner: Principal;

  beforeAll(async () => {
    ctx = await ServiceContext.start([GatesModule]);
    owner = await newPrincipal(ctx, ['innovation_lead'], 'owner');
    await reviewPanel(ctx);
  }, 60_000);
  afterAll(() => ctx?.close());

  const decide = (...args: Parameters<DecideGateReview['decide']>): ReturnType<DecideGateReview['decide']> =>
    ctx.get(DecideGateReview).decide(...args);
  const reviewRow = async (reviewId: string): Promise<{ status: string; decision: string | null }> =>
    (
      await ctx.query<{ status: string; decision: string | null }>(
        `SELECT status, decision FROM gate_reviews WHERE id = $1`,
        [reviewId],
      )
    )[0] ?? { status: 'missing', decision: null };
  const stageOf = async (initiativeId: string): Promise<string> =>
    (await ctx.query<{ stage: string }>(`SELECT stage FROM initiatives WHERE id = $1`, [initiativeId]))[0]?.stage ?? '';
  const readyInitiative = (): Promise<string> =>
    newInitiative(ctx.dataSource, { ownerId: owner.userId, deliverablesDone: true });

  it('only the chair decides: the owner and another leader are refused and nothing changes', async () => {
    const initiativeId = await readyInitiative();
    const { reviewId } = await reviewAwaitingDecision(ctx, owner, initiativeId);
    // Made after the panel was picked, so never its chair.
    const anotherLeader = await newPrincipal(ctx, ['leadership'], 'leader');

    await expect(decide(owner, reviewId, { decision: 'go', reason: 'mine' })).rejects.toBeInstanceOf(NotChairError);
    await expect(decide(anotherLeader, reviewId, { decision: 'go' })).rejects.toBeInstanceOf(NotChairError);
    expect(await reviewRow(reviewId)).toEqual({ status: 'awaiting_decision', decision: null });
    expect(await stageOf(initiativeId)).toBe('explore');
  });

  it('a decision missing what it needs is refused before any review is read', async () => {
    const chair = await newPrincipal(ctx, ['leadership'], 'leader');
    const unknownReview = randomUUID();
    await expect(decide(chair, unknownReview, { decision: 'kill' })).rejects.toBeInstanceOf(InvalidDecisionError);
    await expect(decide(chair, unknownReview, { decision: 'conditional_go' })).rejects.toBeInstanceOf(
      InvalidDecisionError,
    );
    await expect(
      decide(chair, unknownReview, { decision: 'hold', holdUntil: new Date(Date.now() - 1000) }),
    ).rejects.toBeInstanceOf(InvalidDecisionError);
  });

  it('Go is refused on a gate that did not pass; Recycle is recorded and keeps the stage', async () => {
    const initiativeId = await readyInitiative();
    const { reviewId, chair } = await reviewAwaitingDecision(ctx, owner, initiativeId, { score: 1 });

    await expect(decide(chair, reviewId, { decision: 'go' })).rejects.toBeInstanceOf(GateNotPassedError);
    expect(await reviewRow(reviewId)).toEqual({ status: 'awaiting_decision', decision: null });
    const answered = await decide(chair, reviewId, { decision: 'recycle', reason: 'more evidence first' });
    expect(await reviewRow(reviewId)).toEqual({ status: 'decided', decision: 'recycle' });
    expect(await stageOf(initiativeId)).toBe('explore');
    // The decision answers the review as a read after its commit finds it, without that read.
    expect(answered).toEqual(await ctx.get(GateReviewQueries).get(chair, reviewId));
    expect(answered.review).toMatchObject({ status: 'decided', decision: 'recycle', decidedBy: chair.userId });
  });

  it('two decisions of the same review at once: one is recorded, the other refused; the stage moves once', async () => {
    const initiativeId = await readyInitiative();
    const { reviewId, chair } = await reviewAwaitingDecision(ctx, owner, initiativeId);

    const outcomes = await Promise.allSettled([
      decide(chair, reviewId, { decision: 'go', reason: 'ready' }),
      decide(chair, reviewId, { decision: 'go', reason: 'ready' }),
    ]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const refused = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(refused?.reason).toBeInstanceOf(ReviewNotAwaitingDecisionError);
    expect(await reviewRow(reviewId)).toEqual({ status: 'decided', decision: 'go' });
    expect(await stageOf(initiativeId)).not.toBe('explore');
    const moves = await ctx.query(`SELECT 1 FROM stage_events WHERE initiative_id = $1 AND kind = 'decision'`, [
      initiativeId,
    ]);
    expect(moves).toHaveLength(1);
  });
});
