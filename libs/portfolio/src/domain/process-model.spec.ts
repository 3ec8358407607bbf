import { DEFAULT_PROCESS_MODEL, ProcessModelDefinition, validateProcessModel } from './process-model';

const clone = (): ProcessModelDefinition => JSON.parse(JSON.stringify(DEFAULT_PROCESS_MODEL)) as ProcessModelDefinition;

describe('process model validation', () => {
  it('accepts the default model', () => {
    expect(validateProcessModel(DEFAULT_PROCESS_MODEL)).toEqual([]);
  });

  it.each([
    ['a pass mark above 10', (d: ProcessModelDefinition) => (d.gates.G1.passMark = 11), 'gates.G1.passMark'],
    [
      'no gatekeepers',
      (d: ProcessModelDefinition) => (d.gates.G2.gatekeepersRequired = 0),
      'gates.G2.gatekeepersRequired',
    ],
    [
      'a zero weight',
      (d: ProcessModelDefinition) => (d.gates.G3.shouldMeet[0]!.weight = 0),
      'gates.G3.shouldMeet[0].weight',
    ],
    [
      'a duplicate key',
      (d: ProcessModelDefinition) => (d.gates.G1.deliverables[1]!.key = d.gates.G1.deliverables[0]!.key),
      'gates.G1.deliverables[1].key',
    ],
    [
      'an unknown evaluation',
      (d: ProcessModelDefinition) => ((d.gates.G1.mustMeet[0]!.evaluation as { kind: string }).kind = 'magic'),
      'gates.G1.mustMeet[0].evaluation',
    ],
    [
      'a missing gate',
      (d: ProcessModelDefinition) => delete (d.gates as Partial<ProcessModelDefinition['gates']>).G3,
      'gates.G3',
    ],
    ['no should-meet criteria', (d: ProcessModelDefinition) => (d.gates.G2.shouldMeet = []), 'gates.G2.shouldMeet'],
  ])('names the field for %s', (_, mutate, field) => {
    const definition = clone();
    mutate(definition);
    expect(validateProcessModel(definition).map((p) => p.field)).toContain(field);
  });
});
