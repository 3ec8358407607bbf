import { ExperimentsModule } from '@ambidex/experiments';
import { GatesModule } from '@ambidex/gates';
import { AssembleHandoverPackage, HandoverModule } from '@ambidex/handover';
import { Principal } from '@ambidex/identity';
import {
  decidedReview,
  heldAtLock,
  newInitiative,
  newPrincipal,
  reviewPanel,
  testedAssumptions,
} from '@ambidex/testing';
import { ServiceContext } from '../../support/service-context';

/**
 * AssembleHandoverPackage.run (what the 'assemble-package' job calls) for the same decided G3 review, repeated and
 * raced: one package, one set of four drafts, one process record. The evidence and the G3 'go' are built through
 * the experiments and gates use cases. A database of its own: no worker anywhere may assemble behind the spec's back.
 */
describe('handover assembly for one review, repeated and concurrent (service tier)', () => {
  let ctx: ServiceContext;
  let owner: Principal;

  beforeAll(async () => {
    ctx = await ServiceContext.startIsolated([ExperimentsModule, GatesModule, HandoverModule]);
    owner = await newPrincipal(ctx, ['innovation_lead'], 'owner');
    await reviewPanel(ctx);
  }, 60_000);
  afterAll(() => ctx?.close());

  const count = async (sql: string, params: unknown[]): Promise<number> =>
    (await ctx.query<{ n: number }>(`SELECT count(*)::int AS n FROM (${sql}) AS c`, params))[0]?.n ?? 0;

  /** An initiative in develop with tested assumptions and learnings, and its G3 decided 'go'. */
  async function g3Go(): Promise<{ initiativeId: string; reviewId: string; validated: number }> {
    const initiativeId = await newInitiative(ctx.dataSource, {
      ownerId: owner.userId,
      stage: 'develop',
      deliverablesDone: true,
    });
    const { validated } = await testedAssumptions(ctx, owner, initiativeId, [
      'validated',
      'validated',
      'validated',
      'invalidated',
      'untested',
    ]);
    const { reviewId } = await decidedReview(ctx, owner, initiativeId);
    return { initiativeId, reviewId, validated };
  }

  async function expectAssembledOnce(initiativeId: string, reviewId: string, validated: number): Promise<void> {
    const packages = await ctx.query<{ id: string; review_id: string }>(
      `SELECT id, review_id FROM handover_packages WHERE initiative_id = $1`,
      [initiativeId],
    );
    expect(packages).toHaveLength(1);
    const [pkg] = packages;
    expect(pkg?.review_id).toBe(reviewId);
    expect(await count(`SELECT 1 FROM controlled_documents WHERE package_id = $1`, [pkg?.id])).toBe(4);
    expect(await count(`SELECT 1 FROM controlled_documents WHERE origin_initiative_id = $1`, [initiativeId])).toBe(4);
    expect(
      await count(
        `SELECT 1 FROM document_revisions r JOIN controlled_documents d ON d.id = r.document_id WHERE d.origin_initiative_id = $1`,
        [initiativeId],
      ),
    ).toBe(4);
    expect(await count(`SELECT 1 FROM process_records WHERE initiative_id = $1`, [initiativeId])).toBe(1);
    expect(await count(`SELECT 1 FROM handover_requirements WHERE package_id = $1`, [pkg?.id])).toBe(validated);
    expect(
      await count(`SELECT 1 FROM audit_entries WHERE entity_id = $1 AND action = 'handover.package.assembled'`, [
        initiativeId,
      ]),
    ).toBe(1);
  }

  it('twice in a row: one package, one set of 4 drafts, one process record', async () => {
    const { initiativeId, reviewId, validated } = await g3Go();
    const assemble = ctx.get(AssembleHandoverPackage);
    await expect(assemble.run(initiativeId, reviewId)).resolves.toBe('assembled');
    await expect(assemble.run(initiativeId, reviewId)).resolves.toBe('exists');
    await expectAssembledOnce(initiativeId, reviewId, validated);
  }, 60_000);

  it('twice at once (held at the initiative lock), then five at once: one package, one set of drafts, one process record', async () => {
    const assemble = ctx.get(AssembleHandoverPackage);
    const { initiativeId, reviewId, validated } = await g3Go();
    const lock = { sql: `SELECT id FROM initiatives WHERE id = $1 FOR UPDATE`, params: [initiativeId] };
    const outcomes = await heldAtLock(ctx.config.database.url, lock, 2, () =>
      Promise.all([assemble.run(initiativeId, reviewId), assemble.run(initiativeId, reviewId)]),
    );
    expect(outcomes.sort()).toEqual(['assembled', 'exists']);
    await expectAssembledOnce(initiativeId, reviewId, validated);

    const other = await g3Go();
    const five = await Promise.all(Array.from({ length: 5 }, () => assemble.run(other.initiativeId, other.reviewId)));
    expect(five.filter((o) => o === 'assembled')).toHaveLength(1);
    await expectAssembledOnce(other.initiativeId, other.reviewId, other.validated);
  }, 60_000);
});
