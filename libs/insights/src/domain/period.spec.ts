import fc from 'fast-check';
import { csvCell, toCsv } from './csv';
import { dayInPeriod, parsePeriod } from './period';

describe('parsePeriod', () => {
  const ok = (from?: string, to?: string) => {
    const result = parsePeriod(from, to);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    return result.period;
  };
  const problems = (from?: string, to?: string) => {
    const result = parsePeriod(from, to);
    return result.ok ? [] : result.problems.map((p) => p.field);
  };

  it('is open without bounds', () => {
    expect(ok()).toEqual({ fromDay: null, toDay: null });
  });

  it.each([
    [
      'dates: from that day, to the end of the to day',
      '2026-01-01',
      '2026-01-31',
      { fromDay: '2026-01-01', toDay: '2026-02-01' },
    ],
    [
      'a date-time start rounds down to its UTC day',
      '2026-01-01T23:59:59Z',
      undefined,
      { fromDay: '2026-01-01', toDay: null },
    ],
    [
      'an offset moves the instant to UTC first',
      '2026-01-02T01:00:00+02:00',
      undefined,
      { fromDay: '2026-01-01', toDay: null },
    ],
    [
      'a date-time end at 00:00Z is exclusive',
      undefined,
      '2026-03-01T00:00:00Z',
      { fromDay: null, toDay: '2026-03-01' },
    ],
    [
      'a date-time end inside a day covers the day',
      undefined,
      '2026-03-01T00:00:00.001Z',
      { fromDay: null, toDay: '2026-03-02' },
    ],
    ['leap day', '2024-02-29', '2024-02-29', { fromDay: '2024-02-29', toDay: '2024-03-01' }],
    ['year end', undefined, '2025-12-31', { fromDay: null, toDay: '2026-01-01' }],
  ])('%s', (_name, from, to, period) => {
    expect(ok(from, to)).toEqual(period);
  });

  it.each([
    ['not a date', 'yesterday', undefined, ['from']],
    ['no such day', '2026-02-30', undefined, ['from']],
    ['no such day in a date-time', undefined, '2026-02-30T10:00:00Z', ['to']],
    ['a date-time without a zone is ambiguous', '2026-01-01T10:00:00', undefined, ['from']],
    ['hour 24', undefined, '2026-01-01T24:00:00Z', ['to']],
    ['from after to', '2026-02-01', '2026-01-01', ['from']],
    ['an empty period (the same instant)', '2026-02-01T00:00:00Z', '2026-02-01T00:00:00Z', ['from']],
    ['years out of range', '0001-01-01', '9999-12-31', ['from', 'to']],
    ['both wrong', 'x', 'y', ['from', 'to']],
  ])('refuses %s', (_name, from, to, fields) => {
    expect(problems(from, to)).toEqual(fields);
  });

  it('never throws, whatever the text (property)', () => {
    fc.assert(
      fc.property(
        fc.option(fc.string()),
        fc.option(fc.string()),
        (from, to) => void parsePeriod(from ?? undefined, to ?? undefined),
      ),
    );
  });

  it('covers every instant it was asked for (property)', () => {
    const instant = fc.date({
      min: new Date('1971-01-01T00:00:00Z'),
      max: new Date('2090-01-01T00:00:00Z'),
      noInvalidDate: true,
    });
    fc.assert(
      fc.property(instant, instant, (a, b) => {
        const [from, to] = a < b ? [a, b] : [b, a];
        if (from.getTime() === to.getTime()) return;
        const result = parsePeriod(from.toISOString(), to.toISOString());
        if (!result.ok) throw new Error(JSON.stringify(result.problems));
        expect(dayInPeriod(from.toISOString().slice(0, 10), result.period)).toBe(true);
        // The last instant before `to` is inside.
        expect(dayInPeriod(new Date(to.getTime() - 1).toISOString().slice(0, 10), result.period)).toBe(true);
      }),
    );
  });
});

describe('CSV', () => {
  it('quotes what needs quoting and writes CRLF lines under a header', () => {
    const csv = toCsv(
      [
        { header: 'title', kind: 'text', value: (r: { t: string; n: number | null }) => r.t },
        { header: 'n', kind: 'value', value: (r: { t: string; n: number | null }) => r.n },
      ],
      [
        { t: 'plain', n: 1.5 },
        { t: 'with, comma', n: -2 },
        { t: 'with "quotes"\nand a line', n: null },
      ],
    );
    expect(csv).toBe('title,n\r\nplain,1.5\r\n"with, comma",-2\r\n"with ""quotes""\nand a line",\r\n');
  });

  it('defuses formulas in text cells but writes negative numbers as numbers', () => {
    expect(csvCell('=HYPERLINK("http://x")', 'text')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('+1', 'text')).toBe(`'+1`);
    expect(csvCell('@SUM(A1)', 'text')).toBe(`'@SUM(A1)`);
    expect(csvCell(-12.5)).toBe('-12.5');
    expect(csvCell(Number.NaN)).toBe('');
  });
});
