import { formatFraction, formatLeadTimeDelta, formatMinutes, formatPointsDelta, leadTimeLine } from './lean-figures';

describe('lean figures in the console', () => {
  it('reads minutes as minutes, hours or days', () => {
    expect(formatMinutes(45)).toBe('45 min');
    expect(formatMinutes(200)).toBe('3.3 h');
    expect(formatMinutes(3 * 24 * 60)).toBe('3 d');
  });

  it('shows fractions as percentages and deltas with their sign', () => {
    expect(formatFraction(0.2)).toBe('20 %');
    expect(formatFraction(null)).toBe('—');
    expect(formatLeadTimeDelta(-100)).toBe('−1.7 h');
    expect(formatLeadTimeDelta(30)).toBe('+30 min');
    expect(formatLeadTimeDelta(0)).toBe('no change');
    expect(formatPointsDelta(0.2)).toBe('+20 pts');
    expect(formatPointsDelta(-0.05)).toBe('−5 pts');
    expect(formatPointsDelta(null)).toBe('—');
  });

  it('draws lead time left to right in time, longer higher, inside the padding', () => {
    const line = leadTimeLine(
      [
        { at: '2026-01-01T00:00:00Z', leadTime: 200 },
        { at: '2026-01-11T00:00:00Z', leadTime: 100 },
        { at: '2026-01-21T00:00:00Z', leadTime: 0 },
      ],
      100,
      50,
      5,
    );
    expect(line).toEqual([
      { x: 5, y: 5 },
      { x: 50, y: 25 },
      { x: 95, y: 45 },
    ]);
    expect(leadTimeLine([{ at: '2026-01-01T00:00:00Z', leadTime: 10 }], 100, 50)).toEqual([{ x: 50, y: 4 }]);
    expect(leadTimeLine([], 100, 50)).toEqual([]);
  });
});
