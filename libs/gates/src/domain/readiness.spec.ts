import { DEFAULT_PROCESS_MODEL } from '@ambidex/portfolio/domain';
import { AssumptionState, checkReadiness, evaluateAssumptions } from './readiness';

const riskiest = {
  kind: 'assumptions_validated' as const,
  riskKind: 'desirability' as const,
  scope: 'riskiest' as const,
};
const a = (riskKind: string, importance: number, status: string): AssumptionState => ({
  statement: `${riskKind}-${importance}`,
  riskKind,
  importance,
  status,
});

describe('evaluateAssumptions', () => {
  it('passes when the most important assumption of the kind is validated', () => {
    expect(
      evaluateAssumptions(riskiest, [
        a('desirability', 5, 'validated'),
        a('desirability', 3, 'untested'),
        a('viability', 5, 'invalidated'),
      ]).pass,
    ).toBe(true);
  });

  it('fails while any of the equally riskiest is not validated, naming it', () => {
    const result = evaluateAssumptions(riskiest, [
      a('desirability', 5, 'validated'),
      a('desirability', 5, 'inconclusive'),
    ]);
    expect(result).toEqual({ pass: false, detail: 'not validated: “desirability-5” (inconclusive)' });
  });

  it('fails when no assumption of the kind exists', () => {
    expect(evaluateAssumptions(riskiest, [a('feasibility', 5, 'validated')]).pass).toBe(false);
  });

  it("'critical' needs every assumption of importance 4 or 5, of any kind when none is named", () => {
    const critical = { kind: 'assumptions_validated' as const, riskKind: null, scope: 'critical' as const };
    expect(
      evaluateAssumptions(critical, [
        a('viability', 4, 'validated'),
        a('feasibility', 5, 'validated'),
        a('desirability', 3, 'untested'),
      ]).pass,
    ).toBe(true);
    expect(evaluateAssumptions(critical, [a('viability', 4, 'invalidated')]).pass).toBe(false);
  });
});

describe('checkReadiness', () => {
  const deliverables = DEFAULT_PROCESS_MODEL.gates.G2.deliverables.map((d) => ({
    key: d.key,
    name: d.name,
    status: 'done' as const,
    note: null,
  }));

  it('evaluates every data-bound must-meet of G2 and lists open deliverables', () => {
    const report = checkReadiness(DEFAULT_PROCESS_MODEL.gates.G2, {
      deliverables: deliverables.slice(1),
      financialsComplete: false,
      openConditions: 1,
      assumptions: [a('desirability', 5, 'validated')],
    });
    expect(report.ready).toBe(false);
    expect(report.openDeliverables).toEqual(['experiment_plan']);
    expect(Object.fromEntries(report.evaluated.map((c) => [c.key, c.pass]))).toEqual({
      deliverables_complete: false,
      financials_present: false,
      conditions_met: false,
      riskiest_desirability_validated: true,
    });
  });
});
