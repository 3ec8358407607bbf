import { checklistDetail, decisionLabel, roleLabel, roleListLabel } from './labels';

describe('labels for the API keys', () => {
  it('writes gate decisions as the gate process names them', () => {
    expect(['go', 'conditional_go', 'kill', 'hold', 'recycle'].map(decisionLabel)).toEqual([
      'Go',
      'Conditional Go',
      'Kill',
      'Hold',
      'Recycle',
    ]);
  });

  it('writes roles by name, and an unknown key as words rather than snake_case', () => {
    expect(roleLabel('quality_head')).toBe('Quality head');
    expect(roleLabel('process_owner')).toBe('process owner');
    expect(roleListLabel('quality_head, gatekeeper')).toBe('Quality head, Gatekeeper');
  });

  it('names the roles of the training audience and leaves other checklist details as the API wrote them', () => {
    expect(checklistDetail({ key: 'training_audience', done: true, detail: 'quality_head, innovation_lead' })).toBe(
      'Quality head, Innovation lead',
    );
    expect(checklistDetail({ key: 'training_audience', done: false, detail: 'none named' })).toBe('none named');
    expect(checklistDetail({ key: 'risks_controlled', done: false, detail: 'without control: quality_risk' })).toBe(
      'without control: quality_risk',
    );
  });
});
