import {
  ExperimentsModule,
  LearningAlreadyCorrectedError,
  LearningInput,
  LearningsService,
  NotOnTeamError,
} from '@ambidex/experiments';
import { Principal } from '@ambidex/identity';
import { newInitiative, newPrincipal } from '@ambidex/testing';
import { ServiceContext } from '../../support/service-context';

/**
 * Correcting a learning through LearningsService on the run's database: the log is append-only, a correction
 * supersedes the card it names (once), the default list shows the current cards only, and a replayed request
 * changes nothing.
 */
describe('learning corrections (service tier)', () => {
  let ctx: ServiceContext;
  let owner: Principal;
  let outsider: Principal;
  let learnings: LearningsService;

  beforeAll(async () => {
    ctx = await ServiceContext.start([ExperimentsModule]);
    owner = await newPrincipal(ctx, ['innovation_lead'], 'owner');
    outsider = await newPrincipal(ctx, ['innovation_lead'], 'outsider');
    learnings = ctx.get(LearningsService);
  }, 60_000);
  afterAll(() => ctx?.close());

  const card = (observed: string, supersedes: string | null = null): LearningInput => ({
    experimentId: null,
    observed,
    belief: 'b',
    decision: 'persevere',
    confidence: 'medium',
    evidence: [],
    supersedes,
  });
  const auditCount = async (initiativeId: string, action: string): Promise<number> =>
    (await ctx.query(`SELECT 1 FROM audit_entries WHERE entity_id = $1 AND action = $2`, [initiativeId, action]))
      .length;

  it('a correction supersedes the card it names: listed instead of it, both kept, audited as a correction', async () => {
    const initiativeId = await newInitiative(ctx.dataSource, { ownerId: owner.userId });
    const first = await learnings.record(owner, initiativeId, card('12 of 40 signed up'));
    const corrected = await learnings.record(owner, initiativeId, card('14 of 40 signed up', first.id));

    expect((await learnings.list(initiativeId, false)).map((l) => l.id)).toEqual([corrected.id]);
    const all = await learnings.list(initiativeId, true);
    expect(all.map((l) => [l.id, l.supersededBy])).toEqual([
      [first.id, corrected.id],
      [corrected.id, null],
    ]);
    expect((await learnings.get(first.id)).supersededBy).toBe(corrected.id);
    expect(await auditCount(initiativeId, 'experiments.learning.recorded')).toBe(1);
    expect(await auditCount(initiativeId, 'experiments.learning.corrected')).toBe(1);
  });

  it('a card is corrected once: a second correction of it is refused and writes nothing', async () => {
    const initiativeId = await newInitiative(ctx.dataSource, { ownerId: owner.userId });
    const first = await learnings.record(owner, initiativeId, card('first reading'));
    await learnings.record(owner, initiativeId, card('second reading', first.id));

    await expect(learnings.record(owner, initiativeId, card('third reading', first.id))).rejects.toBeInstanceOf(
      LearningAlreadyCorrectedError,
    );
    expect(await learnings.list(initiativeId, true)).toHaveLength(2);
    expect(await auditCount(initiativeId, 'experiments.learning.corrected')).toBe(1);
  });

  it('someone off the team cannot correct a card; a replayed correction returns the stored card unchanged', async () => {
    const initiativeId = await newInitiative(ctx.dataSource, { ownerId: owner.userId });
    const first = await learnings.record(owner, initiativeId, card('before'));
    await expect(learnings.record(outsider, initiativeId, card('not mine', first.id))).rejects.toBeInstanceOf(
      NotOnTeamError,
    );

    const correction = { ...card('after', first.id), idempotencyKey: `fix-${first.id}` };
    const stored = await learnings.record(owner, initiativeId, correction);
    const replayed = await learnings.record(owner, initiativeId, correction);
    expect(replayed.id).toBe(stored.id);
    expect(await learnings.list(initiativeId, true)).toHaveLength(2);
    expect(await auditCount(initiativeId, 'experiments.learning.corrected')).toBe(1);
  });
});
