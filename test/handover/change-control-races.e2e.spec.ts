import { RevisionEffectivity } from '@ambidex/qms';
import { Doc, HandoverRaceKit, sleep, statuses } from './race-kit';

/**
 * Change control under concurrency and scheduled effectivity: one open change request per document, and never two
 * effective revisions of a document at any moment (watched while the race runs).
 */
describe('change control under concurrency (real PostgreSQL + Redis, live worker)', () => {
  let kit: HandoverRaceKit;

  beforeAll(async () => {
    kit = await HandoverRaceKit.start();
  }, 60_000);
  afterAll(() => kit?.close());

  describe('change control', () => {
    let docs: Doc[];
    beforeAll(async () => {
      docs = await kit.effectiveDocuments();
    }, 60_000);

    it('two change requests raised at once on one effective document: one 201, one 409 (uq_change_requests_open)', async () => {
      const doc = docs[0] as Doc;
      // kit.raise() inserts the change request, then appends to the document's audit chain: holding the chain's head
      // keeps the first insert uncommitted while the second runs into the partial unique index.
      const responses = await kit.heldAtLock(
        `SELECT chain_key FROM audit_chain_heads WHERE chain_key = $1 FOR UPDATE`,
        [`controlled_document:${doc.id}`],
        2,
        () => Promise.all([kit.raise(kit.cast.owner, doc.id, 'A'), kit.raise(kit.cast.quality, doc.id, 'B')]),
      );
      expect(statuses(responses)).toEqual([201, 409]);
      expect(responses.find((r) => r.status === 409)?.json()).toMatchObject({ code: 'QMS.CHANGE_REQUEST_OPEN' });
      expect(await kit.count(`SELECT 1 FROM change_requests WHERE document_id = $1`, [doc.id])).toBe(1);
      expect(
        await kit.count(`SELECT 1 FROM change_requests WHERE document_id = $1 AND status = 'open'`, [doc.id]),
      ).toBe(1);
      expect((await kit.auditActions([doc.id])).filter((e) => e.action === 'qms.change-request.raised')).toHaveLength(
        1,
      );
    }, 60_000);

    it('approving change requests of two documents at once: never two effective revisions of a document, each ends at revision 2', async () => {
      const targets = [docs[1], docs[2]] as [Doc, Doc];
      const crs: string[] = [];
      for (const doc of targets) {
        const raised = await kit.raise(kit.cast.owner, doc.id, doc.type);
        expect(raised.status).toBe(201);
        crs.push(raised.json<{ id: string }>().id);
      }
      const watch = kit.watchEffective(targets.map((d) => d.id));
      const responses = await Promise.all(crs.map((id) => kit.decideChange(kit.cast.quality, id)));
      const seen = await watch.stop();

      expect(statuses(responses)).toEqual([200, 200]);
      expect(seen.worst).toBeLessThanOrEqual(1);
      expect(seen.polls).toBeGreaterThan(0);
      for (const doc of targets) {
        expect(
          await kit.q(`SELECT revision, state FROM document_revisions WHERE document_id = $1 ORDER BY revision`, [
            doc.id,
          ]),
        ).toEqual([
          { revision: 1, state: 'superseded' },
          { revision: 2, state: 'effective' },
        ]);
      }
      expect(
        await kit.count(
          `SELECT 1 FROM electronic_signatures WHERE record_id = ANY($1::uuid[]) AND meaning = 'approved'`,
          [responses.map((r, i) => kit.newRevisionOf(r, crs[i] ?? ''))],
        ),
      ).toBe(2);
    }, 60_000);

    it('while a change waits for its effective date, no other change is raised; the date comes once: one effective revision at every moment', async () => {
      const doc = docs[3] as Doc;
      const effectivity = kit.app.app.get(RevisionEffectivity);
      const first = await kit.raise(kit.cast.owner, doc.id, 'scheduled');
      // Far enough ahead that signing (argon2) on a loaded machine does not reach the date before the decision is stored.
      const dueAt = Date.now() + 6_000;
      const scheduled = await kit.decideChange(kit.cast.quality, first.json<{ id: string }>().id, {
        effectiveFrom: new Date(dueAt).toISOString(),
      });
      expect(scheduled.status).toBe(200);
      const scheduledRevision = kit.newRevisionOf(scheduled, first.json<{ id: string }>().id);
      expect(scheduledRevision).not.toBe('');
      expect(await kit.q(`SELECT state FROM document_revisions WHERE id = $1`, [scheduledRevision])).toEqual([
        { state: 'approved' },
      ]);
      const second = await kit.raise(kit.cast.owner, doc.id, 'immediate');
      expect(second.json()).toMatchObject({ status: 409, code: 'QMS.REVISION_WAITING' });
      await sleep(Math.max(0, dueAt - Date.now()) + 50);

      const watch = kit.watchEffective([doc.id]);
      // The delayed job, the sweeper and these two calls may all find the revision due: at most one makes it effective.
      await Promise.all([effectivity.runScheduled(scheduledRevision), effectivity.runScheduled(scheduledRevision)]);
      const seen = await watch.stop();

      expect(seen.worst).toBeLessThanOrEqual(1);
      expect(await kit.effectiveCounts([doc.id])).toEqual([{ document_id: doc.id, n: 1 }]);
      const revisions = await kit.q<{ revision: number; state: string }>(
        `SELECT revision, state FROM document_revisions WHERE document_id = $1 ORDER BY revision`,
        [doc.id],
      );
      expect(revisions).toEqual([
        { revision: 1, state: 'superseded' },
        { revision: 2, state: 'effective' },
      ]);
      await expect(kit.raise(kit.cast.owner, doc.id, 'after')).resolves.toMatchObject({ status: 201 });
    }, 60_000);

    it('a revision scheduled for a later date never supersedes a newer revision that became effective meanwhile', async () => {
      // docs[1] is at revision 2 (effective) after the test above.
      const doc = docs[1] as Doc;
      const effectivity = kit.app.app.get(RevisionEffectivity);
      const first = await kit.raise(kit.cast.owner, doc.id, 'later');
      const dueAt = Date.now() + 1_000;
      const scheduledRevision = kit.newRevisionOf(
        await kit.decideChange(kit.cast.quality, first.json<{ id: string }>().id, {
          effectiveFrom: new Date(dueAt).toISOString(),
        }),
        first.json<{ id: string }>().id,
      );
      const second = await kit.raise(kit.cast.owner, doc.id, 'now');
      if (second.status === 201)
        expect((await kit.decideChange(kit.cast.quality, second.json<{ id: string }>().id)).status).toBe(200);
      else expect(second.status).toBe(409); // refusing a second change while one waits for its date is also a way to keep the order
      await sleep(Math.max(0, dueAt - Date.now()) + 50);
      await effectivity.runScheduled(scheduledRevision);

      const revisions = await kit.q<{ revision: number; state: string }>(
        `SELECT revision, state FROM document_revisions WHERE document_id = $1 ORDER BY revision`,
        [doc.id],
      );
      const effective = revisions.find((r) => r.state === 'effective');
      // No revision newer than the effective one may be superseded: the order of revisions never goes backwards.
      expect(revisions.filter((r) => r.state === 'superseded' && r.revision > (effective?.revision ?? 0))).toEqual([]);
    }, 60_000);
  });
});
