import { AssumptionImpactHandler } from '@ambidex/qms';
import { eventually } from '@ambidex/testing';
import { TEST_PASSWORD, TestApp, TestResponse, TestUser } from '../support/test-app';
import { pdfText } from './pdf-text';
import { g3Go, HandoverCast, handoverCast, initiativeThroughG3, preparedAndSubmitted } from './support';

interface Signature {
  meaning: string;
  status: string;
  printedName: string;
  manifestation: string;
}
interface Doc {
  id: string;
  documentType: string;
  status: string;
  ownerId: string;
  ownerName: string | null;
  trainingRoles: string[];
  revisions: {
    id: string;
    title: string;
    body: string;
    approvals: { approverId: string; approverName: string | null }[];
  }[];
}
interface PackageBody {
  id: string;
  status: string;
  risks: { key: string; control: string | null }[];
  checklist: { key: string; done: boolean }[];
  trainingRoles: string[];
  processRecord: { inputs: string[]; kpis: { name: string; baseline: number | null }[] } | null;
  documents: Doc[];
  signatures: Signature[];
  actions: { id: string; ownerId: string; ownerName: string | null; doneAt: string | null; doneNote: string | null }[];
  decidedById: string | null;
  decidedByName: string | null;
  timeToControlledHours: number | null;
  timeToControlledSeconds: number | null;
}
interface InboxItem {
  kind: string;
  subjectId: string;
  doneAt: string | null;
}

