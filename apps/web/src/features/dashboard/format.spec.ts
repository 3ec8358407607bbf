import {
  formatCompact,
  formatDate,
  formatDays,
  formatDec2,
  formatGap,
  formatHours,
  formatInt,
  formatOverdue,
  formatPct,
  formatPctTick,
  formatPeriod,
  NONE,
  truncate,
} from './format';

describe('dashboard formatting', () => {
  it('writes a missing figure as a dash, never as zero', () => {
    for (const f of [formatInt, formatCompact, formatDec2, formatPct, formatDays, formatHours]) {
      expect([f(null), f(undefined), f(Number.NaN)]).toEqual([NONE, NONE, NONE]);
    }
    expect(formatInt(0)).toBe('0');
    expect(formatPct(0)).toBe('0%');
  });

  it('writes the tiles as the old dashboard did', () => {
    expect(formatInt(1234567)).toBe('1,234,567');
    expect(formatDec2(0.55)).toBe('0.55');
    expect(formatCompact(15_000)).toBe('15K');
    expect(formatCompact(2_300_000)).toBe('2.3M');
    expect(formatPct(1)).toBe('100%');
    expect(formatPct(0.6667)).toBe('66.7%');
    expect(formatPct(0.1667)).toBe('16.7%');
    expect(formatPctTick(0.2)).toBe('20%');
  });

  it('writes durations in days, and hours as the package page does: minutes, hours, days from two days on', () => {
    expect(formatDays(12.345)).toBe('12.3 d');
    expect(formatHours(960)).toBe('40 days');
    expect(formatHours(47.5)).toBe('47.5 hours');
    expect(formatHours(48)).toBe('2 days');
    // A handover of minutes is not "0.0 h".
    expect(formatHours(0.2)).toBe('12 minutes');
    expect(formatHours(0.005)).toBe('less than a minute');
  });

  it('signs the gap between a share and its target in points', () => {
    expect(formatGap(0.5, 0.7)).toBe('-20 pts');
    expect(formatGap(0.3333, 0.1)).toBe('+23.3 pts');
    expect(formatGap(0.2, 0.2)).toBe('0 pts');
    expect(formatGap(null, 0.2)).toBe(NONE);
  });

  it('reads a calendar day as that UTC day, and describes the period', () => {
    expect(formatDate('2026-01-31')).toBe('31 Jan 2026');
    expect(formatDate('not a date')).toBe(NONE);
    expect(formatPeriod('2026-01-01', '2026-03-31')).toBe('1 Jan 2026 – 31 Mar 2026');
    expect(formatPeriod('2026-01-01', '')).toBe('since 1 Jan 2026');
    expect(formatPeriod('', '2026-03-31')).toBe('until 31 Mar 2026');
    expect(formatPeriod('', '')).toBe('all time');
  });

  it('counts whole days overdue', () => {
    const now = new Date('2026-03-11T12:00:00Z');
    expect(formatOverdue('2026-03-01T12:00:00Z', now)).toBe('10 days');
    expect(formatOverdue('2026-03-10T11:00:00Z', now)).toBe('1 day');
    expect(formatOverdue('2026-03-11T08:00:00Z', now)).toBe('today');
  });

  it('cuts long titles with an ellipsis', () => {
    expect(truncate('Solar roof tiles', 26)).toBe('Solar roof tiles');
    expect(truncate('A very long initiative title indeed', 12)).toBe('A very long…');
  });
});
