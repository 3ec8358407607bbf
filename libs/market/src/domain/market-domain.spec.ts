import { budgetReturned, realisedShareOfForecast, vitalityIndex } from './market-figures';
import { endOfMonth, monthOf, monthsBack } from './market-period';
import { addMonths, postLaunchReviewJobId } from './market-rules';
import { parseValueCsv } from './value-entry';

describe('market periods', () => {
  it('reads a month or a day of it, and nothing else', () => {
    expect(monthOf('2026-03')).toBe('2026-03');
    expect(monthOf('2026-03-31')).toBe('2026-03');
    expect(monthOf('2026-02-30')).toBeNull();
    expect(monthOf('2026-13')).toBeNull();
    expect(monthOf('March')).toBeNull();
    expect(monthOf('0000-01')).toBeNull();
    expect(monthOf('9999-12-31')).toBeNull();
  });
  it('ends a month where the next begins and counts months back across a year', () => {
    expect(endOfMonth('2026-12').toISOString()).toBe('2027-01-01T00:00:00.000Z');
    expect(monthsBack('2026-03', 12)).toBe('2025-04');
  });
  it('adds calendar months, clamped to the end of a shorter month', () => {
    expect(addMonths(new Date('2026-08-31T10:00:00Z'), 6).toISOString()).toBe('2027-02-28T10:00:00.000Z');
    expect(addMonths(new Date('2026-01-15T00:00:00Z'), 12).toISOString()).toBe('2027-01-15T00:00:00.000Z');
  });
  it('names one job per product and review', () => {
    expect(postLaunchReviewJobId('abc', 6)).toBe('market-review-abc-6');
  });
});

describe('market figures', () => {
  const end = endOfMonth('2026-12');
  const product = (id: string, handedOverAt: string, revenue: number) => ({
    initiativeId: id,
    handedOverAt: new Date(handedOverAt),
    revenue,
    costSavings: 0,
  });

  it('counts revenue from products handed over in the three years before the period ends', () => {
    const index = vitalityIndex(
      [product('new', '2025-06-01T00:00:00Z', 300), product('old', '2022-06-01T00:00:00Z', 700)],
      end,
    );
    expect(index).toBe(0.3);
  });
  it('has no vitality index without revenue', () => {
    expect(vitalityIndex([product('a', '2025-06-01T00:00:00Z', 0)], end)).toBeNull();
    expect(vitalityIndex([], end)).toBeNull();
  });
  it('returns the reinvestment rate of revenue and savings to the budget, to the cent', () => {
    expect(budgetReturned(10, 1000.05, 500)).toBe(150.01);
    expect(budgetReturned(0, 1000, 500)).toBe(0);
  });
  it('compares realised value with a positive forecast only', () => {
    expect(realisedShareOfForecast(250, 1000)).toBe(0.25);
    expect(realisedShareOfForecast(250, null)).toBeNull();
    expect(realisedShareOfForecast(250, -5)).toBeNull();
  });
});

describe('the value CSV', () => {
  it('reads every row when all are valid, columns in any order, quotes allowed', () => {
    const result = parseValueCsv(
      'customers,month,revenue,cost_savings\r\n12,2026-01,"1000.50",20\n15,2026-02,1200,0\n',
    );
    expect(result).toEqual({
      ok: true,
      values: [
        { month: '2026-01', revenue: 1000.5, costSavings: 20, customers: 12 },
        { month: '2026-02', revenue: 1200, costSavings: 0, customers: 15 },
      ],
    });
  });
  it('names the row and column of each bad cell and imports nothing', () => {
    const result = parseValueCsv('month,revenue,cost_savings,customers\n2026-01,100,0,3\n2026-02,1.000,0,x\n');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.field)).toEqual(['csv.rows[2].customers']);
    expect(result.problems[0]?.reason).toMatch(/^row 2, column customers/);
  });
  it('refuses a month twice, a missing column and an unclosed quote', () => {
    const twice = parseValueCsv('month,revenue,cost_savings,customers\n2026-01,1,0,1\n2026-01,2,0,1');
    expect(twice.ok ? [] : twice.problems.map((p) => p.field)).toEqual(['csv.rows[2].month']);
    const header = parseValueCsv('month,revenue\n2026-01,1');
    expect(header.ok ? '' : header.problems[0]?.reason).toMatch(/cost_savings, customers/);
    expect(parseValueCsv('month,revenue,cost_savings,customers\n"2026-01,1,0,1').ok).toBe(false);
  });
  it('refuses negative amounts and more than two decimals', () => {
    const result = parseValueCsv('month,revenue,cost_savings,customers\n2026-01,-1,0.001,1');
    expect(result.ok ? [] : result.problems.map((p) => p.field)).toEqual([
      'csv.rows[1].revenue',
      'csv.rows[1].costSavings',
    ]);
  });
});
