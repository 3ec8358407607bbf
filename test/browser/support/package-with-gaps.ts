import { eventually } from '@ambidex/testing';
import { HandoverCast, initiativeThroughG3 } from '../../handover/support';
import { TEST_PASSWORD, TestApp } from '../../support/test-app';

export const UNTESTED_ASSUMPTION = 'The front desk restocks kiosk paper daily';

interface PackageBody {
  reviewId: string | null;
  risks: { key: string; status: string }[];
  processRecord: { kpis: { name: string }[] } | null;
  documents: { id: string; number: string | null; title: string; revisions: { id: string }[] }[];
}

export interface PackageWithGaps {
  initiativeId: string;
  packageId: string;
  reviewId: string;
  /** In document-type order, as the package lists them. */
  documents: { id: string; number: string; title: string; revisionId: string }[];
  /** The three gaps built in: an untested assumption (risk key), a document never approved, a training not acknowledged. */
  gaps: { untestedRisk: string; notEffective: string; trainingOpen: string };
}

/**
 * A handover package taken through the API to a state with three known gaps: an assumption handed over untested
 * (a risk with a control but no experiment), accepted by the quality head, three of its four documents approved and
 * effective (the fourth never approved), and the quality head's training acknowledged on two of those three.
 */
export async function packageWithGaps(app: TestApp, cast: HandoverCast): Promise<PackageWithGaps> {
  const { initiativeId, packageId } = await initiativeThroughG3(app, cast, [UNTESTED_ASSUMPTION]);
  const read = async () =>
    (await app.request({ url: `/api/handover-packages/${packageId}`, token: cast.quality.token })).json<PackageBody>();
  const draft = await read();
  const call = async (token: string, method: 'PATCH' | 'POST', url: string, body: unknown) => {
    const response = await app.request({ method, url, token, body });
    if (response.status !== 200) throw new Error(`${method} ${url}: ${response.status} ${response.body}`);
  };
  await call(cast.owner.token, 'PATCH', `/api/handover-packages/${packageId}`, {
    riskControls: draft.risks.map((r) => ({ key: r.key, control: 'Weekly check by the clinic manager' })),
    kpiBaselines: (draft.processRecord?.kpis ?? []).map((k, i) => ({ name: k.name, baseline: 4 + i })),
    trainingRoles: ['quality_head'],
  });
  await call(cast.owner.token, 'POST', `/api/handover-packages/${packageId}/submit`, { password: TEST_PASSWORD });
  await call(cast.quality.token, 'POST', `/api/handover-packages/${packageId}/decision`, {
    password: TEST_PASSWORD,
    verdict: 'accept',
  });

  const accepted = await read();
  const documents = accepted.documents.map((d) => ({
    id: d.id,
    number: d.number ?? '',
    title: d.title,
    revisionId: d.revisions[0]?.id ?? '',
  }));
  const [first, second, third, fourth] = documents;
  if (first === undefined || second === undefined || third === undefined || fourth === undefined)
    throw new Error('the package should have four documents');
  for (const d of [first, second, third]) {
    await call(cast.quality.token, 'POST', `/api/revisions/${d.revisionId}/approval`, {
      password: TEST_PASSWORD,
      decision: 'approved',
    });
  }
  const training = await eventually(
    async () =>
      (await app.request({ url: '/api/me/training', token: cast.quality.token })).json<
        { id: string; documentNumber: string | null }[]
      >(),
    (list) => list.length === 3,
    15_000,
  );
  for (const t of training.filter((t) => t.documentNumber === first.number || t.documentNumber === second.number)) {
    await call(cast.quality.token, 'POST', `/api/training/${t.id}/acknowledge`, {});
  }
  const untested = accepted.risks.find((r) => r.status === 'untested');
  return {
    initiativeId,
    packageId,
    reviewId: accepted.reviewId ?? '',
    documents,
    gaps: { untestedRisk: untested?.key ?? '', notEffective: fourth.number, trainingOpen: third.number },
  };
}
