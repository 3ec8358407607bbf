import { ExperimentsModule } from '@ambidex/experiments';
import { GatesModule } from '@ambidex/gates';
import { HandoverModule, HandoverSweeper } from '@ambidex/handover';
import { Principal } from '@ambidex/identity';
import { decidedReview, newInitiative, newPrincipal, reviewPanel, testedAssumptions } from '@ambidex/testing';
import { ServiceContext } from '../../support/service-context';

/**
 * The handover sweeper is the safety net for a G3 approval whose assemble job was lost: it finds approvals (read
 * through gates' reader, page by page) that have no package and assembles them, once. A database of its own, so
 * no worker relays the approval's event behind the spec's back.
 */
describe('handover sweeper assembles approvals that have no package (service tier)', () => {
  let ctx: ServiceContext;
  let owner: Principal;

  beforeAll(async () => {
    ctx = await ServiceContext.startIsolated([ExperimentsModule, GatesModule, HandoverModule]);
    owner = await newPrincipal(ctx, ['innovation_lead'], 'owner');
    await reviewPanel(ctx);
  }, 60_000);
  afterAll(() => ctx?.close());

  async function g3GoWithoutPackage(settled: boolean): Promise<{ initiativeId: string; reviewId: string }> {
    const initiativeId = await newInitiative(ctx.dataSource, {
      ownerId: owner.userId,
      stage: 'develop',
      deliverablesDone: true,
    });
    await testedAssumptions(ctx, owner, initiativeId, ['validated', 'untested']);
    const { reviewId } = await decidedReview(ctx, owner, initiativeId);
    // The sweeper leaves approvals younger than a minute to their event; an older one stands for a lost job.
    if (settled)
      await ctx.query(`UPDATE gate_reviews SET decided_at = decided_at - interval '2 minutes' WHERE id = $1`, [
        reviewId,
      ]);
    return { initiativeId, reviewId };
  }

  const packagesOf = (reviewId: string): Promise<{ id: string }[]> =>
    ctx.query<{ id: string }>(`SELECT id FROM handover_packages WHERE review_id = $1`, [reviewId]);

  it('assembles a settled approval with no package, once, and leaves a fresh one to its event', async () => {
    const lost = await g3GoWithoutPackage(true);
    const fresh = await g3GoWithoutPackage(false);
    const sweeper = ctx.get(HandoverSweeper);

    const first = await sweeper.sweep();
    expect(first.assembled).toBe(1);
    expect(await packagesOf(lost.reviewId)).toHaveLength(1);
    expect(await packagesOf(fresh.reviewId)).toHaveLength(0);

    const second = await sweeper.sweep();
    expect(second.assembled).toBe(0);
    expect(await packagesOf(lost.reviewId)).toHaveLength(1);
  });
});
