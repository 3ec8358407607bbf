import { formatMonth, formatShare, monthOfDay, previousMonth, reviewOpen } from './market-labels';

describe('market labels', () => {
  it('shows shares as percentages and nothing as a dash', () => {
    expect(formatShare(0.8125)).toBe('81.3 %');
    expect(formatShare(0)).toBe('0.0 %');
    expect(formatShare(null)).toBe('—');
  });
  it('names months in UTC', () => {
    expect(formatMonth('2026-01')).toBe('Jan 2026');
    expect(formatMonth('nonsense')).toBe('nonsense');
  });
  it('turns dashboard days into months and finds last month across a year', () => {
    expect(monthOfDay('2026-03-31')).toBe('2026-03');
    expect(previousMonth(new Date('2026-01-15T00:00:00Z'))).toBe('2025-12');
  });
  it('opens a review once due and until recorded', () => {
    const now = new Date('2026-06-01T00:00:00Z');
    expect(reviewOpen({ dueAt: '2026-05-31T00:00:00Z', verdict: null }, now)).toBe(true);
    expect(reviewOpen({ dueAt: '2026-06-02T00:00:00Z', verdict: null }, now)).toBe(false);
    expect(reviewOpen({ dueAt: '2026-05-31T00:00:00Z', verdict: 'behind' }, now)).toBe(false);
  });
});
