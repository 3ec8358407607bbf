import { addDays, gateRow, gatesOf, utcDay } from '@ambidex/insights';
import fc from 'fast-check';
import { cycleTimesOf, passagesOf, percentileDisc, seriesOf, summarize } from './metrics-oracle';
import { decide, go, history, marksOf, OPEN, T0 } from './metrics-histories';

/** Gate decision rates and cycle times (passages between stage entries, nearest-rank percentiles). */
describe('gates', () => {
  it('rates are shares of the decisions, to four decimals, null without decisions', () => {
    expect(gateRow('G1', { go: 1, conditional_go: 1, kill: 1, hold: 0, recycle: 0 })).toEqual({
      gate: 'G1',
      decisions: 3,
      go: 1,
      conditionalGo: 1,
      kill: 1,
      hold: 0,
      recycle: 0,
      conversionRate: 0.6667,
      killRate: 0.3333,
      recycleRate: 0,
      holdRate: 0,
    });
    expect(gateRow('G2', { go: 0, conditional_go: 0, kill: 0, hold: 0, recycle: 0 })).toMatchObject({
      decisions: 0,
      conversionRate: null,
      killRate: null,
      recycleRate: null,
      holdRate: null,
    });
  });

  it('counts every decision, a recycled initiative each time', () => {
    const a = history('a', [
      decide('G1', 'recycle'),
      decide('G1', 'recycle'),
      go('G1'),
      decide('G2', 'hold'),
      { event: { kind: 'hold_expired' }, afterDays: 3 },
      decide('G2', 'kill'),
    ]);
    const [g1, g2, g3] = gatesOf(seriesOf(marksOf(a), OPEN));
    expect(g1).toMatchObject({ decisions: 3, recycle: 2, go: 1, conversionRate: 0.3333, recycleRate: 0.6667 });
    expect(g2).toMatchObject({ decisions: 2, hold: 1, kill: 1, killRate: 0.5, holdRate: 0.5 });
    expect(g3).toMatchObject({ decisions: 0, conversionRate: null });
  });
});

describe('cycle times', () => {
  it('a passage runs from one stage entry to the next; kills and stays in progress are no passage', () => {
    const a = history('a', [
      decide('G1', 'recycle', 5),
      go('G1', 7),
      decide('G2', 'hold', 3),
      { event: { kind: 'hold_expired' }, afterDays: 4 },
      go('G2', 6),
    ]);
    expect(passagesOf(a).map((p) => [p.stage, p.seconds / 86_400])).toEqual([
      ['explore', 12],
      ['experiment', 13],
    ]);
    expect(passagesOf(history('b', [go('G1', 5), decide('G2', 'kill', 9)])).map((p) => p.stage)).toEqual(['explore']);
  });

  it('a rejected handover starts a new develop passage', () => {
    const a = history('a', [
      go('G1', 1),
      go('G2', 2),
      go('G3', 3),
      { event: { kind: 'handover_rejected' }, afterDays: 4 },
      go('G3', 5),
      { event: { kind: 'handover_accepted' }, afterDays: 6 },
    ]);
    expect(passagesOf(a).map((p) => [p.stage, p.seconds / 86_400])).toEqual([
      ['explore', 1],
      ['experiment', 2],
      ['develop', 3],
      ['handover', 4],
      ['develop', 5],
      ['handover', 6],
    ]);
  });

  it('median and 85th percentile are nearest-rank, in days to two decimals, over passages that ended in the period', () => {
    const histories = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((d, k) => history(`i${k}`, [go('G1', d)], k));
    const rows = cycleTimesOf(histories.flatMap(passagesOf), OPEN);
    expect(rows[0]).toEqual({ stage: 'explore', medianDays: 5, p85Days: 9, samples: 10 });
    expect(rows[1]).toEqual({ stage: 'experiment', medianDays: null, p85Days: null, samples: 0 });
    const late = cycleTimesOf(histories.flatMap(passagesOf), {
      fromDay: addDays(utcDay(new Date(T0)), 12),
      toDay: null,
    });
    // Passage k (k = 0..9) starts on day k, lasts k + 1 days, so ends on day 2k + 1: four end on day 12 or later.
    expect(late[0]).toMatchObject({ samples: 4, medianDays: 8, p85Days: 10 });
  });

  it('percentileDisc is PostgreSQL percentile_disc: the first value reaching the fraction', () => {
    expect(percentileDisc([], 0.5)).toBeNull();
    expect(percentileDisc([7], 0.85)).toBe(7);
    expect(percentileDisc([1, 2], 0.5)).toBe(1);
    expect(percentileDisc([1, 2, 3, 4], 0.5)).toBe(2);
    expect(percentileDisc([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20], 0.85)).toBe(17);
    expect(percentileDisc([1, 2, 3], 0)).toBe(1);
    fc.assert(
      fc.property(
        fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { minLength: 1 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (values, p) => {
          const sorted = [...values].sort((a, b) => a - b);
          const v = percentileDisc(sorted, p) as number;
          // At least p of the samples are ≤ v, and fewer than p are < v.
          expect(sorted.filter((x) => x <= v).length).toBeGreaterThanOrEqual(p * sorted.length - 1e-9);
          expect(sorted.filter((x) => x < v).length).toBeLessThan(Math.max(1, p * sorted.length));
        },
      ),
    );
    expect(summarize([3, 1, 2])).toEqual({ samples: 3, p50: 2, p85: 3 });
  });
});
