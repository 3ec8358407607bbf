import { coverageLine, defaultRange, exportUrl, rangeOf } from './evidence-range';

describe('evidence range on the page', () => {
  const today = new Date('2026-12-07T12:00:00Z');

  it('defaults to the last twelve months up to today', () => {
    expect(defaultRange(today)).toEqual({ from: '2025-12-08', to: '2026-12-07' });
  });

  it('reads the address and keeps what was typed, for the API to judge', () => {
    expect(rangeOf(new URLSearchParams('from=2026-01-01'), today)).toEqual({ from: '2026-01-01', to: '2026-12-07' });
    expect(rangeOf(new URLSearchParams('from=garbage&to=2026-01-01'), today)).toEqual({
      from: 'garbage',
      to: '2026-01-01',
    });
  });

  it('builds the export addresses', () => {
    expect(exportUrl('zip', { from: '2026-01-01', to: '2026-12-31' })).toBe(
      '/api/evidence/export.zip?from=2026-01-01&to=2026-12-31',
    );
  });

  it('says the coverage in words', () => {
    expect(coverageLine(1, 23)).toBe('1 of 23 clauses has evidence in the period');
    expect(coverageLine(3, 23)).toBe('3 of 23 clauses have evidence in the period');
  });
});
