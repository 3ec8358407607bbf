import { draftDocument, DRAFT_TYPES } from './document-templates';
import { AssumptionFact, deriveRequirements, deriveRisks, packageKpis, readinessChecklist } from './package-content';

const assumptions: AssumptionFact[] = [
  { id: 'a1', statement: 'Patients use the kiosk', riskKind: 'desirability', importance: 5, status: 'validated' },
  { id: 'a2', statement: 'Kiosk survives cleaning', riskKind: 'feasibility', importance: 3, status: 'untested' },
  { id: 'a3', statement: 'Clinics pay monthly', riskKind: 'viability', importance: 4, status: 'invalidated' },
];
const experiments = [
  {
    id: 'e1',
    assumptionIds: ['a1'],
    metric: 'kiosk share',
    comparison: '>=',
    threshold: 0.3,
    result: 'validated',
    value: 0.42,
  },
];
const learnings = [
  { id: 'l1', experimentId: 'e1', observed: 'o', belief: 'b', decision: 'persevere', confidence: 'high' },
];

describe('handover package content', () => {
  it('turns validated assumptions into requirements linked to their evidence', () => {
    expect(deriveRequirements(assumptions, experiments, learnings)).toEqual([
      {
        key: 'REQ-001',
        text: 'Patients use the kiosk — shown by kiosk share 0.42 (threshold >= 0.3)',
        assumptionId: 'a1',
        evidence: { experimentIds: ['e1'], learningIds: ['l1'] },
      },
    ]);
  });

  it('turns open and invalidated assumptions into risks, invalidated first', () => {
    expect(deriveRisks(assumptions).map((r) => [r.key, r.assumptionId])).toEqual([
      ['RISK-001', 'a3'],
      ['RISK-002', 'a2'],
    ]);
  });

  it("measures the Lean KPIs plus each validated experiment's metric, whose value is its first baseline", () => {
    const refuted = {
      id: 'e2',
      assumptionIds: ['a3'],
      metric: 'monthly payers',
      comparison: '>=',
      threshold: 0.5,
      result: 'invalidated',
      value: 0.1,
    };
    expect(packageKpis([...experiments, refuted], new Map([['Lead time', 36]]))).toEqual([
      { name: 'Process time', unit: 'min', baseline: null },
      { name: 'Lead time', unit: 'h', baseline: 36 },
      { name: '% complete and accurate', unit: '%', baseline: null },
      { name: 'kiosk share', unit: '', baseline: 0.42 },
    ]);
  });

  it('checks transfer readiness item by item', () => {
    const requirements = deriveRequirements(assumptions, experiments, learnings);
    const risks = deriveRisks(assumptions);
    const open = readinessChecklist({
      requirements,
      risks,
      kpis: [{ name: 'lead time', baseline: null }],
      documents: [{ type: 'procedure', ownerId: null }],
      trainingRoles: [],
    })
      .filter((i) => !i.done)
      .map((i) => i.key);
    expect(open).toEqual(['risks_controlled', 'kpi_baselines', 'documents_owned', 'training_audience']);
    const done = readinessChecklist({
      requirements,
      risks: risks.map((r) => ({ ...r, control: 'monthly check' })),
      kpis: [{ name: 'lead time', baseline: 3 }],
      documents: [{ type: 'procedure', ownerId: 'u1' }],
      trainingRoles: ['quality_head'],
    });
    expect(done.every((i) => i.done)).toBe(true);
  });

  it.each(DRAFT_TYPES)('drafts a %s from the initiative data', (type) => {
    const draft = draftDocument(type, {
      title: 'Kiosk check-in',
      problem: 'Queues',
      valueHypothesis: 'Shorter waits',
      ownerName: 'Iris',
      requirements: deriveRequirements(assumptions, experiments, learnings),
      risks: deriveRisks(assumptions),
      kpis: [{ name: 'lead time', baseline: 3, unit: 'min' }],
    });
    expect(draft.title).toContain('Kiosk check-in');
    expect(draft.body.length).toBeGreaterThan(20);
  });
});