/** What an integrator driving the whole handover lifecycle through the API ran into. */
describe('the handover lifecycle driven through the API', () => {
  jest.setTimeout(120_000);
  let app: TestApp;
  let cast: HandoverCast;

  beforeAll(async () => {
    app = await TestApp.startIsolated({ worker: true });
    cast = await handoverCast(app);
  }, 120_000);
  afterAll(() => app.close());

  const get = (url: string, user: TestUser = cast.owner): Promise<TestResponse> =>
    app.request({ url, token: user.token });
  const post = (url: string, user: TestUser, body?: unknown): Promise<TestResponse> =>
    app.request({ method: 'POST', url, token: user.token, body });
  const pkgOf = async (packageId: string): Promise<PackageBody> =>
    (await get(`/api/handover-packages/${packageId}`, cast.quality)).json<PackageBody>();
  const decide = (packageId: string, body: Record<string, unknown>, user = cast.quality): Promise<TestResponse> =>
    post(`/api/handover-packages/${packageId}/decision`, user, { password: TEST_PASSWORD, ...body });
  const inbox = async (user: TestUser): Promise<InboxItem[]> =>
    (await get('/api/me/inbox?all=true', user)).json<InboxItem[]>();
  const nameOf = async (user: TestUser): Promise<string> =>
    (
      (await app.dataSource.query(`SELECT display_name FROM users WHERE id = $1`, [user.id])) as {
        display_name: string;
      }[]
    )[0]?.display_name ?? '';
  const controlPlan = (pkg: PackageBody): string =>
    pkg.documents.find((d) => d.documentType === 'control_plan')?.revisions[0]?.body ?? '';

  it('a wrong signing password is 422 QMS.SIGNING_PASSWORD_WRONG, not 401; a rejection is signed (meaning: rejected) and shown with the other signatures', async () => {
    const { packageId } = await initiativeThroughG3(app, cast);
    const wrongSubmit = await post(`/api/handover-packages/${packageId}/submit`, cast.owner, {
      password: 'wrong-password-1',
    });
    expect(wrongSubmit.json()).toMatchObject({
      status: 422,
      code: 'QMS.SIGNING_PASSWORD_WRONG',
      errors: [{ field: 'password' }],
    });
    await preparedAndSubmitted(app, cast, packageId);
    const wrongDecision = await decide(packageId, {
      password: 'wrong-password-1',
      verdict: 'reject',
      reason: 'risks unclear',
    });
    expect(wrongDecision.json()).toMatchObject({ status: 422, code: 'QMS.SIGNING_PASSWORD_WRONG' });
    expect((await pkgOf(packageId)).status).toBe('submitted');

    expect((await decide(packageId, { verdict: 'reject', reason: 'risks unclear' })).status).toBe(200);
    const pkg = await pkgOf(packageId);
    expect(pkg.signatures.map((s) => [s.meaning, s.status, s.printedName])).toEqual([
      ['authored', 'valid', await nameOf(cast.owner)],
      ['rejected', 'valid', await nameOf(cast.quality)],
    ]);
    expect(pkg.signatures[1]?.manifestation).toMatch(/meaning: rejected$/);
    expect({ id: pkg.decidedById, name: pkg.decidedByName }).toEqual({
      id: cast.quality.id,
      name: await nameOf(cast.quality),
    });
    const pdf = await app.app.inject({
      method: 'GET',
      url: `/api/handover-packages/${packageId}/dossier.pdf`,
      headers: { authorization: `Bearer ${cast.owner.token}` },
    });
    expect(pdfText(pdf.rawPayload)).toContain('meaning: rejected');
  });

  it('after a rejection the next package carries over what the lead prepared; the rejected drafts are withdrawn, so they are listed and flagged once', async () => {
    const { initiativeId, packageId: rejectedId, validatedAssumptionId } = await initiativeThroughG3(app, cast);
    await app.request({
      method: 'PATCH',
      url: `/api/handover-packages/${rejectedId}`,
      token: cast.owner.token,
      body: { processRecord: { inputs: ['Patient arrives'] } },
    });
    await preparedAndSubmitted(app, cast, rejectedId);
    expect((await decide(rejectedId, { verdict: 'reject', reason: 'the reaction plan is missing' })).status).toBe(200);

    const rejected = await pkgOf(rejectedId);
    expect(rejected.documents.map((d) => d.status)).toEqual(['withdrawn', 'withdrawn', 'withdrawn', 'withdrawn']);
    expect((await get(`/api/documents?initiativeId=${initiativeId}`)).json()).toEqual([]);

    const { packageId } = await g3Go(app, cast, initiativeId, 2);
    const pkg = await pkgOf(packageId);
    expect(pkg.risks).toEqual([expect.objectContaining({ key: 'RISK-001', control: 'Monthly invoicing fallback' })]);
    expect(pkg.processRecord?.kpis.slice(0, 3).map((k) => [k.name, k.baseline])).toEqual([
      ['Process time', 4],
      ['Lead time', 0.5],
      ['% complete and accurate', 92],
    ]);
    expect(pkg.processRecord?.inputs).toEqual(['Patient arrives']);
    expect(pkg.trainingRoles).toEqual(['quality_head']);
    expect(pkg.documents.every((d) => d.trainingRoles.join() === 'quality_head')).toBe(true);
    expect(pkg.checklist.filter((i) => !i.done)).toEqual([]);
    expect(controlPlan(pkg)).toContain('Process time: baseline 4 min');

    const listed = (await get(`/api/documents?initiativeId=${initiativeId}`)).json<
      { id: string; packageId: string }[]
    >();
    expect(listed.map((d) => d.packageId)).toEqual([packageId, packageId, packageId, packageId]);
    await expect(app.app.get(AssumptionImpactHandler).flag(validatedAssumptionId)).resolves.toBe(4);
    const flagItems = (await inbox(cast.owner)).filter((i) => i.kind === 'document_review_flagged');
    expect(flagItems.map((i) => i.subjectId).sort()).toEqual(listed.map((d) => d.id).sort());
  });

  it('KPI baselines and risk controls set on the package render into its drafts until submitted; a draft edited by hand is left alone', async () => {
    const { packageId } = await initiativeThroughG3(app, cast);
    expect(controlPlan(await pkgOf(packageId))).toContain('Process time: baseline TO BE MEASURED min');
    const patch = (body: unknown): Promise<TestResponse> =>
      app.request({ method: 'PATCH', url: `/api/handover-packages/${packageId}`, token: cast.owner.token, body });
    expect((await patch({ documents: [{ type: 'procedure', body: 'Written by hand' }] })).status).toBe(200);
    expect(
      (
        await patch({
          kpiBaselines: [{ name: 'Process time', baseline: 4 }],
          riskControls: [{ key: 'RISK-001', control: 'Monthly invoicing fallback' }],
        })
      ).status,
    ).toBe(200);
    const pkg = await pkgOf(packageId);
    expect(controlPlan(pkg)).toContain('Process time: baseline 4 min');
    expect(controlPlan(pkg)).not.toContain('Process time: baseline TO BE MEASURED');
    expect(controlPlan(pkg)).toContain('control: Monthly invoicing fallback');
    expect(pkg.documents.find((d) => d.documentType === 'specification')?.revisions[0]?.body).toContain(
      'control: Monthly invoicing fallback',
    );
    const procedure = pkg.documents.find((d) => d.documentType === 'procedure');
    expect(procedure?.revisions[0]?.body).toBe('Written by hand');
    // The hand edit is the document's history: it goes on the document's audit chain, not the initiative's.
    const edits = (await app.dataSource.query(
      `SELECT chain_key, actor_id, after->>'body' AS body FROM audit_entries WHERE action = 'qms.revision.edited' AND entity_id = $1`,
      [procedure?.id],
    )) as { chain_key: string; actor_id: string; body: string }[];
    expect(edits).toEqual([
      { chain_key: `controlled_document:${procedure?.id}`, actor_id: cast.owner.id, body: 'Written by hand' },
    ]);
  });

  it('the owner is told of assembly and verdict; review and initiative link to the package; names stand beside user ids, in the PDF too', async () => {
    const { initiativeId, packageId } = await initiativeThroughG3(app, cast);
    const assembled = (await inbox(cast.owner)).filter((i) => i.subjectId === packageId);
    expect(assembled).toEqual([expect.objectContaining({ kind: 'handover_package_assembled', doneAt: null })]);

    const [review] = (await app.dataSource.query(`SELECT review_id FROM handover_packages WHERE id = $1`, [
      packageId,
    ])) as { review_id: string }[];
    const reviewBody = (await get(`/api/reviews/${review?.review_id}`)).json<{
      handoverPackageId: string;
      chairId: string;
      chairName: string;
      gatekeepers: { id: string; name: string }[];
    }>();
    expect(reviewBody.handoverPackageId).toBe(packageId);
    expect(reviewBody.chairName).toBe(await nameOf(cast.chair));
    expect(reviewBody.gatekeepers.map((g) => g.name).sort()).toEqual(
      (await Promise.all(cast.gatekeepers.map(nameOf))).sort(),
    );
    const initiative = (await get(`/api/initiatives/${initiativeId}`)).json<{
      ownerName: string;
      handoverPackage: { id: string; status: string };
    }>();
    expect(initiative).toMatchObject({
      ownerName: await nameOf(cast.owner),
      handoverPackage: { id: packageId, status: 'draft' },
    });
    const reviews = (await get(`/api/initiatives/${initiativeId}/reviews`)).json<{ chairName: string }[]>();
    expect(reviews.map((r) => r.chairName)).toEqual([await nameOf(cast.chair)]);
    const page = (await get('/api/initiatives?limit=100')).json<{ items: { id: string; ownerName: string }[] }>();
    expect(page.items.find((i) => i.id === initiativeId)?.ownerName).toBe(await nameOf(cast.owner));

    await preparedAndSubmitted(app, cast, packageId);
    const due = new Date(Date.now() + 86_400_000).toISOString();
    const conditions = [{ text: 'Measure the baselines again', ownerId: cast.owner.id, dueAt: due }];
    expect((await decide(packageId, { verdict: 'accept_with_conditions', conditions })).status).toBe(200);
    const items = (await inbox(cast.owner)).filter((i) => i.subjectId === packageId);
    expect(items.map((i) => [i.kind, i.doneAt === null])).toEqual(
      expect.arrayContaining([
        ['handover_package_assembled', false],
        ['handover_package_accepted_with_conditions', true],
      ]),
    );

    const pkg = await pkgOf(packageId);
    const ownerName = await nameOf(cast.owner);
    expect(pkg.actions).toEqual([expect.objectContaining({ ownerId: cast.owner.id, ownerName })]);
    expect(pkg.documents.every((d) => d.ownerName === ownerName)).toBe(true);
    expect(pkg.documents[0]?.revisions[0]?.approvals).toEqual([
      expect.objectContaining({ approverId: cast.quality.id, approverName: await nameOf(cast.quality) }),
    ]);
    const pdf = await app.app.inject({
      method: 'GET',
      url: `/api/handover-packages/${packageId}/dossier.pdf`,
      headers: { authorization: `Bearer ${cast.owner.token}` },
    });
    const text = pdfText(pdf.rawPayload);
    expect(text).toContain(`owner ${ownerName}`);
    expect(text).not.toContain(cast.owner.id);
  });

  it("closing an action: others get 403, its owner's note reads back; time to controlled is in seconds; a new revision closes the flag items", async () => {
    const { packageId, validatedAssumptionId } = await initiativeThroughG3(app, cast);
    await preparedAndSubmitted(app, cast, packageId);
    const due = new Date(Date.now() + 86_400_000).toISOString();
    await decide(packageId, {
      verdict: 'accept_with_conditions',
      conditions: [{ text: 'Audit after a month', ownerId: cast.owner.id, dueAt: due }],
    });
    let pkg = await pkgOf(packageId);
    const actionId = pkg.actions[0]?.id ?? '';
    const notOwner = await post(`/api/handover-actions/${actionId}/done`, cast.outsider, { note: 'not mine' });
    expect(notOwner.json()).toMatchObject({ status: 403, code: 'HANDOVER.NOT_ACTION_OWNER' });
    expect(
      (await post(`/api/handover-actions/${actionId}/done`, cast.owner, { note: 'Audited on day 30: no findings' }))
        .status,
    ).toBe(200);

    for (const doc of pkg.documents) {
      const approved = await post(`/api/revisions/${doc.revisions[0]?.id}/approval`, cast.quality, {
        password: TEST_PASSWORD,
        decision: 'approved',
      });
      expect(approved.json()).toMatchObject({ state: 'effective' });
    }
    for (const t of (await get('/api/me/training', cast.quality)).json<
      { id: string; acknowledgedAt: string | null }[]
    >()) {
      if (t.acknowledgedAt === null) await post(`/api/training/${t.id}/acknowledge`, cast.quality);
    }
    pkg = await eventually(
      () => pkgOf(packageId),
      (p) => p.timeToControlledSeconds !== null,
      15_000,
    );
    expect(pkg.actions[0]).toMatchObject({ doneNote: 'Audited on day 30: no findings', doneAt: expect.any(String) });
    expect(Number.isInteger(pkg.timeToControlledSeconds)).toBe(true);
    expect(pkg.timeToControlledSeconds).toBeGreaterThan(0);
    expect(Math.abs((pkg.timeToControlledSeconds ?? 0) / 3600 - (pkg.timeToControlledHours ?? 0))).toBeLessThan(0.01);

    // A cited assumption is invalidated: the documents are flagged; a change request's new revision answers the flag.
    await app.app.get(AssumptionImpactHandler).flag(validatedAssumptionId);
    const doc = pkg.documents[0] as Doc;
    const openFlags = async (): Promise<InboxItem[]> =>
      (await inbox(cast.owner)).filter(
        (i) => i.kind === 'document_review_flagged' && i.subjectId === doc.id && i.doneAt === null,
      );
    expect(await openFlags()).toHaveLength(1);
    const change = (
      await post(`/api/documents/${doc.id}/change-requests`, cast.owner, {
        reason: 'assumption invalidated',
        impact: 'none',
        proposedTitle: 'New title',
        proposedBody: 'New body',
      })
    ).json<{ id: string }>();
    const wrongPassword = await post(`/api/change-requests/${change.id}/decision`, cast.quality, {
      password: 'wrong-password-1',
      approve: true,
    });
    expect(wrongPassword.json()).toMatchObject({ status: 422, code: 'QMS.SIGNING_PASSWORD_WRONG' });
    expect(
      (
        await post(`/api/change-requests/${change.id}/decision`, cast.quality, {
          password: TEST_PASSWORD,
          approve: true,
        })
      ).status,
    ).toBe(200);
    expect((await get(`/api/documents/${doc.id}`)).json()).toMatchObject({ reviewFlaggedAt: null });
    expect(await openFlags()).toEqual([]);
  });
});
