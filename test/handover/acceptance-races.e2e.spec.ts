import { TestResponse, TestUser } from '../support/test-app';
import { HandoverRaceKit, statuses } from './race-kit';

/**
 * Two quality heads deciding one submitted package at once, on real PostgreSQL and Redis with a live worker: one
 * decision wins, one signed verdict, the documents numbered once. Where the race matters, a connection of its own
 * first holds the package lock (`heldAtLock`) until PostgreSQL shows both racers waiting: they really overlap.
 */
describe('handover acceptance under concurrency (real PostgreSQL + Redis, live worker)', () => {
  let kit: HandoverRaceKit;

  beforeAll(async () => {
    kit = await HandoverRaceKit.start();
  }, 60_000);
  afterAll(() => kit?.close());

  describe('two quality heads deciding the same submitted package at once', () => {
    it.each([
      ['accept', 'accept', true],
      ['accept', 'reject', true],
      ['accept', 'accept', false],
    ] as const)(
      '%s + %s (held at the package lock: %s): one 200, one 409, one signed verdict, documents numbered once',
      async (first, second, held) => {
        const { packageId, initiativeId } = await kit.submittedPackage();
        const before = await kit.numberingTotal();
        const racers = [kit.cast.quality, kit.quality2];
        const race = (): Promise<TestResponse[]> =>
          Promise.all([
            kit.decide(racers[0] as TestUser, packageId, kit.verdictBody(first)),
            kit.decide(racers[1] as TestUser, packageId, kit.verdictBody(second)),
          ]);
        const responses = held
          ? await kit.heldAtLock(`SELECT id FROM handover_packages WHERE id = $1 FOR UPDATE`, [packageId], 2, race)
          : await race();

        expect(statuses(responses)).toEqual([200, 409]);
        const winner = responses.findIndex((r) => r.status === 200);
        expect(responses[1 - winner]?.json()).toMatchObject({ status: 409, code: 'HANDOVER.PACKAGE_STATE' });
        const verdict = winner === 0 ? first : second;
        const [pkg] = await kit.q<{ status: string; decided_by: string }>(
          `SELECT status, decided_by FROM handover_packages WHERE id = $1`,
          [packageId],
        );
        expect(pkg).toEqual({ status: verdict === 'accept' ? 'accepted' : 'rejected', decided_by: racers[winner]?.id });

        const signatures = await kit.q<{ meaning: string; signer_id: string }>(
          `SELECT meaning, signer_id FROM electronic_signatures WHERE record_type = 'handover_package' AND record_id = $1 ORDER BY signed_at`,
          [packageId],
        );
        expect(signatures).toEqual([
          { meaning: 'authored', signer_id: kit.cast.owner.id },
          { meaning: verdict === 'accept' ? 'accepted' : 'rejected', signer_id: racers[winner]?.id },
        ]);

        const docs = await kit.documentsOf(packageId);
        const numbers = docs.map((d) => d.number).filter((n): n is string => n !== null);
        expect(numbers).toHaveLength(verdict === 'accept' ? 4 : 0);
        expect(new Set(numbers).size).toBe(numbers.length);
        for (const n of numbers) expect(n).toMatch(/^(SOP|WI|SPEC|CP)-\d{4}$/);
        expect((await kit.numberingTotal()) - before).toBe(numbers.length);
        expect(
          await kit.count(
            `SELECT number FROM controlled_documents WHERE number IS NOT NULL GROUP BY number HAVING count(*) > 1`,
          ),
        ).toBe(0);
        expect(
          await kit.count(`SELECT 1 FROM revision_approvals WHERE revision_id = ANY($1::uuid[])`, [
            docs.map((d) => d.revisionId),
          ]),
        ).toBe(verdict === 'accept' ? 4 : 0);

        const decisions = (await kit.auditActions([initiativeId])).filter(
          (e) => e.action === 'handover.package.accepted' || e.action === 'handover.package.rejected',
        );
        expect(decisions).toEqual([
          expect.objectContaining({
            action: `handover.package.${verdict === 'accept' ? 'accepted' : 'rejected'}`,
            actor_id: racers[winner]?.id,
          }),
        ]);
        const [initiative] = await kit.q(`SELECT stage, status FROM initiatives WHERE id = $1`, [initiativeId]);
        expect(initiative).toEqual(
          verdict === 'accept'
            ? { stage: 'in_operation', status: 'handed_over' }
            : { stage: 'develop', status: 'active' },
        );
      },
      60_000,
    );
  });
});
