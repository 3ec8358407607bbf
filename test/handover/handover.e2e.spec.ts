import { eventually } from '@ambidex/testing';
import { TEST_PASSWORD, TestApp } from '../support/test-app';
import { HandoverCast, handoverCast, initiativeThroughG3, preparedAndSubmitted } from './support';

interface PackageBody {
  status: string;
  requirements: { key: string; experimentIds: string[] }[];
  risks: { key: string; control: string | null }[];
  checklist: { key: string; done: boolean }[];
  documents: {
    id: string;
    number: string | null;
    status: string;
    revisions: { id: string; state: string; signatures: { status: string; meaning: string }[] }[];
  }[];
  signatures: { meaning: string; status: string; printedName: string; manifestation: string }[];
  timeToControlledHours: number | null;
  processRecord: Record<string, unknown> | null;
}

/** From a G3 Go to controlled ISO 9001 records: package, two-party signed acceptance, approval, effectivity, training. */
describe('handover to the QMS', () => {
  let app: TestApp;
  let cast: HandoverCast;

  beforeAll(async () => {
    app = await TestApp.startIsolated({ worker: true });
    cast = await handoverCast(app);
  });
  afterAll(() => app.close());

  const pkgOf = async (packageId: string): Promise<PackageBody> =>
    (await app.request({ url: `/api/handover-packages/${packageId}`, token: cast.quality.token })).json<PackageBody>();

  it('assembles a package from the evidence once per G3 Go; the job run again adds nothing', async () => {
    const { packageId, initiativeId } = await initiativeThroughG3(app, cast);
    const pkg = await pkgOf(packageId);
    expect(pkg.status).toBe('draft');
    expect(pkg.requirements).toEqual([
      expect.objectContaining({ key: 'REQ-001', experimentIds: [expect.any(String)] }),
    ]);
    expect(pkg.risks).toEqual([expect.objectContaining({ key: 'RISK-001', control: null })]);
    expect(pkg.documents.map((d) => d.status)).toEqual([
      'draft_in_package',
      'draft_in_package',
      'draft_in_package',
      'draft_in_package',
    ]);
    expect(pkg.checklist.filter((i) => !i.done).map((i) => i.key)).toEqual([
      'risks_controlled',
      'kpi_baselines',
      'training_audience',
    ]);
    // API fields are camelCase, the process record's too (it was the table's row, snake_case keys and all).
    expect(pkg.processRecord).toMatchObject({
      ownerId: expect.any(String),
      risksAndControls: expect.any(Array),
      status: 'draft',
      controlledAt: null,
    });
    expect(Object.keys(pkg.processRecord ?? {}).filter((key) => key.includes('_'))).toEqual([]);
    const { AssembleHandoverPackage } = await import('@ambidex/handover');
    const [review] = (await app.dataSource.query(`SELECT review_id FROM handover_packages WHERE id = $1`, [
      packageId,
    ])) as { review_id: string }[];
    await expect(app.app.get(AssembleHandoverPackage).run(initiativeId, review?.review_id ?? '')).resolves.toBe(
      'exists',
    );
    await expect(app.count(`controlled_documents WHERE package_id = '${packageId}'`)).resolves.toBe(4);
  });

  it('is accepted as a signed two-party transaction, then numbered, approved, effective and trained: controlled', async () => {
    const { packageId, initiativeId } = await initiativeThroughG3(app, cast);
    const badPassword = await app.request({
      method: 'POST',
      url: `/api/handover-packages/${packageId}/submit`,
      token: cast.owner.token,
      body: { password: 'wrong-password-1' },
    });
    expect(badPassword.json()).toMatchObject({ status: 422, code: 'QMS.SIGNING_PASSWORD_WRONG' });
    await preparedAndSubmitted(app, cast, packageId);
    const notQuality = await app.request({
      method: 'POST',
      url: `/api/handover-packages/${packageId}/decision`,
      token: cast.owner.token,
      body: { password: TEST_PASSWORD, verdict: 'accept' },
    });
    expect(notQuality.status).toBe(403);
    const accepted = await app.request({
      method: 'POST',
      url: `/api/handover-packages/${packageId}/decision`,
      token: cast.quality.token,
      body: { password: TEST_PASSWORD, verdict: 'accept' },
    });
    expect(accepted.status).toBe(200);

    let pkg = await pkgOf(packageId);
    expect(pkg.status).toBe('accepted');
    expect(pkg.signatures.map((s) => [s.meaning, s.status])).toEqual([
      ['authored', 'valid'],
      ['accepted', 'valid'],
    ]);
    expect(pkg.documents.map((d) => d.number?.replace(/\d+/, 'n')).sort()).toEqual(['CP-n', 'SOP-n', 'SPEC-n', 'WI-n']);
    const [state] = (await app.dataSource.query(`SELECT stage, status FROM initiatives WHERE id = $1`, [
      initiativeId,
    ])) as object[];
    expect(state).toEqual({ stage: 'in_operation', status: 'handed_over' });

    for (const doc of pkg.documents) {
      const revision = doc.revisions[0];
      const approved = await app.request({
        method: 'POST',
        url: `/api/revisions/${revision?.id}/approval`,
        token: cast.quality.token,
        body: { password: TEST_PASSWORD, decision: 'approved' },
      });
      expect(approved.json()).toMatchObject({ state: 'effective' });
    }
    await expect(
      app.dataSource.query(`UPDATE document_revisions SET body = 'tampered' WHERE id = $1`, [
        pkg.documents[0]?.revisions[0]?.id,
      ]),
    ).rejects.toThrow(/never changes/);
    const training = (await app.request({ url: '/api/me/training', token: cast.quality.token })).json<
      { id: string }[]
    >();
    expect(training).toHaveLength(4);
    for (const t of training)
      await app.request({ method: 'POST', url: `/api/training/${t.id}/acknowledge`, token: cast.quality.token });
    pkg = await eventually(
      () => pkgOf(packageId),
      (p) => p.timeToControlledHours !== null,
      15_000,
    );
    expect(pkg.timeToControlledHours).toBeGreaterThanOrEqual(0);
    expect(
      pkg.documents.every((d) =>
        d.revisions[0]?.signatures.some((s) => s.meaning === 'approved' && s.status === 'valid'),
      ),
    ).toBe(true);
    // Controlled once, announced once, committed with the change (the dashboards' time-to-controlled ends there).
    const [portfolio] = (await app.dataSource.query(`SELECT portfolio_id FROM initiatives WHERE id = $1`, [
      initiativeId,
    ])) as { portfolio_id: string }[];
    await expect(
      app.dataSource.query(
        `SELECT aggregate_type, aggregate_id, payload FROM outbox_events WHERE event_type = 'handover.package-controlled' AND aggregate_id = $1`,
        [packageId],
      ),
    ).resolves.toEqual([
      {
        aggregate_type: 'handover_package',
        aggregate_id: packageId,
        payload: { packageId, initiativeId, portfolioId: portfolio?.portfolio_id },
      },
    ]);
    // …which the dashboards' read model takes up: the initiative's time-to-controlled sample.
    await expect(
      eventually(
        async () =>
          (await app.dataSource.query(
            `SELECT count(*)::int AS n FROM insights_samples WHERE initiative_id = $1 AND metric = 'ttc'`,
            [initiativeId],
          )) as { n: number }[],
        (rows) => rows[0]?.n === 1,
        15_000,
      ),
    ).resolves.toEqual([{ n: 1 }]);

    const trace = (
      await app.request({ url: `/api/handover-packages/${packageId}/trace`, token: cast.owner.token })
    ).json<{ chains: { documents: unknown[]; training: { acknowledged: number } }[]; gaps: unknown[] }>();
    expect(trace.chains[0]?.documents).toHaveLength(4);
    expect(trace.gaps).toEqual([]);
    expect(trace).toMatchObject({ origin: null });
    // An initiative operations raised shows its origin at the start of the trace (set here as intake would).
    const originId = '00000000-0000-4000-8000-000000000007';
    await app.dataSource.query(
      `UPDATE initiatives SET origin_type = 'nonconformity', origin_id = $2, origin_label = 'NC-0007' WHERE id = $1`,
      [initiativeId, originId],
    );
    const traced = await app.request({ url: `/api/handover-packages/${packageId}/trace`, token: cast.owner.token });
    expect(traced.json()).toMatchObject({ origin: { type: 'nonconformity', id: originId, label: 'NC-0007' } });

    const pdf = await app.app.inject({
      method: 'GET',
      url: `/api/handover-packages/${packageId}/dossier.pdf`,
      headers: { authorization: `Bearer ${cast.owner.token}` },
    });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('cannot be accepted with open checklist items, except on conditions that become tracked actions', async () => {
    const { packageId } = await initiativeThroughG3(app, cast);
    await app.request({
      method: 'POST',
      url: `/api/handover-packages/${packageId}/submit`,
      token: cast.owner.token,
      body: { password: TEST_PASSWORD },
    });
    const refused = await app.request({
      method: 'POST',
      url: `/api/handover-packages/${packageId}/decision`,
      token: cast.quality.token,
      body: { password: TEST_PASSWORD, verdict: 'accept' },
    });
    expect(refused.json()).toMatchObject({ status: 409, code: 'HANDOVER.CHECKLIST_OPEN' });
    const due = new Date(Date.now() + 86_400_000).toISOString();
    const conditional = await app.request({
      method: 'POST',
      url: `/api/handover-packages/${packageId}/decision`,
      token: cast.quality.token,
      body: {
        password: TEST_PASSWORD,
        verdict: 'accept_with_conditions',
        conditions: [{ text: 'Measure the baselines', ownerId: cast.owner.id, dueAt: due }],
      },
    });
    expect(conditional.status).toBe(200);
    const pkg = await pkgOf(packageId);
    expect(pkg.status).toBe('accepted_with_conditions');
  });

  it('a rejection sends the initiative back to develop; signed content that changes voids its signature', async () => {
    const { packageId, initiativeId } = await initiativeThroughG3(app, cast);
    await preparedAndSubmitted(app, cast, packageId);
    await app.dataSource.query(`UPDATE handover_packages SET risks = '[]' WHERE id = $1`, [packageId]);
    expect((await pkgOf(packageId)).signatures).toEqual([
      expect.objectContaining({ meaning: 'authored', status: 'void' }),
    ]);
    const bare = await app.request({
      method: 'POST',
      url: `/api/handover-packages/${packageId}/decision`,
      token: cast.quality.token,
      body: { password: TEST_PASSWORD, verdict: 'reject' },
    });
    expect(bare.json()).toMatchObject({ status: 422, errors: [{ field: 'reason' }] });
    await app.request({
      method: 'POST',
      url: `/api/handover-packages/${packageId}/decision`,
      token: cast.quality.token,
      body: { password: TEST_PASSWORD, verdict: 'reject', reason: 'risks unclear' },
    });
    const [state] = (await app.dataSource.query(`SELECT stage, status FROM initiatives WHERE id = $1`, [
      initiativeId,
    ])) as object[];
    expect(state).toEqual({ stage: 'develop', status: 'active' });
  });
});
