import { addDays, DayPeriod, funnelOf, utcDay } from '@ambidex/insights';
import { ALL_EVENTS, INITIAL_STATE, StageState, transition } from '@ambidex/portfolio';
import fc from 'fast-check';
import { entersStage, HistoryEvent, leavesStage, measuresOf, seriesOf } from './metrics-oracle';
import { decide, go, history, marksOf, OPEN, T0 } from './metrics-histories';

/** The funnel and the stage movements it counts, against the oracle and as properties over legal histories. */
describe('movements', () => {
  const event = (over: Partial<HistoryEvent>): HistoryEvent => ({
    initiativeId: 'i',
    seq: 2,
    kind: 'decision',
    fromStage: 'explore',
    fromStatus: 'active',
    toStage: 'explore',
    toStatus: 'active',
    gate: 'G1',
    decision: 'recycle',
    occurredAt: new Date(T0),
    ...over,
  });

  it.each([
    ['creation', { kind: 'created', fromStage: null, fromStatus: null, gate: null, decision: null }, ['in.explore']],
    ['go', { toStage: 'experiment', decision: 'go' }, ['out.explore', 'in.experiment', 'G1.go']],
    [
      'conditional go',
      { toStage: 'experiment', decision: 'conditional_go' },
      ['out.explore', 'in.experiment', 'G1.conditional_go'],
    ],
    ['kill (leaves the stage in place)', { toStatus: 'killed', decision: 'kill' }, ['out.explore', 'G1.kill']],
    ['hold (stays)', { toStatus: 'on_hold', decision: 'hold' }, ['G1.hold']],
    ['recycle (stays)', {}, ['G1.recycle']],
    ['hold expired (stays)', { kind: 'hold_expired', fromStatus: 'on_hold', gate: null, decision: null }, []],
    [
      'handover accepted',
      {
        kind: 'handover_accepted',
        fromStage: 'handover',
        toStage: 'in_operation',
        toStatus: 'handed_over',
        gate: null,
        decision: null,
      },
      ['out.handover', 'in.in_operation'],
    ],
    [
      'handover rejected',
      { kind: 'handover_rejected', fromStage: 'handover', toStage: 'develop', gate: null, decision: null },
      ['out.handover', 'in.develop'],
    ],
    [
      'created killed (never in a stage)',
      { kind: 'created', fromStage: null, fromStatus: null, toStatus: 'killed', gate: null, decision: null },
      [],
    ],
  ] as [string, Partial<HistoryEvent>, string[]][])('%s counts as %j', (_name, over, measures) => {
    expect(measuresOf(event(over))).toEqual(measures);
  });

  it('every legal move enters at most one stage and leaves at most one', () => {
    const states: StageState[] = [
      INITIAL_STATE,
      { stage: 'develop', status: 'on_hold' },
      { stage: 'handover', status: 'active' },
    ];
    for (const from of states) {
      for (const e of ALL_EVENTS) {
        const result = transition(from, e);
        if (!result.ok) continue;
        const ev = {
          fromStage: from.stage,
          fromStatus: from.status,
          toStage: result.to.stage,
          toStatus: result.to.status,
        };
        // Entering and leaving go together exactly when the stage changes.
        expect(entersStage(ev) && leavesStage(ev)).toBe(from.stage !== result.to.stage);
      }
    }
  });
});

describe('funnel', () => {
  it('counts current, inflow and outflow per stage', () => {
    const a = history('a', [go('G1'), go('G2')]); // develop
    const b = history('b', [decide('G1', 'kill')]); // killed in explore
    const c = history('c', [decide('G1', 'hold')]); // on hold in explore: still in it
    const funnel = funnelOf(seriesOf([...marksOf(a), ...marksOf(b), ...marksOf(c)], OPEN));
    expect(funnel).toEqual([
      { stage: 'explore', current: 1, inflow: 3, outflow: 2 },
      { stage: 'experiment', current: 0, inflow: 1, outflow: 1 },
      { stage: 'develop', current: 1, inflow: 1, outflow: 0 },
      { stage: 'handover', current: 0, inflow: 0, outflow: 0 },
      { stage: 'in_operation', current: 0, inflow: 0, outflow: 0 },
    ]);
  });

  it('current is as of the end of the period; inflow and outflow count inside it only', () => {
    const a = history('a', [go('G1', 10), go('G2', 10)]); // explore d0, experiment d10, develop d20
    const period: DayPeriod = { fromDay: addDays(utcDay(new Date(T0)), 5), toDay: addDays(utcDay(new Date(T0)), 15) };
    expect(funnelOf(seriesOf(marksOf(a), period)).slice(0, 3)).toEqual([
      { stage: 'explore', current: 0, inflow: 0, outflow: 1 },
      { stage: 'experiment', current: 1, inflow: 1, outflow: 0 },
      { stage: 'develop', current: 0, inflow: 0, outflow: 0 },
    ]);
  });

  const movesArb = fc.array(
    fc.record({ event: fc.constantFrom(...ALL_EVENTS), afterDays: fc.integer({ min: 0, max: 40 }) }),
    { maxLength: 25 },
  );

  it('reconciles with the history: current = the initiatives whose last state is in the stage (property)', () => {
    fc.assert(
      fc.property(fc.array(movesArb, { minLength: 1, maxLength: 12 }), (histories) => {
        const all = histories.map((moves, k) => history(`i${k}`, moves, k));
        const funnel = funnelOf(
          seriesOf(
            all.flatMap((h) => marksOf(h)),
            OPEN,
          ),
        );
        for (const row of funnel) {
          const expected = all.filter((h) => {
            const last = h[h.length - 1] as HistoryEvent;
            return last.toStage === row.stage && last.toStatus !== 'killed';
          }).length;
          expect(row.current).toBe(expected);
        }
      }),
    );
  });

  it('current at the end = current at the start + inflow − outflow, for any period (property)', () => {
    fc.assert(
      fc.property(
        fc.array(movesArb, { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 0, max: 400 }),
        fc.integer({ min: 1, max: 400 }),
        (histories, start, length) => {
          const marks = histories.flatMap((moves, k) => marksOf(history(`i${k}`, moves, k)));
          const day0 = utcDay(new Date(T0));
          const from = addDays(day0, start);
          const to = addDays(from, length);
          const before = funnelOf(seriesOf(marks, { fromDay: null, toDay: from }));
          const during = funnelOf(seriesOf(marks, { fromDay: from, toDay: to }));
          during.forEach((row, i) => expect(row.current).toBe((before[i]?.current ?? 0) + row.inflow - row.outflow));
        },
      ),
    );
  });
});
