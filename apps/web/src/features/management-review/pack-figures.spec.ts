import { figureNodes, labelOf } from './pack-figures';

describe('pack figures in the console', () => {
  it('labels keys in words and numbers list items from 1', () => {
    expect(labelOf('medianTimeToControlledHours')).toBe('Median time to controlled hours');
    expect(labelOf('customer_complaint')).toBe('Customer complaint');
    expect(labelOf('0')).toBe('#1');
  });

  it('turns any JSON into labelled values and groups; empty lists read "none"', () => {
    expect(
      figureNodes({ total: 2, rate: 0.456, done: true, previousReview: null, actions: [], bySource: { supplier: 1 } }),
    ).toEqual([
      { kind: 'value', label: 'Total', value: '2' },
      { kind: 'value', label: 'Rate', value: '0.46' },
      { kind: 'value', label: 'Done', value: 'yes' },
      { kind: 'value', label: 'Previous review', value: '—' },
      { kind: 'value', label: 'Actions', value: 'none' },
      { kind: 'group', label: 'By source', children: [{ kind: 'value', label: 'Supplier', value: '1' }] },
    ]);
  });

  it('shows a list of flat records as a table, leaving ids out', () => {
    expect(
      figureNodes({
        funnel: [
          { stage: 'explore', inflow: 3, ownerId: 'u1' },
          { stage: 'develop', inflow: 1, ownerId: 'u2' },
        ],
      }),
    ).toEqual([
      {
        kind: 'table',
        label: 'Funnel',
        columns: ['stage', 'inflow'],
        headers: ['Stage', 'Inflow'],
        rows: [
          ['explore', '3'],
          ['develop', '1'],
        ],
      },
    ]);
  });
});
