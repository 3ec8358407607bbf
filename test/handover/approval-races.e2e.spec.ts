import { DocumentControl } from '@ambidex/qms';
import { Doc, HandoverRaceKit, sorted, statuses } from './race-kit';

/**
 * Approving controlled revisions and allocating document numbers under concurrency: one effective revision, one
 * signature per approver, numbers distinct and consecutive. Racers are held at the row lock the use case takes.
 */
describe('revision approval and numbering under concurrency (real PostgreSQL + Redis, live worker)', () => {
  let kit: HandoverRaceKit;

  beforeAll(async () => {
    kit = await HandoverRaceKit.start();
  }, 60_000);
  afterAll(() => kit?.close());

  describe('approving revisions', () => {
    it('the same approver approving the same revision twice at once: one 200 (effective), one 409, one approved signature', async () => {
      const { docs } = await kit.acceptedPackage();
      const doc = docs[0] as Doc;
      const responses = await kit.heldAtLock(
        `SELECT id FROM document_revisions WHERE id = $1 FOR UPDATE`,
        [doc.revisionId],
        2,
        () =>
          Promise.all([kit.approve(kit.cast.quality, doc.revisionId), kit.approve(kit.cast.quality, doc.revisionId)]),
      );
      expect(statuses(responses)).toEqual([200, 409]);
      expect(responses.find((r) => r.status === 200)?.json()).toMatchObject({ state: 'effective' });
      expect(responses.find((r) => r.status === 409)?.json()).toMatchObject({ code: 'QMS.REVISION_STATE' });

      expect(
        await kit.q(
          `SELECT meaning, signer_id FROM electronic_signatures WHERE record_type = 'document_revision' AND record_id = $1`,
          [doc.revisionId],
        ),
      ).toEqual([{ meaning: 'approved', signer_id: kit.cast.quality.id }]);
      expect(
        await kit.q(`SELECT approver_id, decision FROM revision_approvals WHERE revision_id = $1`, [doc.revisionId]),
      ).toEqual([{ approver_id: kit.cast.quality.id, decision: 'approved' }]);
      expect(await kit.effectiveCounts([doc.id])).toEqual([{ document_id: doc.id, n: 1 }]);
      const trail = (await kit.auditActions([doc.id])).map((e) => e.action);
      expect(trail.filter((a) => a === 'qms.revision.approved')).toHaveLength(1);
      expect(trail.filter((a) => a === 'qms.revision.effective')).toHaveLength(1);
      // Training goes out once per trainee (both quality heads hold the trained role).
      expect(await kit.count(`SELECT 1 FROM training_assignments WHERE revision_id = $1`, [doc.revisionId])).toBe(2);
    }, 60_000);

    it('routed to two approvers: one of them twice at once is one decision; both at once make it effective exactly once', async () => {
      const { docs } = await kit.acceptedPackage([kit.cast.quality.id, kit.quality2.id]);
      const [a, b] = docs as [Doc, Doc];

      const twice = await kit.heldAtLock(
        `SELECT id FROM document_revisions WHERE id = $1 FOR UPDATE`,
        [a.revisionId],
        2,
        () => Promise.all([kit.approve(kit.cast.quality, a.revisionId), kit.approve(kit.cast.quality, a.revisionId)]),
      );
      expect(statuses(twice)).toEqual([200, 409]);
      expect(twice.find((r) => r.status === 200)?.json()).toMatchObject({ state: 'in_review' });
      expect(twice.find((r) => r.status === 409)?.json()).toMatchObject({ code: 'QMS.REVISION_STATE' });
      expect((await kit.approve(kit.quality2, a.revisionId)).json()).toMatchObject({ state: 'effective' });
      expect(
        await kit.count(`SELECT 1 FROM electronic_signatures WHERE record_id = $1 AND meaning = 'approved'`, [
          a.revisionId,
        ]),
      ).toBe(2);

      const both = await kit.heldAtLock(
        `SELECT id FROM document_revisions WHERE id = $1 FOR UPDATE`,
        [b.revisionId],
        2,
        () => Promise.all([kit.approve(kit.cast.quality, b.revisionId), kit.approve(kit.quality2, b.revisionId)]),
      );
      expect(statuses(both)).toEqual([200, 200]);
      expect(both.map((r) => r.json<{ state: string }>().state).sort()).toEqual(['effective', 'in_review']);
      expect(
        await kit.q(
          `SELECT signer_id FROM electronic_signatures WHERE record_id = $1 AND meaning = 'approved' ORDER BY signer_id`,
          [b.revisionId],
        ),
      ).toEqual([kit.cast.quality.id, kit.quality2.id].sort().map((signer_id) => ({ signer_id })));
      expect(await kit.effectiveCounts([a.id, b.id])).toEqual(
        expect.arrayContaining([
          { document_id: a.id, n: 1 },
          { document_id: b.id, n: 1 },
        ]),
      );
      expect((await kit.auditActions([b.id])).filter((e) => e.action === 'qms.revision.effective')).toHaveLength(1);
    }, 60_000);
  });

  it('allocateNumber 50 times at once, each in its own transaction: 50 distinct consecutive numbers', async () => {
    const documents = kit.app.app.get(DocumentControl);
    const [scheme] = await kit.q<{ next_value: number; prefix: string }>(
      `SELECT next_value, prefix FROM numbering_schemes WHERE document_type = 'work_instruction'`,
    );
    const start = scheme?.next_value ?? 0;
    // As many as the pool lets in (the worker shares it) queue on the scheme's row lock; the rest wait for a connection.
    const numbers = await kit.heldAtLock(
      `SELECT document_type FROM numbering_schemes WHERE document_type = 'work_instruction' FOR UPDATE`,
      [],
      2,
      () =>
        Promise.all(
          Array.from({ length: 50 }, () =>
            kit.app.dataSource.transaction((em) => documents.allocateNumber(em, 'work_instruction')),
          ),
        ),
      300,
    );
    expect(new Set(numbers).size).toBe(50);
    for (const n of numbers) expect(n.startsWith(`${scheme?.prefix}-`)).toBe(true);
    expect(sorted(numbers.map((n) => Number(n.split('-')[1])))).toEqual(
      Array.from({ length: 50 }, (_, i) => start + i),
    );
    expect(await kit.q(`SELECT next_value FROM numbering_schemes WHERE document_type = 'work_instruction'`)).toEqual([
      { next_value: start + 50 },
    ]);
  }, 60_000);
});
