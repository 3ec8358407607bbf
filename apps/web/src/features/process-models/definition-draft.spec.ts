import { ApiProblem } from '../../api/problem';
import { definitionOf, draftOf, keyFrom, problemForEditor, weightShares } from './definition-draft';
import type { Definition, GateDefinition } from './model';

const gate = (name: string): GateDefinition => ({
  name,
  deliverables: [{ key: 'plan', name: 'Plan' }],
  mustMeet: [
    { key: 'fit', text: 'Fits', evaluation: { kind: 'gatekeeper' } },
    {
      key: 'risky',
      text: 'Riskiest validated',
      evaluation: { kind: 'assumptions_validated', riskKind: null, scope: 'riskiest' },
    },
  ],
  shouldMeet: [{ key: 'size', text: 'Market size', weight: 3 }],
  passMark: 6.5,
  gatekeepersRequired: 2,
  reviewDays: 7,
});
const definition: Definition = { gates: { G1: gate('Concept'), G2: gate('Validation'), G3: gate('Readiness') } };

describe('process model draft', () => {
  it('round-trips a definition through the editor unchanged', () => {
    expect(definitionOf(draftOf(definition))).toEqual(definition);
  });

  it('keeps only the fields each evaluation kind has', () => {
    const draft = draftOf(definition);
    draft.G1.mustMeet[0] = { ...draft.G1.mustMeet[0]!, riskKind: 'viability', scope: 'critical' };
    draft.G1.mustMeet[1] = { ...draft.G1.mustMeet[1]!, riskKind: 'feasibility', scope: 'critical' };
    const out = definitionOf(draft).gates.G1.mustMeet;
    expect(out[0]?.evaluation).toEqual({ kind: 'gatekeeper' });
    expect(out[1]?.evaluation).toEqual({ kind: 'assumptions_validated', riskKind: 'feasibility', scope: 'critical' });
  });

  it('sends an emptied number as NaN, which JSON turns into null for the API to name', () => {
    const draft = draftOf(definition);
    draft.G2.passMark = ' ';
    expect(JSON.parse(JSON.stringify(definitionOf(draft))).gates.G2.passMark).toBeNull();
  });

  it('makes snake_case keys from names', () => {
    expect(keyFrom('Market size (TAM)')).toBe('market_size_tam');
    expect(keyFrom('  Über-Prüfung  ')).toBe('uber_prufung');
    expect(keyFrom('3 pilots')).toBe('k_3_pilots');
    expect(keyFrom('!!!')).toBe('');
    expect(keyFrom('a'.repeat(80))).toHaveLength(63);
  });

  it('shows each weight as its share of the total', () => {
    expect(weightShares(['3', '2', '2'])).toEqual([42.9, 28.6, 28.6]);
    expect(weightShares(['1', '', '0'])).toEqual([100, null, null]);
    expect(weightShares([])).toEqual([]);
  });

  it('moves a problem naming a whole row to the row’s name or text box, and leaves the others', () => {
    const problem = new ApiProblem(422, 'PORTFOLIO.INVALID_PROCESS_MODEL', 'Invalid', '', [
      { field: 'definition.gates.G1.deliverables[0]', reason: 'a text or name is required' },
      { field: 'definition.gates.G2.shouldMeet[1]', reason: 'a text or name is required' },
      { field: 'definition.gates.G1.passMark', reason: 'must be between 0 and 10' },
    ]);
    const mapped = problemForEditor(problem) as ApiProblem;
    expect(mapped.fields.map((f) => f.field)).toEqual([
      'definition.gates.G1.deliverables[0].name',
      'definition.gates.G2.shouldMeet[1].text',
      'definition.gates.G1.passMark',
    ]);
    expect(mapped.status).toBe(422);
    expect(problemForEditor(null)).toBeNull();
  });
});
