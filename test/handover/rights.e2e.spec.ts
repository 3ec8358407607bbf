import { TEST_PASSWORD, TestUser } from '../support/test-app';
import { initiativeThroughG3, preparedAndSubmitted } from './support';
import { Doc, HandoverRaceKit } from './race-kit';

/**
 * Who accepts, approves, prepares and submits handover packages: rights are enforced, audited, and a refused
 * attempt writes nothing.
 */
describe('handover and QMS rights (real PostgreSQL + Redis, live worker)', () => {
  let kit: HandoverRaceKit;

  beforeAll(async () => {
    kit = await HandoverRaceKit.start();
  }, 60_000);
  afterAll(() => kit?.close());

  describe('rights', () => {
    it('only quality heads accept or reject: everyone else gets 403 and nothing is written; the accepted decision is audited', async () => {
      const { packageId, initiativeId } = await kit.submittedPackage();
      const numbering = await kit.numberingTotal();
      const trail = await kit.auditActions([initiativeId]);
      for (const user of [
        kit.cast.owner,
        kit.cast.chair,
        kit.cast.outsider,
        kit.cast.gatekeepers[0] as TestUser,
        kit.admin,
      ]) {
        for (const verdict of ['accept', 'reject'] as const) {
          const refused = await kit.decide(user, packageId, kit.verdictBody(verdict));
          expect(refused.status).toBe(403);
        }
      }
      expect(await kit.q(`SELECT status, decided_by FROM handover_packages WHERE id = $1`, [packageId])).toEqual([
        { status: 'submitted', decided_by: null },
      ]);
      expect(await kit.q(`SELECT meaning FROM electronic_signatures WHERE record_id = $1`, [packageId])).toEqual([
        { meaning: 'authored' },
      ]);
      expect(await kit.numberingTotal()).toBe(numbering);
      expect(await kit.auditActions([initiativeId])).toEqual(trail);

      expect((await kit.decide(kit.cast.quality, packageId, { verdict: 'accept' })).status).toBe(200);
      const actions = await kit.auditActions([initiativeId]);
      expect(actions).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ action: 'handover.package.prepared', actor_id: kit.cast.owner.id }),
          expect.objectContaining({ action: 'handover.package.submitted', actor_id: kit.cast.owner.id }),
          expect.objectContaining({ action: 'handover.package.accepted', actor_id: kit.cast.quality.id }),
        ]),
      );
    }, 60_000);

    it('only the quality heads routed approve: others get 403 (QMS.NOT_ROUTED for a quality head not routed), a wrong password 422 (not 401), and nothing is written', async () => {
      const { docs } = await kit.acceptedPackage();
      const doc = docs[0] as Doc;
      const snapshot = async (): Promise<unknown> => ({
        revision: await kit.q(`SELECT state, approved_at FROM document_revisions WHERE id = $1`, [doc.revisionId]),
        approvals: await kit.q(
          `SELECT approver_id, decision, signature_id FROM revision_approvals WHERE revision_id = $1`,
          [doc.revisionId],
        ),
        signatures: await kit.count(`SELECT 1 FROM electronic_signatures WHERE record_id = $1`, [doc.revisionId]),
        training: await kit.count(`SELECT 1 FROM training_assignments WHERE revision_id = $1`, [doc.revisionId]),
        trail: await kit.auditActions([doc.id]),
      });
      const before = await snapshot();

      for (const user of [kit.cast.owner, kit.cast.outsider, kit.cast.chair, kit.admin]) {
        const refused = await kit.approve(user, doc.revisionId);
        expect(refused.status).toBe(403);
      }
      const notRouted = await kit.approve(kit.quality2, doc.revisionId);
      expect(notRouted.json()).toMatchObject({ status: 403, code: 'QMS.NOT_ROUTED' });
      const notRoutedReject = await kit.approve(kit.quality2, doc.revisionId, { decision: 'rejected', comment: 'no' });
      expect(notRoutedReject.json()).toMatchObject({ status: 403, code: 'QMS.NOT_ROUTED' });
      const wrongPassword = await kit.approve(kit.cast.quality, doc.revisionId, { password: 'not-the-password-1' });
      expect(wrongPassword.json()).toMatchObject({
        status: 422,
        code: 'QMS.SIGNING_PASSWORD_WRONG',
        errors: [{ field: 'password' }],
      });
      expect(await snapshot()).toEqual(before);

      const approved = await kit.approve(kit.cast.quality, doc.revisionId);
      expect(approved.json()).toMatchObject({ state: 'effective' });
      expect((await kit.auditActions([doc.id])).filter((e) => e.action === 'qms.revision.approved')).toEqual([
        expect.objectContaining({
          actor_id: kit.cast.quality.id,
          after: expect.objectContaining({ revisionId: doc.revisionId }),
        }),
      ]);
    }, 60_000);

    it('innovation leads prepare and submit their own package: another innovation lead or a quality head gets 403 and nothing is written', async () => {
      const { packageId, initiativeId } = await initiativeThroughG3(kit.app, kit.cast);
      const snapshot = async (): Promise<unknown> => ({
        pkg: await kit.q(
          `SELECT status, version, risks, checklist, training_roles FROM handover_packages WHERE id = $1`,
          [packageId],
        ),
        record: await kit.q(`SELECT kpis, risks_and_controls FROM process_records WHERE package_id = $1`, [packageId]),
        signatures: await kit.count(`SELECT 1 FROM electronic_signatures WHERE record_id = $1`, [packageId]),
        trail: await kit.auditActions([initiativeId]),
      });
      const before = await snapshot();
      const patch = { riskControls: [{ key: 'RISK-001', control: 'hijacked' }], trainingRoles: ['leadership'] };

      const otherLeadPatch = await kit.app.request({
        method: 'PATCH',
        url: `/api/handover-packages/${packageId}`,
        token: kit.cast.outsider.token,
        body: patch,
      });
      expect(otherLeadPatch.json()).toMatchObject({ status: 403, code: 'HANDOVER.NOT_OWNER' });
      const otherLeadSubmit = await kit.post(`/api/handover-packages/${packageId}/submit`, kit.cast.outsider, {
        password: TEST_PASSWORD,
      });
      expect(otherLeadSubmit.json()).toMatchObject({ status: 403, code: 'HANDOVER.NOT_OWNER' });
      for (const user of [kit.cast.quality, kit.cast.chair]) {
        expect(
          (
            await kit.app.request({
              method: 'PATCH',
              url: `/api/handover-packages/${packageId}`,
              token: user.token,
              body: patch,
            })
          ).status,
        ).toBe(403);
        expect(
          (await kit.post(`/api/handover-packages/${packageId}/submit`, user, { password: TEST_PASSWORD })).status,
        ).toBe(403);
      }
      expect(await snapshot()).toEqual(before);

      await preparedAndSubmitted(kit.app, kit.cast, packageId);
      expect(
        await kit.q(`SELECT meaning, signer_id FROM electronic_signatures WHERE record_id = $1`, [packageId]),
      ).toEqual([{ meaning: 'authored', signer_id: kit.cast.owner.id }]);
      const actions = (await kit.auditActions([initiativeId])).filter((e) => e.action.startsWith('handover.package.'));
      expect(actions.map((e) => [e.action, e.actor_id])).toEqual([
        ['handover.package.assembled', null],
        ['handover.package.prepared', kit.cast.owner.id],
        ['handover.package.submitted', kit.cast.owner.id],
      ]);
    }, 60_000);

    it('another innovation lead cannot edit the draft documents of a package that is not theirs', async () => {
      const { packageId } = await initiativeThroughG3(kit.app, kit.cast);
      const [doc] = await kit.documentsOf(packageId);
      const edited = await kit.app.request({
        method: 'PATCH',
        url: `/api/revisions/${doc?.revisionId}`,
        token: kit.cast.outsider.token,
        body: { body: 'rewritten by someone else' },
      });
      expect(edited.status).toBe(403);
      expect(
        await kit.count(`SELECT 1 FROM document_revisions WHERE id = $1 AND body = 'rewritten by someone else'`, [
          doc?.revisionId,
        ]),
      ).toBe(0);
    }, 60_000);

    it('once submitted (signed: authored), the package documents no longer change, so the author signature stays valid', async () => {
      const { packageId } = await kit.submittedPackage();
      const [doc] = await kit.documentsOf(packageId);
      const edited = await kit.app.request({
        method: 'PATCH',
        url: `/api/revisions/${doc?.revisionId}`,
        token: kit.cast.owner.token,
        body: { body: 'changed after signing' },
      });
      expect(edited.status).toBe(409);
      const pkg = (
        await kit.app.request({ url: `/api/handover-packages/${packageId}`, token: kit.cast.quality.token })
      ).json<{
        signatures: { meaning: string; status: string }[];
      }>();
      expect(pkg.signatures).toEqual([expect.objectContaining({ meaning: 'authored', status: 'valid' })]);
    }, 60_000);

    it.each([
      [
        'an innovation lead (who can never approve: the approval route is for quality heads)',
        (): string => kit.cast.owner.id,
      ],
      ['a user who does not exist', (): string => '00000000-0000-4000-8000-000000000000'],
    ])(
      'acceptance routes the documents only to quality heads: routing to %s is refused (422) and nothing is written',
      async (_label, approver) => {
        const { packageId } = await kit.submittedPackage();
        const numbering = await kit.numberingTotal();
        const refused = await kit.decide(kit.cast.quality, packageId, { verdict: 'accept', approverIds: [approver()] });
        expect({
          status: refused.status,
          stored: await kit.q(`SELECT status FROM handover_packages WHERE id = $1`, [packageId]),
        }).toEqual({
          status: 422,
          stored: [{ status: 'submitted' }],
        });
        expect(await kit.numberingTotal()).toBe(numbering);
      },
      60_000,
    );

    it('the two parties are two people: who submitted a package (also a quality head) cannot accept it', async () => {
      const both = await kit.app.newUser(['innovation_lead', 'quality_head'], 'lead-and-quality');
      const { packageId, initiativeId } = await initiativeThroughG3(kit.app, kit.cast);
      // The initiative passes to a lead who also holds the quality head role (a small company: one person, two hats).
      await kit.q(`UPDATE initiatives SET owner_id = $2 WHERE id = $1`, [initiativeId, both.id]);
      const prepared = await kit.app.request({
        method: 'PATCH',
        url: `/api/handover-packages/${packageId}`,
        token: both.token,
        body: {
          riskControls: [{ key: 'RISK-001', control: 'c' }],
          kpiBaselines: [
            { name: 'Process time', baseline: 4 },
            { name: 'Lead time', baseline: 1 },
            { name: '% complete and accurate', baseline: 90 },
          ],
          trainingRoles: ['quality_head'],
        },
      });
      expect(prepared.status).toBe(200);
      expect(
        (await kit.post(`/api/handover-packages/${packageId}/submit`, both, { password: TEST_PASSWORD })).status,
      ).toBe(200);
      const self = await kit.decide(both, packageId, { verdict: 'accept' });
      expect(self.status).toBe(403);
      expect(
        await kit.q(`SELECT meaning FROM electronic_signatures WHERE record_id = $1 ORDER BY signed_at`, [packageId]),
      ).toEqual([{ meaning: 'authored' }]);
    }, 60_000);
  });
});
