import { PackPeriod, packOf, packSha256, PackSection } from './pack';
import { reasonableDay, reviewNumber } from './management-review-rules';

const period: PackPeriod = {
  reviewId: 'r',
  meetingOn: '2027-01-20',
  from: '2026-01-01',
  to: '2026-12-31',
  fromDay: '2026-01-01',
  toDay: '2027-01-01',
  portfolioId: null,
  ambition: null,
  horizon: null,
};

const section = (key: string, clauses: PackSection['clauses']): PackSection => ({
  key,
  title: key,
  clauses,
  figures: { n: 1 },
  source: 'test',
});

describe('management review pack', () => {
  it('puts each section under its leading clause, in the standards’ order, leaving empty clauses out', () => {
    const pack = packOf(
      period,
      [section('audits', ['ISO9001-9.3.2c6', 'ISO56001-9.3.2']), section('previous', ['ISO9001-9.3.2a'])],
      new Date('2027-01-10T00:00:00Z'),
    );
    expect(pack.clauses.map((c) => [c.clause, c.sections.map((s) => s.key)])).toEqual([
      ['ISO9001-9.3.2a', ['previous']],
      ['ISO9001-9.3.2c6', ['audits']],
    ]);
  });

  it('hashes the canonical JSON: the same pack, the same hash; any figure changed, another', () => {
    const at = new Date('2027-01-10T00:00:00Z');
    const a = packOf(period, [section('previous', ['ISO9001-9.3.2a'])], at);
    const b = packOf(period, [section('previous', ['ISO9001-9.3.2a'])], at);
    expect(packSha256(a)).toBe(packSha256(b));
    const changed = packOf(period, [{ ...section('previous', ['ISO9001-9.3.2a']), figures: { n: 2 } }], at);
    expect(packSha256(changed)).not.toBe(packSha256(a));
    expect(packSha256(a)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('numbers reviews MR-0001 onwards', () => {
    expect(reviewNumber(7)).toBe('MR-0007');
    expect(reviewNumber(12345)).toBe('MR-12345');
  });

  it('takes days and instants of years 1970–9998 only (the database refuses year 0)', () => {
    expect(reasonableDay('2027-01-20')).toBe(true);
    expect(reasonableDay('0000-01-01')).toBe(false);
    expect(reasonableDay(new Date('9999-12-31T00:00:00Z'))).toBe(false);
  });
});
