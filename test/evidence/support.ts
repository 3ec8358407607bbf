import { TEST_PASSWORD, TestApp, TestResponse, TestUser } from '../support/test-app';

export interface EvidenceOverview {
  from: string;
  to: string;
  recordCount: number;
  clauses: {
    id: string;
    title: string;
    recordCount: number;
    records: { id: string; action: string; link: string | null; contentHash: string; signatures: number }[];
  }[];
  missing: { id: string; title: string }[];
}

export const today = (): string => new Date().toISOString().slice(0, 10);

/** The people of an evidence suite: one per role that matters to it. */
export interface EvidencePeople {
  auditor: TestUser;
  quality: TestUser;
  leadership: TestUser;
  lead: TestUser;
  gatekeeper: TestUser;
  admin: TestUser;
}

export async function evidencePeople(app: TestApp): Promise<EvidencePeople> {
  return {
    auditor: await app.newUser(['auditor'], 'auditor'),
    quality: await app.newUser(['quality_head'], 'quality'),
    leadership: await app.newUser(['leadership'], 'leadership'),
    lead: await app.newUser(['innovation_lead'], 'lead'),
    gatekeeper: await app.newUser(['gatekeeper'], 'gatekeeper'),
    admin: await app.newUser(['admin'], 'admin'),
  };
}

const post = async (app: TestApp, url: string, user: TestUser, body: unknown): Promise<TestResponse> => {
  const response = await app.request({ method: 'POST', url, token: user.token, body });
  if (response.status >= 300) throw new Error(`${url}: ${response.status} ${response.body}`);
  return response;
};

/** A nonconformity raised through the API: evidence of ISO 9001 10.2. */
export async function raisedNonconformity(app: TestApp, by: TestUser): Promise<string> {
  const response = await post(app, '/api/nonconformities', by, {
    source: 'customer_complaint',
    severity: 'minor',
    probability: 2,
    description: 'Kiosk receipt printed the wrong date',
  });
  return response.json<{ id: string }>().id;
}

/**
 * An internal audit planned, conducted and its report signed through the API: evidence of 9.2 in both standards,
 * with the auditor's e-signature on the signed entry.
 */
export async function signedAudit(app: TestApp, people: EvidencePeople): Promise<string> {
  const clauses = ['ISO9001-7.5'];
  const planned = await post(app, '/api/audits', people.quality, {
    plannedFor: new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10),
    scope: 'Document control in the handover',
    clauses,
    auditorId: people.auditor.id,
  });
  const id = planned.json<{ id: string }>().id;
  await post(app, `/api/audits/${id}/start`, people.auditor, {});
  for (const clause of clauses)
    await post(app, `/api/audits/${id}/findings`, people.auditor, { clause, finding: 'conformity', note: 'Sampled 3' });
  await post(app, `/api/audits/${id}/report`, people.auditor, { summary: 'No findings', password: TEST_PASSWORD });
  return id;
}

export const overviewUrl = (from: string, to: string): string => `/api/evidence?from=${from}&to=${to}`;
