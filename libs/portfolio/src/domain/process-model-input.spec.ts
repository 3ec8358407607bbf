import fc from 'fast-check';
import { DEFAULT_PROCESS_MODEL } from './process-model';
import { deliverablesOf, parseProcessModelDefinition } from './process-model-input';

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

describe('parseProcessModelDefinition', () => {
  it('accepts the default model unchanged', () => {
    expect(parseProcessModelDefinition(clone(DEFAULT_PROCESS_MODEL))).toEqual({
      ok: true,
      definition: DEFAULT_PROCESS_MODEL,
    });
  });

  it('drops unknown fields instead of storing them', () => {
    const input = clone(DEFAULT_PROCESS_MODEL) as unknown as { gates: { G1: Record<string, unknown> }; extra?: number };
    input.extra = 1;
    input.gates.G1.colour = 'blue';
    const parsed = parseProcessModelDefinition(input);
    expect(parsed).toEqual({ ok: true, definition: DEFAULT_PROCESS_MODEL });
  });

  it.each([
    ['not an object', 'nope', 'definition.gates'],
    [
      'a gate that is not an object',
      { gates: { ...clone(DEFAULT_PROCESS_MODEL).gates, G2: null } },
      'definition.gates.G2',
    ],
    [
      'a list that is not a list',
      { gates: { ...clone(DEFAULT_PROCESS_MODEL).gates, G1: { ...DEFAULT_PROCESS_MODEL.gates.G1, mustMeet: 'x' } } },
      'definition.gates.G1.mustMeet',
    ],
    [
      'an item that is not an object',
      {
        gates: {
          ...clone(DEFAULT_PROCESS_MODEL).gates,
          G3: { ...DEFAULT_PROCESS_MODEL.gates.G3, deliverables: [null] },
        },
      },
      'definition.gates.G3.deliverables[0]',
    ],
    ['an unknown gate', { gates: { ...clone(DEFAULT_PROCESS_MODEL).gates, G4: {} } }, 'definition.gates.G4'],
    [
      'a missing gate',
      { gates: { G1: DEFAULT_PROCESS_MODEL.gates.G1, G2: DEFAULT_PROCESS_MODEL.gates.G2 } },
      'definition.gates.G3',
    ],
    [
      'a pass mark out of range',
      { gates: { ...clone(DEFAULT_PROCESS_MODEL).gates, G1: { ...DEFAULT_PROCESS_MODEL.gates.G1, passMark: 11 } } },
      'definition.gates.G1.passMark',
    ],
  ])('refuses %s, naming the field', (_, input, field) => {
    const parsed = parseProcessModelDefinition(input);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problems.map((p) => p.field)).toContain(field);
  });

  it('never throws, whatever JSON it is given', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        parseProcessModelDefinition({
          gates: { G1: value, G2: { deliverables: [value], mustMeet: value, shouldMeet: [value] }, G3: value },
        });
        parseProcessModelDefinition(value);
      }),
    );
  });

  it('lists the deliverables of every gate in the model order', () => {
    const rows = deliverablesOf(DEFAULT_PROCESS_MODEL);
    expect(rows).toHaveLength(9);
    expect(rows[0]).toEqual({ gate: 'G1', key: 'opportunity_statement', name: expect.any(String), position: 0 });
    expect(rows.map((r) => r.gate)).toEqual(['G1', 'G1', 'G1', 'G2', 'G2', 'G2', 'G3', 'G3', 'G3']);
  });
});
