import { Principal } from '@ambidex/identity';
import {
  NotRoutedToYouError,
  QmsModule,
  RevisionApprovals,
  RevisionStateError,
  SigningPasswordError,
} from '@ambidex/qms';
import { BUILDER_PASSWORD, documentInReview, newPrincipal } from '@ambidex/testing';
import { ServiceContext } from '../../support/service-context';

/**
 * RevisionApprovals through the QMS module on the run's database: only the routed quality heads decide, each once,
 * with their password; the last approval makes the revision effective with one signature per approver; a rejection
 * sends it back to draft and ends the other approvals.
 */
describe('revision approval (service tier)', () => {
  let ctx: ServiceContext;
  let owner: Principal;
  let qualityA: Principal;
  let qualityB: Principal;
  let bystander: Principal;

  beforeAll(async () => {
    ctx = await ServiceContext.start([QmsModule]);
    owner = await newPrincipal(ctx, ['innovation_lead'], 'owner');
    qualityA = await newPrincipal(ctx, ['quality_head'], 'quality-a');
    qualityB = await newPrincipal(ctx, ['quality_head'], 'quality-b');
    bystander = await newPrincipal(ctx, ['quality_head'], 'quality-c');
  }, 60_000);
  afterAll(() => ctx?.close());

  const decide = (who: Principal, revisionId: string, decision: 'approved' | 'rejected', password = BUILDER_PASSWORD) =>
    ctx.get(RevisionApprovals).decide(who, revisionId, {
      password,
      decision,
      comment: decision === 'rejected' ? 'unclear' : null,
      effectiveFrom: null,
    });
  const stateOf = async (revisionId: string): Promise<string | undefined> =>
    (await ctx.query<{ state: string }>(`SELECT state FROM document_revisions WHERE id = $1`, [revisionId]))[0]?.state;
  const signers = async (revisionId: string): Promise<string[]> =>
    (
      await ctx.query<{ signer_id: string }>(
        `SELECT signer_id FROM electronic_signatures WHERE record_id = $1 AND meaning = 'approved' ORDER BY signer_id`,
        [revisionId],
      )
    ).map((r) => r.signer_id);

  it('routed to two: the first approval keeps it in review, the second makes it effective, one signature each', async () => {
    const { revisionId } = await documentInReview(ctx, owner, [qualityA, qualityB]);

    await expect(decide(qualityA, revisionId, 'approved')).resolves.toEqual({ state: 'in_review' });
    await expect(decide(qualityB, revisionId, 'approved')).resolves.toEqual({ state: 'effective' });
    expect(await stateOf(revisionId)).toBe('effective');
    expect(await signers(revisionId)).toEqual([qualityA.userId, qualityB.userId].sort());
  });

  it('someone not routed, a wrong password and a second decision are refused, and nothing is signed', async () => {
    const { revisionId } = await documentInReview(ctx, owner, [qualityA, qualityB]);

    await expect(decide(bystander, revisionId, 'approved')).rejects.toBeInstanceOf(NotRoutedToYouError);
    await expect(decide(qualityA, revisionId, 'approved', 'not-the-password')).rejects.toBeInstanceOf(
      SigningPasswordError,
    );
    expect(await signers(revisionId)).toEqual([]);
    await decide(qualityA, revisionId, 'approved');
    await expect(decide(qualityA, revisionId, 'approved')).rejects.toBeInstanceOf(RevisionStateError);
    expect(await signers(revisionId)).toEqual([qualityA.userId]);
    expect(await stateOf(revisionId)).toBe('in_review');
  });

  it('a rejection sends the revision back to draft and ends the approvals still open', async () => {
    const { revisionId } = await documentInReview(ctx, owner, [qualityA, qualityB]);

    await expect(decide(qualityA, revisionId, 'rejected')).resolves.toEqual({ state: 'draft' });
    expect(await stateOf(revisionId)).toBe('draft');
    await expect(decide(qualityB, revisionId, 'approved')).rejects.toBeInstanceOf(NotRoutedToYouError);
    expect(await signers(revisionId)).toEqual([]);
  });
});
