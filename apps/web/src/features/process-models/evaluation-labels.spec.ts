import { describeEvaluation } from './evaluation-labels';

describe('how a must-meet criterion is decided, in words', () => {
  it('names the data a criterion is judged from, or the gatekeepers', () => {
    expect(describeEvaluation({ kind: 'gatekeeper' })).toBe('Judged by each gatekeeper');
    expect(describeEvaluation({ kind: 'financials_present' })).toBe('From data: the financial estimates are filled in');
  });

  it('says which assumptions must be validated', () => {
    expect(describeEvaluation({ kind: 'assumptions_validated', riskKind: 'desirability', scope: 'riskiest' })).toBe(
      'From data: the riskiest desirability assumptions validated',
    );
    expect(describeEvaluation({ kind: 'assumptions_validated', riskKind: null, scope: 'critical' })).toBe(
      'From data: every critical assumption (importance 4–5) validated',
    );
  });
});
