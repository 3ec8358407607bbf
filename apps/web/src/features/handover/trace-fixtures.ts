import type { components } from '../../api/schema';

type Package = components['schemas']['PackageDto'];
type PackageDocument = components['schemas']['DocumentDto'];
type Revision = components['schemas']['RevisionDto'];
type Trace = components['schemas']['TraceDto'];

/** Test data for the trace specs: a package and documents with every field the API sends, set to the dullest value. */
export function aPackage(fields: Partial<Package>): Package {
  return {
    id: 'pkg-1',
    initiativeId: 'ini-1',
    reviewId: null,
    status: 'accepted',
    productDefinition: {
      title: 'Kiosk check-in',
      problem: 'p',
      valueHypothesis: null,
      horizon: null,
      ambition: null,
      innovationType: null,
      strategicObjective: null,
      owner: { id: 'u', name: 'Owner' },
    },
    requirements: [],
    risks: [],
    checklist: [],
    trainingRoles: [],
    processRecord: null,
    documents: [],
    actions: [],
    signatures: [],
    contentHash: '0'.repeat(64),
    submittedById: null,
    submittedByName: null,
    decidedById: null,
    decidedByName: null,
    decidedAt: null,
    decisionReason: null,
    timeToControlledHours: null,
    timeToControlledSeconds: null,
    ...fields,
  };
}

export function aDocument(fields: Partial<PackageDocument> & { id: string }): PackageDocument {
  return {
    number: null,
    documentType: 'procedure',
    title: `Title of ${fields.id}`,
    ownerId: 'u',
    ownerName: null,
    status: 'controlled',
    originInitiativeId: 'ini-1',
    packageId: 'pkg-1',
    retentionYears: 10,
    trainingRoles: [],
    reviewFlaggedAt: null,
    reviewFlagReason: null,
    citedAssumptionIds: [],
    revisions: [],
    changeRequests: [],
    periodicReview: { dueAt: null, state: 'not_scheduled', intervalMonths: 24, reviews: [] },
    ...fields,
  };
}

export function aRevision(state: Revision['state'], training = { assigned: 0, acknowledged: 0 }): Revision {
  return {
    id: `rev-${state}`,
    revision: 1,
    state,
    title: 't',
    body: 'b',
    effectiveFrom: null,
    effectiveAt: null,
    approvedAt: null,
    endedAt: null,
    approvals: [],
    signatures: [],
    training,
  };
}

/** One requirement from a validated assumption, tested by one experiment with one learning, cited by two documents. */
export const A_TRACE: Trace = {
  origin: null,
  chains: [
    {
      requirement: { key: 'REQ-001', text: 'Patients check in at the kiosk' },
      assumption: { id: 'a1', statement: 'Patients use the kiosk', status: 'validated' },
      experiments: [{ id: 'e1', metric: 'share', result: 'validated' }],
      learnings: [{ id: 'l1', belief: 'Half of the patients use it' }],
      documents: [
        { id: 'd1', number: 'SOP-0001', effectiveRevision: 1, flaggedForReview: false },
        { id: 'd2', number: 'WI-0001', effectiveRevision: null, flaggedForReview: false },
      ],
      training: { assigned: 2, acknowledged: 1 },
    },
  ],
  gaps: [
    { kind: 'document_not_effective', subject: 'WI-0001', detail: 'no effective revision yet' },
    { kind: 'training_not_done', subject: 'SOP-0001', detail: '1 of 2 not acknowledged' },
  ],
};

export const A_PACKAGE = aPackage({
  risks: [
    {
      key: 'RISK-001',
      text: 'Clinics pay monthly (viability, importance 4, invalidated)',
      assumptionId: 'a2',
      status: 'invalidated',
      control: 'c',
    },
    {
      key: 'RISK-002',
      text: 'Staff trust the kiosk (desirability, importance 3, untested)',
      assumptionId: 'a3',
      status: 'untested',
      control: null,
    },
  ],
  documents: [
    aDocument({
      id: 'd1',
      number: 'SOP-0001',
      title: 'Kiosk check-in procedure',
      citedAssumptionIds: ['a1', 'a2', 'a3'],
      revisions: [aRevision('effective', { assigned: 2, acknowledged: 1 })],
    }),
    aDocument({
      id: 'd2',
      number: 'WI-0001',
      title: 'Kiosk work instruction',
      citedAssumptionIds: ['a1'],
      revisions: [aRevision('in_review')],
    }),
  ],
});
